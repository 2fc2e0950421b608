/**
 * nsenter (util-linux 2.39): run a program in the namespaces of another process, the way you step
 * into a running container (`nsenter -t $(docker inspect -f '{{.State.Pid}}' web) -n ip addr`).
 */
import { defineCommand } from 'just-bash';
import type { NamespaceType } from '../../kernel/namespaces';
import type { ShellContext } from '../context';
import { getopt } from './getopt';
import { isInteractiveShell, runProgram } from './program';
import { fail, ok } from './result';

const SPEC = {
  long: {
    target: { short: 't', value: 'required' as const },
    all: { short: 'a' },
    mount: { short: 'm', value: 'optional' as const },
    uts: { short: 'u', value: 'optional' as const },
    ipc: { short: 'i', value: 'optional' as const },
    net: { short: 'n', value: 'optional' as const },
    pid: { short: 'p', value: 'optional' as const },
    user: { short: 'U', value: 'optional' as const },
    cgroup: { short: 'C', value: 'optional' as const },
    time: { short: 'T', value: 'optional' as const },
    'no-fork': { short: 'F' },
    'preserve-credentials': {},
    root: { short: 'r', value: 'optional' as const },
    wd: { short: 'w', value: 'optional' as const },
    help: { short: 'h' },
    version: { short: 'V' },
  },
};

const FLAGS: [string, NamespaceType, string][] = [
  ['mount', 'mnt', 'mnt'], ['uts', 'uts', 'uts'], ['ipc', 'ipc', 'ipc'], ['net', 'net', 'net'],
  ['pid', 'pid', 'pid'], ['user', 'user', 'user'], ['cgroup', 'cgroup', 'cgroup'], ['time', 'time', 'time'],
];

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
    const wanted = options.has('all') ? FLAGS.filter(([, type]) => type !== 'user' && type !== 'time') : FLAGS.filter(([flag]) => options.has(flag));
    if (wanted.length === 0) return fail('nsenter: no namespace specified\nTry \'nsenter --help\' for more information.\n');
    if (typeof targetText !== 'string') return fail(`nsenter: neither filename nor target pid supplied for ns/${wanted[0][2]}\n`);
    if (!/^\d+$/.test(targetText)) return fail(`nsenter: failed to parse pid: '${targetText}'\n`);
    const target = kernel.findByPid(viewer, Number(targetText));
    if (!target) return fail(`nsenter: cannot open /proc/${targetText}/ns/${wanted[0][2]}: No such file or directory\n`);
    if (kernel.require(ctx.shellPid).uid !== 0) return fail(`nsenter: reassociate to namespace 'ns/${wanted[0][2]}' failed: Operation not permitted\n`);

    const program = operands.length > 0 ? operands : ['/bin/bash'];
    const nsenter = kernel.spawn({ parent: ctx.shellPid, argv: ['nsenter', ...args], rssKiB: 1_280, foreground: true });
    kernel.enter(nsenter.pid, target.pid, wanted.map(([, type]) => type));
    // Entering a pid namespace affects children only, so nsenter forks unless told not to.
    const forks = wanted.some(([, type]) => type === 'pid') && !options.has('no-fork');
    const child = forks ? kernel.spawn({ parent: nsenter.pid, argv: program, foreground: true, rssKiB: 4_096 }) : nsenter;
    if (!forks) child.argv = program;
    const finish = (status: number) => {
      if (kernel.get(child.pid)) kernel.exit(child.pid, status);
      if (kernel.get(nsenter.pid)) kernel.exit(nsenter.pid, status);
    };
    // With the target's mount namespace comes its filesystem, and its working directory.
    const cwd = wanted.some(([, type]) => type === 'mnt') ? '/' : ctx.host.console.top.session.getCwd();
    if (isInteractiveShell(program)) {
      child.comm = 'bash';
      const session = ctx.host.openShell(child.pid, cwd);
      await session.start();
      ctx.host.console.push(ctx.host.shellFrame(child.pid, session, finish));
      return ok();
    }
    const result = await runProgram(ctx, child.pid, program, cwd);
    finish(result.exitCode);
    return result;
  });
}
