/**
 * A simulated host: its filesystem and the interactive shell a student gets on it.
 * The kernel model (processes, namespaces, cgroups) joins here in the host issue.
 */
import { InMemoryFs } from 'just-bash';
import { writeHostRoot } from './fs/host-root';
import { restoreFs, snapshotFs, type FsSnapshot } from './fs/snapshot';
import { identityCommands } from './shell/commands/identity';
import { ShellSession, type ShellSnapshot } from './shell/session';

export interface HostOptions {
  hostname: string;
  address: string;
  elapsed: () => number;
}

export interface HostSnapshot {
  hostname: string;
  address: string;
  fs: FsSnapshot;
  shell: ShellSnapshot;
}

/** The pid of the student's login shell on a fresh host: after systemd, the services and sshd. */
const LOGIN_SHELL_PID = 1342;

export class Host {
  readonly hostname: string;
  readonly address: string;
  readonly fs: InMemoryFs;
  readonly shell: ShellSession;

  private constructor(options: HostOptions, fs: InMemoryFs) {
    this.hostname = options.hostname;
    this.address = options.address;
    this.fs = fs;
    this.shell = new ShellSession({
      fs,
      hostname: options.hostname,
      user: 'root',
      home: '/root',
      processInfo: { pid: LOGIN_SHELL_PID, ppid: LOGIN_SHELL_PID - 1, uid: 0, gid: 0 },
      commands: identityCommands(() => this.shell.identity),
      elapsed: options.elapsed,
    });
  }

  static async boot(options: HostOptions): Promise<Host> {
    const fs = new InMemoryFs();
    writeHostRoot(fs, options);
    const host = new Host(options, fs);
    await host.shell.start();
    return host;
  }

  static async restore(saved: HostSnapshot, elapsed: () => number): Promise<Host> {
    const host = new Host({ hostname: saved.hostname, address: saved.address, elapsed }, await restoreFs(saved.fs));
    host.shell.restore(saved.shell);
    return host;
  }

  async snapshot(): Promise<HostSnapshot> {
    return { hostname: this.hostname, address: this.address, fs: await snapshotFs(this.fs), shell: this.shell.snapshot() };
  }
}
