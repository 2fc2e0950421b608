/**
 * nsenter (util-linux 2.39): run a program in the namespaces of another process, the way you step
 * into a running container (`nsenter -t $(docker inspect -f '{{.State.Pid}}' web) -n ip addr`).
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../context';
import { getopt } from './getopt';
import { NAMESPACE_FLAGS, NAMESPACE_OPTIONS } from './namespace-flags';
import { launch } from './program';
import { fail, ok } from './result';

const SPEC = {
  long: {
    target: { short: 't', value: 'required' as const },
    all: { short: 'a' },
    ...NAMESPACE_OPTIONS,
    'no-fork': { short: 'F' },
    'preserve-credentials': {},
    root: { short: 'r', value: 'optional' as const },
    wd: { short: 'w', value: 'optional' as const },
    help: { short: 'h' },
    version: { short: 'V' },
  },
};

export function nsenterCommand(ctx: ShellContext) {
  return defineCommand('nsenter', async (args) => {
    const parsed = getopt('nsenter', args, SPEC);
    if ('error' in parsed) return fail(parsed.error);
    const { options, operands } = parsed;
    if (options.has('help')) return ok('\nUsage:\n nsenter [options] [<program> [<argument>...]]\n\nRun a program with namespaces of other processes.\n');
    if (options.has('version')) return ok('nsenter from util-linux 2.39.3\n');
    const { kernel } = ctx;
    const viewer = kernel.require(ctx.shellPid).ns.pid;
    const targetText = options.get('target');
    const wanted = options.has('all') ? NAMESPACE_FLAGS.filter(([, type]) => type !== 'user' && type !== 'time') : NAMESPACE_FLAGS.filter(([flag]) => options.has(flag));
    if (wanted.length === 0) return fail('nsenter: no namespace specified\nTry \'nsenter --help\' for more information.\n');
    if (typeof targetText !== 'string') return fail(`nsenter: neither filename nor target pid supplied for ns/${wanted[0][1]}\n`);
    if (!/^\d+$/.test(targetText)) return fail(`nsenter: failed to parse pid: '${targetText}'\n`);
    const target = kernel.findByPid(viewer, Number(targetText));
    if (!target) return fail(`nsenter: cannot open /proc/${targetText}/ns/${wanted[0][1]}: No such file or directory\n`);
    if (kernel.require(ctx.shellPid).uid !== 0) return fail(`nsenter: reassociate to namespace 'ns/${wanted[0][1]}' failed: Operation not permitted\n`);

    const program = operands.length > 0 ? operands : ['/bin/bash'];
    const nsenter = kernel.spawn({ parent: ctx.shellPid, argv: ['nsenter', ...args], rssKiB: 1_280, foreground: true });
    kernel.enter(nsenter.pid, target.pid, wanted.map(([, type]) => type));
    // Entering a pid namespace affects children only, so nsenter forks unless told not to.
    const forks = wanted.some(([, type]) => type === 'pid') && !options.has('no-fork');
    const child = forks ? kernel.spawn({ parent: nsenter.pid, argv: program, foreground: true, rssKiB: 4_096 }) : nsenter;
    if (!forks) child.argv = program;
    // With the target's mount namespace comes its filesystem, and its working directory.
    const cwd = wanted.some(([, type]) => type === 'mnt') ? '/' : ctx.host.console.top.session.getCwd();
    return launch(ctx, nsenter, child, program, cwd);
  });
}
