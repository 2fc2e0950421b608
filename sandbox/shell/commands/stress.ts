/**
 * stress (1.0.7): forks workers that spin on the CPU (`--cpu`) or allocate memory (`--vm`,
 * `--vm-bytes`) inside the caller's cgroup, so limits bite: a vm worker past memory.max is
 * OOM-killed (the kernel model picks it), and stress reports the lost worker as the real one does.
 */
import { defineCommand } from 'just-bash';
import { KernelError } from '../../core/errors';
import { runBusy } from '../../kernel/cpu';
import { chargeMemory } from '../../kernel/oom';
import { SIGNALS } from '../../kernel/process';
import type { ShellContext } from '../context';
import { getopt } from './getopt';
import { fail, ok } from './result';

const SPEC = {
  long: {
    cpu: { short: 'c', value: 'required' as const },
    io: { short: 'i', value: 'required' as const },
    vm: { short: 'm', value: 'required' as const },
    'vm-bytes': { value: 'required' as const },
    'vm-keep': {},
    'vm-hang': { value: 'required' as const },
    hdd: { short: 'd', value: 'required' as const },
    timeout: { short: 't', value: 'required' as const },
    quiet: { short: 'q' },
    verbose: { short: 'v' },
    'dry-run': { short: 'n' },
    backoff: { value: 'required' as const },
    help: { short: '?' },
    version: {},
  },
};

const USAGE = `\`stress' imposes certain types of compute stress on your system

Usage: stress [OPTION [ARG]] ...
 -?, --help         show this help statement
     --version      show version statement
 -v, --verbose      be verbose
 -q, --quiet        be quiet
 -n, --dry-run      show what would have been done
 -t, --timeout N    timeout after N seconds
     --backoff N    wait factor of N microseconds before work starts
 -c, --cpu N        spawn N workers spinning on sqrt()
 -i, --io N         spawn N workers spinning on sync()
 -m, --vm N         spawn N workers spinning on malloc()/free()
     --vm-bytes B   malloc B bytes per vm worker (default is 256MB)
     --vm-keep      redirty memory instead of freeing and reallocating
 -d, --hdd N        spawn N workers spinning on write()/unlink()

Example: stress --cpu 8 --io 4 --vm 2 --vm-bytes 128M --timeout 10s

Note: Numbers may be suffixed with s,m,h,d,y (time) or B,K,M,G (size).
`;

const SIZE = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>;
const TIME = { s: 1, m: 60, h: 3600, d: 86400, y: 31536000 } as Record<string, number>;

function parseSuffixed(value: string, units: Record<string, number>): number | null {
  const match = /^(\d+)([a-zA-Z]?)$/.exec(value);
  if (!match) return null;
  const unit = match[2].toLowerCase();
  if (unit && !(unit in units)) return null;
  return Number(match[1]) * (unit ? units[unit] : 1);
}

export function stressCommand(ctx: ShellContext) {
  return defineCommand('stress', async (args, commandContext) => {
    const parsed = getopt('stress', args, SPEC);
    if ('error' in parsed) return fail(parsed.error);
    const { options } = parsed;
    if (options.has('help') || args.length === 0) return ok(USAGE);
    if (options.has('version')) return ok('stress 1.0.7\n');
    const count = (name: string) => (options.has(name) ? Number(options.get(name)) : 0);
    const cpu = count('cpu');
    const io = count('io');
    const vm = count('vm');
    const hdd = count('hdd');
    const vmBytes = options.has('vm-bytes') ? parseSuffixed(String(options.get('vm-bytes')), SIZE) : 256 * 1024 ** 2;
    const timeout = options.has('timeout') ? parseSuffixed(String(options.get('timeout')), TIME) : null;
    const { kernel } = ctx;
    const quiet = options.has('quiet');
    let stress;
    try {
      stress = kernel.spawn({ parent: ctx.shellPid, argv: ['stress', ...args], rssKiB: 1_024, foreground: true });
    } catch (error) {
      if (error instanceof KernelError && error.code === 'EAGAIN') return fail(`bash: fork: retry: ${error.text}\n`, 254);
      throw error;
    }
    const me = stress.pid;
    const shown = kernel.pidIn(stress, kernel.require(ctx.shellPid).ns.pid) ?? me;
    let out = quiet ? '' : `stress: info: [${shown}] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd\n`;
    // Like the real stress: info lines on stdout, WARN and FAIL on stderr.
    let err = '';
    const finish = (exitCode: number, stderr = '') => {
      if (kernel.get(me)) kernel.exit(me, exitCode);
      return { stdout: out, stderr: err + stderr, exitCode };
    };
    if (vmBytes === null) return finish(1, `stress: FAIL: [${shown}] (333) invalid number: ${options.get('vm-bytes')}\n`);
    const started = kernel.clock.now();
    const workers: number[] = [];
    try {
      for (let i = 0; i < cpu + io + vm + hdd; i++) workers.push(kernel.spawn({ parent: me, argv: ['stress', ...args], state: 'R', rssKiB: 120, foreground: true }).pid);
    } catch (error) {
      if (!(error instanceof KernelError)) throw error;
      for (const pid of workers) if (kernel.get(pid)) kernel.kill(pid, SIGNALS.KILL);
      return finish(1, `stress: FAIL: [${shown}] (395) <-- fork failed: ${error.text}\n`);
    }
    // vm workers touch all their memory at once; the OOM killer answers before any time passes.
    for (const pid of workers.slice(cpu + io, cpu + io + vm)) {
      const charge = chargeMemory(kernel, pid, Math.ceil(vmBytes / 1024) + 120);
      for (const victim of charge.killed) {
        if (!workers.includes(victim.pid)) continue;
        const seconds = Math.round((kernel.clock.now() - started) / 1000);
        const workerPid = kernel.pidIn(victim, kernel.require(ctx.shellPid).ns.pid) ?? victim.pid;
        err += `stress: FAIL: [${shown}] (415) <-- worker ${workerPid} got signal 9\n`;
        err += `stress: WARN: [${shown}] (417) now reaping child worker processes\n`;
        for (const other of workers) if (kernel.get(other)) kernel.kill(other, SIGNALS.TERM);
        err += `stress: FAIL: [${shown}] (451) failed run completed in ${seconds}s\n`;
        return finish(1);
      }
    }
    const signal = commandContext.signal;
    await kernel.clock.sleep(timeout === null ? Number.POSITIVE_INFINITY : timeout * 1000, signal);
    const elapsed = kernel.clock.now() - started;
    runBusy(kernel, workers.slice(0, cpu), elapsed);
    for (const pid of workers) if (kernel.get(pid)) kernel.kill(pid, SIGNALS.TERM);
    if (signal?.aborted || timeout === null) return finish(130);
    if (!quiet) out += `stress: info: [${shown}] successful run completed in ${Math.round(elapsed / 1000)}s\n`;
    return finish(0);
  });
}
