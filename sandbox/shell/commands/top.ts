/**
 * top (procps-ng 4.0) in batch mode: the summary and the process table, one snapshot per
 * iteration. Interactive top is a full-screen program this terminal does not run; it says so.
 */
import { defineCommand } from 'just-bash';
import { MACHINE } from '../../kernel/machine';
import { swapTotals } from '../../kernel/swap';
import type { ShellContext } from '../context';
import { asProcess } from './as-process';
import { userName } from './ps/columns';
import { fail, ok } from './result';

const two = (n: number) => String(n).padStart(2, '0');

function uptime(ms: number): string {
  const minutes = Math.floor(ms / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const clock = hours > 0 ? `${hours}:${two(minutes % 60)}` : `${minutes % 60} min`;
  return days > 0 ? `${days} day${days > 1 ? 's' : ''}, ${clock.padStart(5)}` : clock;
}

function cpuTime(ms: number): string {
  const hundredths = Math.floor(ms / 10);
  return `${Math.floor(hundredths / 6000)}:${two(Math.floor(hundredths / 100) % 60)}.${two(hundredths % 100)}`;
}

export function topCommand(ctx: ShellContext) {
  return defineCommand('top', async (args, commandContext) => {
    const batch = args.some((a) => a === '-b' || /^-b/.test(a) || a === '-bn1');
    if (!batch) return fail('top: the interactive screen is not modelled in this sandbox; use `top -b -n 1` for one snapshot\n', 1);
    const nIndex = args.findIndex((a) => a === '-n' || /^-b?n\d+$/.test(a));
    const iterations = nIndex === -1 ? 1 : Number(args[nIndex].replace(/^-b?n/, '') || args[nIndex + 1]) || 1;
    return asProcess(ctx, ['top', ...args], async ({ pid }) => {
      let out = '';
      for (let i = 0; i < iterations; i++) {
        if (i > 0) {
          await ctx.kernel.clock.sleep(3000, commandContext.signal);
          out += '\n';
        }
        out += snapshot(ctx, pid);
      }
      return ok(out);
    });
  });
}

function snapshot(ctx: ShellContext, selfPid: number): string {
  const { kernel } = ctx;
  const now = kernel.clock.now();
  const viewer = kernel.require(selfPid).ns.pid;
  const processes = kernel.list().filter((p) => kernel.pidIn(p, viewer) !== undefined);
  const running = processes.filter((p) => p.state === 'R').length;
  const stopped = processes.filter((p) => p.state === 'T').length;
  const d = new Date(now);
  const mib = (kib: number) => (kib / 1024).toFixed(1);
  const used = processes.reduce((s, p) => s + p.rssKiB, 0) + MACHINE.kernelKiB;
  const cache = MACHINE.cachedKiB + MACHINE.buffersKiB + 71_932;
  const free = MACHINE.memTotalKiB - used - cache;
  const swap = swapTotals(kernel.swaps);
  const lines = [
    `top - ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} up ${uptime(now - kernel.bootedAt)},  1 user,  load average: 0.08, 0.03, 0.01`,
    `Tasks: ${String(processes.length).padStart(3)} total, ${String(running).padStart(3)} running, ${String(processes.length - running - stopped).padStart(3)} sleeping, ${String(stopped).padStart(3)} stopped,   0 zombie`,
    '%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st ',
    `MiB Mem : ${mib(MACHINE.memTotalKiB).padStart(8)} total, ${mib(free).padStart(8)} free, ${mib(used).padStart(8)} used, ${mib(cache).padStart(8)} buff/cache     `,
    `MiB Swap: ${mib(swap.totalKiB).padStart(8)} total, ${mib(swap.totalKiB - swap.usedKiB).padStart(8)} free, ${mib(swap.usedKiB).padStart(8)} used. ${mib(free + cache - 120_000).padStart(8)} avail Mem `,
    '',
    '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
  ];
  const sorted = [...processes].sort((a, b) => (b.state === 'R' ? 1 : 0) - (a.state === 'R' ? 1 : 0) || kernel.pidIn(a, viewer)! - kernel.pidIn(b, viewer)!);
  for (const p of sorted) {
    const cpu = p.state === 'R' ? Math.min(100, (p.cpuMs / Math.max(1, now - p.startedAt)) * 100) : 0;
    lines.push(
      [
        String(kernel.pidIn(p, viewer)).padStart(7),
        userName(p.uid).padEnd(8),
        (p.kernelThread && p.state === 'I' ? '0' : '20').padStart(3),
        (p.kernelThread && p.state === 'I' ? '-20' : String(p.nice)).padStart(3),
        String(p.vszKiB).padStart(7),
        String(p.rssKiB).padStart(6),
        String(Math.round(p.rssKiB * 0.62)).padStart(6),
        p.state,
        cpu.toFixed(1).padStart(5),
        ((p.rssKiB / MACHINE.memTotalKiB) * 100).toFixed(1).padStart(5),
        cpuTime(p.cpuMs).padStart(9),
        p.comm,
      ].join(' '),
    );
  }
  return lines.join('\n') + '\n';
}
