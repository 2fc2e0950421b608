/**
 * What a check may look at: a read-only view over the sandbox. Checks use these queries rather
 * than the sandbox's internals, so a check reads like the question it asks.
 */
import type { Sandbox } from '../index';
import type { Process } from '../kernel/process';

export interface World {
  /** The file's content as the host's login shell sees it, or null when there is none. */
  readFile(path: string): Promise<string | null>;
  isDirectory(path: string): Promise<boolean>;
  /** The live processes of the host. */
  processes(): Process[];
  /** The working directory of the shell the student is typing into. */
  cwd(): string;
  /** The hostname the active shell sees (its UTS namespace's). */
  hostname(): string;
  /** How many shells deep the terminal is (1 = the login shell). */
  shellDepth(): number;
  /** An exported or shell variable of the active shell. */
  variable(name: string): string | undefined;
  /** The sandbox itself, for checks that need more than these questions. */
  sandbox: Sandbox;
}

export function worldOf(sandbox: Sandbox): World {
  const host = sandbox.host;
  const fs = () => host.console.frames()[0].session.filesystem;
  return {
    sandbox,
    async readFile(path) {
      try {
        return await fs().readFile(path);
      } catch {
        return null;
      }
    },
    async isDirectory(path) {
      try {
        return (await fs().stat(path)).isDirectory;
      } catch {
        return false;
      }
    },
    processes: () => host.kernel.list(),
    cwd: () => host.console.top.session.getCwd(),
    hostname: () => {
      // The active shell may run on another host (ssh node01): ask that host's kernel.
      const kernel = host.console.top.host?.kernel ?? host.kernel;
      return kernel.uts(kernel.require(host.console.top.pid)).hostname;
    },
    shellDepth: () => host.console.depth,
    variable: (name) => host.console.top.session.variable(name),
  };
}
