import { describe, expect, it } from 'vitest';
import { createManualClock } from '../core/clock';
import { bootHost } from './boot';
import { ServiceManager } from './services';
import { Kernel } from './kernel';
import { chargeMemory } from './oom';

describe('the cgroup OOM killer', () => {
  function setup(limitBytes: number | null) {
    const kernel = new Kernel(createManualClock(), 'lab');
    const { shellPid } = bootHost(kernel, new ServiceManager(kernel, 'lab'));
    kernel.makeCgroup('/demo');
    kernel.cgroups.require('/demo').memoryMax = limitBytes;
    kernel.moveToCgroup(shellPid, '/demo');
    const worker = kernel.spawn({ parent: shellPid, argv: ['stress', '--vm', '1'] });
    return { kernel, shellPid, worker };
  }

  it('kills the largest process when a group passes memory.max and counts the events', () => {
    const { kernel, worker, shellPid } = setup(50 * 1024 * 1024);
    const result = chargeMemory(kernel, worker.pid, 100 * 1024);
    expect(result.granted).toBe(false);
    expect(result.killed.map((p) => p.pid)).toEqual([worker.pid]);
    expect(result.killed[0].exit).toEqual({ code: 0, signal: 9, at: expect.any(Number) });
    const events = kernel.cgroups.require('/demo').memoryEvents;
    expect(events).toMatchObject({ max: 1, oom: 1, oom_kill: 1 });
    expect(kernel.get(shellPid)).toBeDefined();
  });

  it('grants memory under the limit and records the peak', () => {
    const { kernel, worker } = setup(50 * 1024 * 1024);
    expect(chargeMemory(kernel, worker.pid, 20 * 1024)).toEqual({ killed: [], granted: true });
    expect(kernel.memoryCurrent('/demo')).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    expect(kernel.cgroups.require('/demo').memoryPeak).toBe(kernel.memoryCurrent('/demo'));
  });

  it('never fires without a limit', () => {
    const { kernel, worker } = setup(null);
    expect(chargeMemory(kernel, worker.pid, 4 * 1024 * 1024).granted).toBe(true);
  });
});
