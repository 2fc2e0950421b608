/**
 * CPU time for busy processes under cgroup v2's bandwidth control. Over `elapsedMs`, each busy
 * process would like a whole CPU; cpu.max caps its group at quota/period CPUs (and the machine at
 * its CPU count), so the processes share what is allowed and every period in which the group wanted
 * more than its quota counts in cpu.stat's nr_throttled and throttled_usec.
 */
import { ancestry } from './cgroups';
import type { Kernel } from './kernel';
import { MACHINE } from './machine';

export function runBusy(kernel: Kernel, pids: number[], elapsedMs: number): void {
  const busy = pids.map((pid) => kernel.get(pid)).filter((p) => p !== undefined);
  if (busy.length === 0 || elapsedMs <= 0) return;
  // The tightest limit among the groups above the processes (all busy ones share a cgroup here).
  let allowed = Math.min(busy.length, MACHINE.cpus);
  for (const path of ancestry(busy[0].cgroup)) {
    const group = kernel.cgroups.get(path);
    if (!group || !kernel.cgroups.has(path, 'cpu')) continue;
    const { quotaUs, periodUs } = group.cpuMax;
    const periods = Math.floor((elapsedMs * 1000) / periodUs);
    group.cpuStat.periods += periods;
    if (quotaUs === null) continue;
    const cap = quotaUs / periodUs;
    if (busy.length > cap) {
      group.cpuStat.throttled += periods;
      // Each throttled period, the group waits out the rest of the period after its quota is spent.
      group.cpuStat.throttledUs += Math.round(periods * (periodUs - quotaUs / busy.length));
    }
    allowed = Math.min(allowed, cap);
  }
  const perProcess = (allowed / busy.length) * elapsedMs;
  for (const p of busy) p.cpuMs += perProcess;
  for (const path of ancestry(busy[0].cgroup)) {
    const group = kernel.cgroups.get(path);
    if (group) group.cpuStat.usageUs += Math.round(perProcess * busy.length * 1000);
  }
}
