/**
 * scp (OpenSSH 9.6, SFTP mode) between the lab's hosts: `scp FILE node01:` (into root's home),
 * `scp FILE node01:/tmp/`, `scp node01:FILE .`, `-r` for directories. Keys are set up, as for ssh.
 * On a terminal each file gets its progress-meter line; piped or redirected, scp prints nothing.
 */
import { defineCommand, type IFileSystem } from 'just-bash';
import { takeTtyFlag } from '../plugins/tty-mark';
import type { ShellContext } from '../context';
import { fail } from './result';

const USAGE = `usage: scp [-346ABCOpqRrsTv] [-c cipher] [-D sftp_server_path] [-F ssh_config]
           [-i identity_file] [-J destination] [-l limit] [-o ssh_option]
           [-P port] [-S program] [-X sftp_option] source ... target
`;
const WITH_VALUE = new Set(['-c', '-D', '-F', '-i', '-J', '-l', '-o', '-P', '-S', '-X']);

/** One side of the copy: a filesystem and an absolute path on it, and how the user wrote it. */
interface Place {
  fs: IFileSystem;
  path: string;
  written: string;
}

/** `[user@]host:path` (a colon before any slash), else a local path. */
function splitRemote(operand: string): { host: string; path: string } | undefined {
  const colon = operand.indexOf(':');
  if (colon <= 0 || operand.slice(0, colon).includes('/')) return undefined;
  return { host: operand.slice(0, colon).replace(/^[^@]*@/, ''), path: operand.slice(colon + 1) };
}

/** progressmeter.c's format_size (`%4lld%c%s`, units of 1024 past 9999) and format_rate. */
function formatSize(bytes: number): string {
  const unit = ' KMGT';
  let i = 0;
  for (; bytes >= 10000 && unit[i] !== 'T'; i++) bytes = Math.floor((bytes + 512) / 1024);
  return `${String(bytes).padStart(4)}${unit[i]}${i ? 'B' : ' '}`;
}

function formatRate(perSecond: number): string {
  const unit = ' KMGT';
  let bytes = perSecond * 100;
  let i = 0;
  for (; bytes >= 100 * 1000 && unit[i] !== 'T'; i++) bytes = Math.floor((bytes + 512) / 1024);
  if (i === 0) {
    i++;
    bytes = Math.floor((bytes + 512) / 1024);
  }
  return `${String(Math.floor((bytes + 5) / 100)).padStart(3)}.${Math.floor((bytes + 5) / 10) % 10}${unit[i]}${i ? 'B' : ' '}`;
}

/** The finished meter line for one file on an 80-column terminal (it took about a millisecond). */
function meter(name: string, size: number): string {
  return `${name.padEnd(44).slice(0, 44)} 100% ${formatSize(size)} ${formatRate(size * 1000)}/s   00:00    \n`;
}

async function statOf(fs: IFileSystem, path: string) {
  try {
    return await fs.stat(path);
  } catch {
    return undefined;
  }
}

const base = (path: string) => path.split('/').filter(Boolean).pop() ?? '';

export function scpCommand(ctx: ShellContext) {
  return defineCommand('scp', async (ttyArgs, commandContext) => {
    const { tty, args } = takeTtyFlag(ttyArgs);
    let recursive = false;
    let quiet = false;
    const operands: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (WITH_VALUE.has(arg)) i++;
      else if (arg.startsWith('-') && arg.length > 1 && operands.length === 0) {
        if (arg.includes('r')) recursive = true;
        if (arg.includes('q')) quiet = true;
      } else operands.push(arg);
    }
    if (operands.length < 2) return fail(USAGE, 1);
    /** The side an operand names, or the error scp prints when its host cannot be reached. */
    const placeOf = (operand: string): Place | string => {
      const remote = splitRemote(operand);
      if (!remote) return { fs: commandContext.fs, path: commandContext.fs.resolvePath(commandContext.cwd, operand), written: operand };
      const host = ctx.host.lan?.find(remote.host === 'localhost' ? ctx.host.hostname : remote.host);
      if (!host) return `ssh: Could not resolve hostname ${remote.host}: Name or service not known\nscp: Connection closed\n`;
      const sshd = host.services.state('ssh')?.mainPid;
      if (!sshd || !host.kernel.get(sshd)) return `ssh: connect to host ${remote.host} port 22: Connection refused\nscp: Connection closed\n`;
      const fs = host.mountsOf(host.kernel.require(1).ns.mnt).view;
      // A remote path is relative to the login's home directory (root's: /root).
      return { fs, path: remote.path.startsWith('/') ? remote.path : fs.resolvePath('/root', remote.path || '.'), written: remote.path || '.' };
    };
    const target = placeOf(operands.at(-1)!);
    if (typeof target === 'string') return fail(target, 255);
    let stdout = '';
    let stderr = '';
    let status = 0;
    const targetStat = await statOf(target.fs, target.path);
    if (operands.length > 2 && !targetStat?.isDirectory) return fail(`scp: ${target.written}: Not a directory\n`, 1);
    const copyFile = async (from: Place, to: string) => {
      const content = await from.fs.readFileBuffer(from.path);
      await target.fs.writeFile(to, content);
      const mode = (await from.fs.stat(from.path)).mode & 0o777;
      await target.fs.chmod(to, mode);
      if (tty && !quiet) stdout += meter(base(from.path), content.length);
    };
    const copyTree = async (from: Place, to: string): Promise<void> => {
      await target.fs.mkdir(to, { recursive: true });
      for (const name of (await from.fs.readdir(from.path)).sort()) {
        const child = { ...from, path: `${from.path}/${name}`, written: `${from.written}/${name}` };
        const stat = await from.fs.stat(child.path);
        if (stat.isDirectory) await copyTree(child, `${to}/${name}`);
        else await copyFile(child, `${to}/${name}`);
      }
    };
    for (const operand of operands.slice(0, -1)) {
      const source = placeOf(operand);
      if (typeof source === 'string') {
        stderr += source;
        status = 255;
        continue;
      }
      const stat = await statOf(source.fs, source.path);
      if (!stat) {
        stderr += `scp: ${source.written}: No such file or directory\n`;
        status = 1;
        continue;
      }
      const into = targetStat?.isDirectory ? `${target.path.replace(/\/$/, '')}/${base(source.path)}` : target.path;
      if (stat.isDirectory && !recursive) {
        stderr += `scp: ${source.written}: not a regular file\n`;
        status = 1;
        continue;
      }
      const parent = into.slice(0, into.lastIndexOf('/')) || '/';
      if (!(await statOf(target.fs, parent))?.isDirectory) {
        stderr += `scp: dest open "${into}": No such file or directory\nscp: failed to upload file ${source.written} to ${target.written}\n`;
        status = 1;
        continue;
      }
      try {
        if (stat.isDirectory) await copyTree(source, into);
        else await copyFile(source, into);
      } catch {
        stderr += `scp: ${target.written}: Permission denied\n`;
        status = 1;
      }
    }
    return { stdout, stderr, exitCode: status };
  });
}
