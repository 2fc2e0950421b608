/**
 * mount and umount (util-linux 2.39) over the caller's mount namespace: `mount` lists the table;
 * `mount -t overlay overlay -o lowerdir=...,upperdir=...,workdir=... DIR` builds an overlay from
 * host directories; `-t proc`, `-t tmpfs` and `--bind` work too. Errors use util-linux's words.
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../context';
import { asProcess } from './as-process';
import { getopt } from './getopt';
import { fail, ok } from './result';

const SPEC = {
  long: {
    types: { short: 't', value: 'required' as const },
    options: { short: 'o', value: 'required' as const },
    bind: { short: 'B' },
    'read-only': { short: 'r' },
    verbose: { short: 'v' },
    all: { short: 'a' },
    help: { short: 'h' },
  },
  permute: true,
};

const BAD_MOUNT = (target: string) =>
  `mount: ${target}: wrong fs type, bad option, bad superblock on overlay, missing codepage or helper program, or other error.\n       dmesg(1) may have more information after failed mount system call.\n`;

export function mountCommand(ctx: ShellContext) {
  return defineCommand('mount', async (args, commandContext) =>
    asProcess(ctx, ['mount', ...args], async ({ pid }) => {
      const parsed = getopt('mount', args, SPEC);
      if ('error' in parsed) return fail(parsed.error);
      const { options, operands } = parsed;
      const table = ctx.mounts;
      const resolve = (p: string) => table.view.resolvePath(commandContext.cwd, p);
      if (operands.length === 0) {
        const type = options.get('types');
        return ok(
          table
            .list()
            .filter((m) => !type || m.fstype === type)
            .map((m) => `${m.source} on ${m.target} type ${m.fstype} (${m.options})\n`)
            .join(''),
        );
      }
      if (ctx.kernel.require(pid).uid !== 0) return fail('mount: only root can do that.\n');
      const [source, rawTarget] = operands.length === 1 ? [operands[0], operands[0]] : operands;
      const target = resolve(rawTarget);
      if (!(await table.view.exists(target))) return fail(`mount: ${target}: mount point does not exist.\n`, 32);
      if (!(await table.view.stat(target)).isDirectory) return fail(`mount: ${target}: mount point is not a directory.\n`, 32);
      const mountOptions = String(options.get('options') ?? '');
      const type = options.has('bind') ? 'bind' : String(options.get('types') ?? '');
      if (type === 'overlay') {
        const settings = new Map(mountOptions.split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string | undefined]));
        const lower = settings.get('lowerdir');
        const upper = settings.get('upperdir');
        const work = settings.get('workdir');
        if (!lower) return fail(BAD_MOUNT(target), 32);
        if ((upper && !work) || (!upper && work)) return fail(BAD_MOUNT(target), 32);
        const dirs = [...lower.split(':'), ...(upper ? [upper, work!] : [])].map(resolve);
        for (const dir of dirs) if (!(await isDirectory(ctx, dir))) return fail(`mount: ${target}: special device ${source} does not exist.\n`, 32);
        if (work) {
          const workdir = `${resolve(work)}/work`;
          await ctx.host.layerRoot().mkdir(workdir, { recursive: true });
          await ctx.host.layerRoot().chmod(workdir, 0);
        }
        const resolved = [`lowerdir=${lower.split(':').map(resolve).join(':')}`, ...(upper ? [`upperdir=${resolve(upper)}`, `workdir=${resolve(work!)}`] : [])];
        const spec = { kind: 'overlay' as const, lower: lower.split(':').map(resolve), upper: upper ? resolve(upper) : undefined, work: work ? resolve(work) : undefined };
        table.mount({ source, target, fstype: 'overlay', options: `rw,relatime,${resolved.join(',')},uuid=on`, fs: ctx.host.mountFilesystem(spec), spec });
        return ok();
      }
      if (type === 'proc') {
        const spec = { kind: 'proc' as const, pidNamespace: ctx.kernel.require(pid).ns.pid };
        table.mount({ source, target, fstype: 'proc', options: 'rw,relatime', fs: ctx.host.mountFilesystem(spec), spec });
        return ok();
      }
      if (type === 'tmpfs') {
        const spec = { kind: 'tmpfs' as const };
        table.mount({ source, target, fstype: 'tmpfs', options: 'rw,relatime,inode64', fs: ctx.host.mountFilesystem(spec), spec });
        return ok();
      }
      if (type === 'bind') {
        const from = resolve(source);
        if (!(await table.view.exists(from))) return fail(`mount: ${target}: special device ${from} does not exist.\n`, 32);
        const spec = { kind: 'bind' as const, from };
        table.mount({ source: '/dev/root', target, fstype: 'ext4', options: 'rw,relatime', fs: ctx.host.mountFilesystem(spec), spec });
        return ok();
      }
      if (type === '') return fail(`mount: ${target}: can't find in /etc/fstab.\n`, 1);
      return fail(`mount: ${target}: unknown filesystem type '${type}'.\n       dmesg(1) may have more information after failed mount system call.\n`, 32);
    }),
  );
}

export function umountCommand(ctx: ShellContext) {
  return defineCommand('umount', async (args, commandContext) =>
    asProcess(ctx, ['umount', ...args], () => {
      const targets = args.filter((a) => !a.startsWith('-'));
      if (targets.length === 0) return fail('umount: bad usage\nTry \'umount --help\' for more information.\n', 1);
      for (const raw of targets) {
        const target = ctx.mounts.view.resolvePath(commandContext.cwd, raw);
        if (!ctx.mounts.list().some((m) => m.target === target)) return fail(`umount: ${target}: not mounted.\n`, 32);
        if (target === '/') return fail('umount: /: target is busy.\n', 32);
        ctx.mounts.unmount(target);
      }
      return ok();
    }),
  );
}

async function isDirectory(ctx: ShellContext, path: string): Promise<boolean> {
  try {
    return (await ctx.mounts.view.stat(path)).isDirectory;
  } catch {
    return false;
  }
}
