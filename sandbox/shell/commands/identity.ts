/**
 * Who and where: `whoami`, `hostname` (the caller's UTS namespace, so a name set inside
 * `unshare --uts` stays there) and `uname`.
 */
import { defineCommand } from 'just-bash';
import { MACHINE } from '../../kernel/machine';
import type { ShellContext } from '../context';
import { asProcess } from './as-process';
import { fail, ok } from './result';

export function whoamiCommand(ctx: ShellContext) {
  return defineCommand('whoami', async (args) => {
    if (args.length > 0) return fail(`whoami: extra operand '${args[0]}'\nTry 'whoami --help' for more information.\n`);
    return ok(`${ctx.kernel.require(ctx.shellPid).uid === 0 ? 'root' : 'student'}\n`);
  });
}

export function hostnameCommand(ctx: ShellContext) {
  return defineCommand('hostname', async (args, commandContext) =>
    asProcess(ctx, ['hostname', ...args], async ({ pid }) => {
      const uts = ctx.kernel.uts(ctx.kernel.require(pid));
      const flags = args.filter((a) => a.startsWith('-'));
      const names = args.filter((a) => !a.startsWith('-'));
      for (const flag of flags) {
        if (!['-s', '--short', '-f', '--fqdn', '--long', '-i', '--ip-address', '-I', '--all-ip-addresses', '-d', '--domain'].includes(flag)) {
          return fail(`hostname: invalid option -- '${flag.replace(/^-+/, '')}'\nUsage: hostname [-b] {hostname|-F file}         set host name (from file)\n`);
        }
      }
      if (flags.includes('-i') || flags.includes('--ip-address') || flags.includes('-I') || flags.includes('--all-ip-addresses')) {
        // The addresses of the caller's own network namespace, loopback left out.
        const addresses = ctx.host.network
          .of(ctx.kernel.require(pid).ns.net)
          .interfaces.filter((i) => i.kind !== 'loopback' && i.up)
          .flatMap((i) => i.addresses.map((a) => a.split('/')[0]));
        if (flags.includes('-i') || flags.includes('--ip-address')) return addresses.length > 0 ? ok(`${addresses[0]}\n`) : fail('hostname: Name or service not known\n');
        return ok(`${addresses.map((a) => `${a} `).join('')}\n`);
      }
      if (flags.includes('-d') || flags.includes('--domain')) return ok('\n');
      if (names.length === 0) return ok(`${flags.some((f) => f === '-s' || f === '--short') ? uts.hostname.split('.')[0] : uts.hostname}\n`);
      const caller = ctx.kernel.require(pid);
      // sethostname(2) needs CAP_SYS_ADMIN, which a container's default capabilities leave out.
      if (caller.confined) return fail((await isBusybox(commandContext.fs, '/bin/hostname')) ? 'hostname: sethostname: Operation not permitted\n' : 'hostname: you must be root to change the host name\n');
      if (caller.uid !== 0) return fail('hostname: you must be root to change the host name\n');
      if (names[0].length > 64) return fail('hostname: name too long\n');
      ctx.kernel.setHostname(pid, names[0]);
      return ok();
    }),
  );
}

/** BusyBox's applets word their errors differently from GNU's. */
async function isBusybox(fs: { readlink(path: string): Promise<string> }, applet: string): Promise<boolean> {
  try {
    return (await fs.readlink(applet)).endsWith('busybox');
  } catch {
    return false;
  }
}

const UNAME_FIELDS: [string, string, (ctx: ShellContext, pid: number) => string][] = [
  ['s', 'kernel-name', () => 'Linux'],
  ['n', 'nodename', (ctx, pid) => ctx.kernel.uts(ctx.kernel.require(pid)).hostname],
  ['r', 'kernel-release', () => MACHINE.kernelRelease],
  ['v', 'kernel-version', () => MACHINE.kernelVersion],
  ['m', 'machine', () => MACHINE.arch],
  ['p', 'processor', () => MACHINE.arch],
  ['i', 'hardware-platform', () => MACHINE.arch],
  ['o', 'operating-system', () => 'GNU/Linux'],
];

export function unameCommand(ctx: ShellContext) {
  return defineCommand('uname', async (args) =>
    asProcess(ctx, ['uname', ...args], ({ pid }) => {
      const wanted = new Set<string>();
      for (const arg of args) {
        if (arg === '-a' || arg === '--all') UNAME_FIELDS.forEach(([short]) => wanted.add(short));
        else if (arg.startsWith('--')) {
          const field = UNAME_FIELDS.find(([, long]) => long === arg.slice(2));
          if (!field) return fail(`uname: unrecognized option '${arg}'\nTry 'uname --help' for more information.\n`);
          wanted.add(field[0]);
        } else if (arg.startsWith('-')) {
          for (const letter of arg.slice(1)) {
            if (!UNAME_FIELDS.some(([short]) => short === letter)) return fail(`uname: invalid option -- '${letter}'\nTry 'uname --help' for more information.\n`);
            wanted.add(letter);
          }
        } else return fail(`uname: extra operand '${arg}'\nTry 'uname --help' for more information.\n`);
      }
      if (wanted.size === 0) wanted.add('s');
      return ok(UNAME_FIELDS.filter(([short]) => wanted.has(short)).map(([, , value]) => value(ctx, pid)).join(' ') + '\n');
    }),
  );
}
