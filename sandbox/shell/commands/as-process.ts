/**
 * Runs a command as a process of the shell that started it, so `ps` lists itself, /proc/self is the
 * command, and cgroup limits apply to it. The process exits when the command returns.
 */
import { KernelError } from '../../core/errors';
import type { ShellContext } from '../context';
import { fail, type CommandResult } from './result';

export interface CommandProcess {
  pid: number;
}

export async function asProcess(
  ctx: ShellContext,
  argv: string[],
  run: (self: CommandProcess) => Promise<CommandResult> | CommandResult,
  rssKiB = 3_456,
): Promise<CommandResult> {
  // A process started for exactly this command becomes it, rather than forking a second one.
  const own = ctx.host.execInto === ctx.shellPid ? ctx.kernel.get(ctx.shellPid) : undefined;
  if (own && own.argv[0]?.split('/').pop() === argv[0]) {
    ctx.host.execInto = null;
    return run({ pid: own.pid });
  }
  let pid: number;
  try {
    pid = ctx.kernel.spawn({ parent: ctx.shellPid, argv, state: 'R', foreground: true, rssKiB, vszKiB: rssKiB * 3 }).pid;
  } catch (error) {
    // fork() failing under pids.max: bash reports it and the command never starts.
    if (error instanceof KernelError && error.code === 'EAGAIN') return fail(`bash: fork: retry: ${error.text}\n`, 254);
    throw error;
  }
  const previous = ctx.host.runningPid;
  ctx.host.runningPid = pid;
  try {
    return await run({ pid });
  } finally {
    ctx.kernel.exit(pid, 0);
    ctx.host.runningPid = previous !== null && ctx.kernel.get(previous) ? previous : null;
  }
}
