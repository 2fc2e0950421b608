/**
 * unshare (util-linux 2.39): run a program in new namespaces. With --pid the *children* of unshare
 * land in the new pid namespace, which is why --fork matters; --mount-proc mounts a /proc that shows
 * that namespace; with no program it starts $SHELL, a nested interactive shell.
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../context';
import { getopt } from './getopt';
import { NAMESPACE_FLAGS, NAMESPACE_OPTIONS } from './namespace-flags';
import { launch } from './program';
import { fail, ok } from './result';

const SPEC = {
  long: {
    ...NAMESPACE_OPTIONS,
    fork: { short: 'f' },
    'mount-proc': { value: 'optional' as const },
    'map-root-user': { short: 'r' },
    'map-current-user': { short: 'c' },
    'kill-child': { value: 'optional' as const },
    propagation: { value: 'required' as const },
    help: { short: 'h' },
    version: { short: 'V' },
  },
};

const HELP = `
Usage:
 unshare [options] [<program> [<argument>...]]

Run a program with some namespaces unshared from the parent.

Options:
 -m, --mount[=<file>]      unshare mounts namespace
 -u, --uts[=<file>]        unshare UTS namespace (hostname etc)
 -i, --ipc[=<file>]        unshare System V IPC namespace
 -n, --net[=<file>]        unshare network namespace
 -p, --pid[=<file>]        unshare pid namespace
 -U, --user[=<file>]       unshare user namespace
 -C, --cgroup[=<file>]     unshare cgroup namespace
 -T, --time[=<file>]       unshare time namespace

 -f, --fork                fork before launching <program>
 --map-current-user        map current user to itself (implies --user)
 -r, --map-root-user       map current user to root (implies --user)
 --mount-proc[=<dir>]      mount proc filesystem first (implies --mount)

 -h, --help                display this help
 -V, --version             display version

For more details see unshare(1).
`;

export function unshareCommand(ctx: ShellContext) {
  return defineCommand('unshare', async (args) => {
    const parsed = getopt('unshare', args, SPEC);
    if ('error' in parsed) return fail(parsed.error);
    const { options, operands } = parsed;
    if (options.has('help')) return ok(HELP.slice(1));
    if (options.has('version')) return ok('unshare from util-linux 2.39.3\n');
    if (ctx.kernel.require(ctx.shellPid).uid !== 0 && !options.has('map-root-user') && !options.has('user')) {
      return fail('unshare: unshare failed: Operation not permitted\n');
    }
    if (options.has('mount-proc')) options.set('mount', true);
    if (options.has('map-root-user') || options.has('map-current-user')) options.set('user', true);
    const types = NAMESPACE_FLAGS.filter(([flag]) => options.has(flag)).map(([, type]) => type);
    const program = operands.length > 0 ? operands : ['/bin/bash'];

    // unshare runs as a child of the shell; unshare(2) moves it into the new namespaces.
    const unshare = ctx.kernel.spawn({ parent: ctx.shellPid, argv: ['unshare', ...args], rssKiB: 1_536, foreground: true });
    const callerMounts = ctx.host.mountsOf(unshare.ns.mnt);
    ctx.kernel.unshare(unshare.pid, types);
    if (types.includes('mnt')) ctx.host.setMountTable(unshare.ns.mnt, callerMounts.clone());
    const target = options.has('fork') ? ctx.kernel.spawn({ parent: unshare.pid, argv: program, foreground: true, rssKiB: 5_120 }) : unshare;
    if (!options.has('fork')) target.argv = program;
    if (options.has('mount-proc')) {
      const dir = typeof options.get('mount-proc') === 'string' ? String(options.get('mount-proc')) : '/proc';
      const pidNs = ctx.kernel.pidForChildren(unshare);
      const spec = { kind: 'proc' as const, pidNamespace: pidNs };
      ctx.host.mountsOf(target.ns.mnt).mount({ source: 'proc', target: dir, fstype: 'proc', options: 'rw,nosuid,nodev,noexec,relatime', fs: ctx.host.mountFilesystem(spec), spec });
    }
    return launch(ctx, unshare, target, program, ctx.host.console.top.session.getCwd());
  });
}
