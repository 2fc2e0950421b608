/**
 * Memory charging and the cgroup OOM killer. When a process grows past the memory.max of its
 * cgroup or any ancestor, the kernel counts a `max` event, and if nothing can be reclaimed (there
 * is no swap on these hosts) it kills the biggest process in the group that hit its limit: an `oom`
 * and an `oom_kill` event there and in every ancestor, and SIGKILL (exit status 137) for the victim.
 */
import { ancestry } from './cgroups';
import type { Kernel } from './kernel';
import { SIGNALS, type Process } from './process';

export interface ChargeResult {
  /** The processes the OOM killer chose, in the order they died. */
  killed: Process[];
  /** False when the charging process itself was killed before it got its memory. */
  granted: boolean;
}

/** Grows (or shrinks) `pid`'s resident memory to `rssKiB`, invoking the OOM killer as needed. */
export function chargeMemory(kernel: Kernel, pid: number, rssKiB: number): ChargeResult {
  const killed: Process[] = [];
  const process = kernel.require(pid);
  for (;;) {
    const over = groupOverLimit(kernel, process, rssKiB);
    if (over === null) {
      kernel.setMemory(pid, rssKiB);
      return { killed, granted: true };
    }
    const group = kernel.cgroups.require(over);
    group.memoryEvents.max++;
    const victim = pickVictim(kernel, over, process, rssKiB);
    if (!victim) return { killed, granted: false };
    for (const path of [over, ...ancestry(over).slice(1)]) {
      const g = kernel.cgroups.get(path);
      if (!g) continue;
      g.memoryEvents.oom++;
      g.memoryEvents.oom_kill++;
    }
    kernel.kill(victim.pid, SIGNALS.KILL);
    killed.push(victim);
    if (victim.pid === pid) return { killed, granted: false };
  }
}

/** The innermost cgroup whose memory.max the new size would pass, or null. */
function groupOverLimit(kernel: Kernel, process: Process, rssKiB: number): string | null {
  const growth = (rssKiB - process.rssKiB) * 1024;
  if (growth <= 0) return null;
  for (const path of ancestry(process.cgroup)) {
    const group = kernel.cgroups.get(path);
    if (!group || group.memoryMax === null || !kernel.cgroups.has(path, 'memory')) continue;
    if (kernel.memoryCurrent(path) + growth > group.memoryMax) return path;
  }
  return null;
}

/** oom_badness, simplified: the largest resident set in the group, counting the pending growth. */
function pickVictim(kernel: Kernel, path: string, charging: Process, rssKiB: number): Process | undefined {
  const sizeOf = (p: Process) => (p.pid === charging.pid ? rssKiB : p.rssKiB);
  return kernel
    .subtree(path)
    .filter((p) => !p.kernelThread)
    .sort((a, b) => sizeOf(b) - sizeOf(a) || b.pid - a.pid)[0];
}
