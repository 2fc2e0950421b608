/**
 * ssh (OpenSSH 9.6 on Ubuntu 24.04) between the lab's hosts. `ssh node01` logs in: the remote
 * sshd starts a session process and a login bash, whose prompt takes over the terminal until
 * `exit` ("logout", "Connection to node01 closed."). `ssh node01 CMD` runs one command there and
 * prints its output. Keys are set up, as in a prepared lab: no password or host-key question.
 */
import { defineCommand } from 'just-bash';
import { SIGNALS } from '../../kernel/process';
import type { Host } from '../../host';
import type { ShellContext } from '../context';
import type { ConsoleFrame } from '../console';
import type { ShellSession } from '../session';
import { fail } from './result';

const USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]
           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]
           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]
           [-J destination] [-L address] [-l login_name] [-m mac_spec]
           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]
           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]
           destination [command [argument ...]]
`;

/** Flags that take a value (skipped with it); the rest are accepted and change nothing here. */
const WITH_VALUE = new Set(['-B', '-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-P', '-p', '-R', '-S', '-W', '-w']);

function banner(): string {
  return 'Welcome to Ubuntu 24.04.1 LTS (GNU/Linux 6.8.0-49-generic x86_64)\n\n * Documentation:  https://help.ubuntu.com\n * Management:     https://landscape.canonical.com\n * Support:        https://ubuntu.com/pro\n\n';
}

/** On `remote`: sshd's per-connection process and the login shell under it, in a new session scope. */
function login(remote: Host, argv: string[]): { sessionPid: number; shellPid: number } | null {
  const sshd = remote.services.state('ssh')?.mainPid;
  if (!sshd || !remote.kernel.get(sshd)) return null;
  const scopes = remote.kernel.cgroups.children('/user.slice/user-0.slice').length;
  const scope = `/user.slice/user-0.slice/session-${scopes + 1}.scope`;
  if (!remote.kernel.cgroups.get(scope)) remote.kernel.makeCgroup(scope);
  const terminal = argv[0] === '-bash' ? `pts/${scopes}` : null;
  const session = remote.kernel.spawn({ parent: sshd, argv: [terminal ? `sshd: root@${terminal}` : 'sshd: root@notty'], comm: 'sshd', cgroup: scope, rssKiB: 10_880, vszKiB: 17_280, sessionLeader: true });
  const shell = remote.kernel.spawn({ parent: session.pid, argv, comm: 'bash', tty: terminal, rssKiB: 5_376, vszKiB: 8_784, sessionLeader: true, survives: terminal ? [SIGNALS.TERM, SIGNALS.INT, SIGNALS.QUIT] : undefined });
  return { sessionPid: session.pid, shellPid: shell.pid };
}

/** The terminal's frame for a login shell on `remote`; leaving it ends the shell and its sshd session. */
export function sshFrame(remote: Host, shellPid: number, session: ShellSession, name: string): ConsoleFrame {
  const frame: ConsoleFrame = {
    session,
    pid: shellPid,
    host: remote,
    via: 'ssh',
    farewell: `logout\nConnection to ${name} closed.\n`,
    onExit: (status) => {
      const sessionPid = remote.kernel.get(shellPid)?.ppid;
      remote.kernel.exit(shellPid, status);
      if (sessionPid && remote.kernel.get(sessionPid)?.comm === 'sshd') remote.kernel.exit(sessionPid, 0);
      remote.console.leave(frame);
    },
  };
  return frame;
}

export function sshCommand(ctx: ShellContext) {
  return defineCommand('ssh', async (args, commandContext) => {
    let destination: string | undefined;
    let command: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (destination === undefined && WITH_VALUE.has(arg)) i++;
      else if (destination === undefined && arg.startsWith('-')) continue;
      else if (destination === undefined) destination = arg;
      else {
        command = args.slice(i);
        break;
      }
    }
    if (!destination) return fail(USAGE, 255);
    const name = destination.replace(/^[^@]*@/, '');
    const remote = ctx.host.lan?.find(name === 'localhost' ? ctx.host.hostname : name);
    if (!remote) return fail(`ssh: Could not resolve hostname ${name}: Name or service not known\n`, 255);
    const pids = login(remote, command.length > 0 ? ['bash', '-c', command.join(' ')] : ['-bash']);
    if (!pids) return fail(`ssh: connect to host ${name} port 22: Connection refused\n`, 255);

    if (command.length > 0) {
      // One command in a non-interactive shell: ssh's stdin goes over the connection to it, its output comes back.
      const session = remote.openShell(pids.shellPid);
      const result = await session.run(command.join(' '), commandContext.signal, String(commandContext.stdin ?? ''));
      remote.kernel.exit(pids.shellPid, result.exitCode);
      remote.kernel.exit(pids.sessionPid, 0);
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
    }

    const session = remote.openShell(pids.shellPid);
    await session.start();
    const frame = sshFrame(remote, pids.shellPid, session, name);
    // The remote shell is that host's active shell too, for what its commands read (/proc/self, cwd).
    if (remote !== ctx.host) remote.console.enter(frame);
    ctx.host.console.push(frame);
    return { stdout: banner(), stderr: '', exitCode: 0 };
  });
}
