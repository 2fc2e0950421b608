/**
 * cgroupfs, as mounted at /sys/fs/cgroup: every directory a cgroup, every file a view of the
 * kernel's cgroup model. `mkdir` makes a group, `rmdir` removes an empty one, writing a pid to
 * cgroup.procs moves that process, and limit files validate what they are given as the kernel does.
 */
import { KernelError } from '../core/errors';
import { parentPath, type Cgroup, type Controller } from '../kernel/cgroups';
import { formatLimit, parseCount, parseCpuMax, parseMemory, parseWeight } from '../kernel/cgroup-values';
import type { Kernel } from '../kernel/kernel';
import { SIGNALS } from '../kernel/process';
import { SyntheticFs, type SyntheticNode } from './synthetic-fs';

type CgroupFile = { read: (g: Cgroup) => string; write?: (g: Cgroup, value: string, file: string) => void; controller?: Controller; rootOnly?: boolean; nonRoot?: boolean };

export class CgroupFs extends SyntheticFs {
  private readonly files: Record<string, CgroupFile>;

  /** `pidNamespace`: the mounter's, for translating pids in cgroup.procs. */
  constructor(
    private readonly kernel: Kernel,
    private readonly pidNamespace: number,
  ) {
    super();
    this.files = this.describeFiles();
  }

  protected override mtime(): Date {
    return new Date(this.kernel.bootedAt);
  }

  protected node(path: string): SyntheticNode | null {
    const group = this.kernel.cgroups.get(path);
    if (group) return { kind: 'dir', mode: 0o755, entries: () => this.entries(group) };
    const dir = parentPath(path) ?? '/';
    const name = path.slice(path.lastIndexOf('/') + 1);
    const owner = this.kernel.cgroups.get(dir);
    const file = this.files[name];
    if (!owner || !file || !this.present(owner, file)) return null;
    return {
      kind: 'file',
      mode: file.write ? 0o644 : 0o444,
      read: () => file.read(owner),
      write: file.write ? (value) => file.write!(owner, value, path) : undefined,
    };
  }

  override async mkdir(path: string): Promise<void> {
    const target = this.normalise(path);
    if (this.files[target.slice(target.lastIndexOf('/') + 1)]) throw new KernelError('EEXIST', 'mkdir', path);
    this.kernel.makeCgroup(target);
  }

  override async rm(path: string, options?: { recursive?: boolean }): Promise<void> {
    const target = this.normalise(path);
    if (!this.kernel.cgroups.get(target)) {
      // Interface files cannot be deleted, only whole groups.
      throw new KernelError(this.node(target) ? 'EPERM' : 'ENOENT', 'unlink', path);
    }
    if (options?.recursive && this.kernel.cgroups.children(target).length > 0) throw new KernelError('EBUSY', 'rmdir', path);
    this.kernel.removeCgroup(target);
  }

  private entries(group: Cgroup): string[] {
    const files = Object.keys(this.files).filter((name) => this.present(group, this.files[name]));
    const children = this.kernel.cgroups.children(group.path).map((c) => c.path.slice(c.path.lastIndexOf('/') + 1));
    return [...files.sort(), ...children.sort()];
  }

  private present(group: Cgroup, file: CgroupFile): boolean {
    const isRoot = group.path === '/';
    if (file.rootOnly && !isRoot) return false;
    if (file.nonRoot && isRoot) return false;
    return !file.controller || (!isRoot && this.kernel.cgroups.has(group.path, file.controller));
  }

  private pidsOf(group: Cgroup): string {
    return this.kernel
      .members(group.path)
      .map((p) => this.kernel.pidIn(p, this.pidNamespace))
      .filter((pid): pid is number => pid !== undefined)
      .map((pid) => `${pid}\n`)
      .join('');
  }

  private describeFiles(): Record<string, CgroupFile> {
    const k = this.kernel;
    const lines = (pairs: [string, number | string][]) => pairs.map(([key, v]) => `${key} ${v}\n`).join('');
    const memoryEvents = (g: Cgroup) => lines(Object.entries(g.memoryEvents));
    // Usage counts CPU time of processes still alive plus what the group has accumulated.
    const usageUs = (g: Cgroup) => Math.max(g.cpuStat.usageUs, Math.round(k.subtree(g.path).reduce((sum, p) => sum + p.cpuMs, 0) * 1000));
    return {
      'cgroup.controllers': { read: (g) => `${k.cgroups.controllers(g.path).join(' ')}\n` },
      'cgroup.subtree_control': {
        read: (g) => `${g.subtreeControl.join(' ')}\n`,
        write: (g, value) => k.cgroups.setSubtreeControl(g.path, value, k.members(g.path).length > 0),
      },
      'cgroup.procs': {
        read: (g) => this.pidsOf(g),
        write: (g, value, file) => {
          for (const text of value.split('\n').map((v) => v.trim()).filter(Boolean)) {
            if (!/^\d+$/.test(text)) throw new KernelError('EINVAL', 'write', file);
            const process = k.findByPid(this.pidNamespace, Number(text));
            if (!process) throw new KernelError('ESRCH', 'write', file);
            k.moveToCgroup(process.pid, g.path);
          }
        },
      },
      'cgroup.threads': { read: (g) => this.pidsOf(g) },
      'cgroup.type': { read: () => 'domain\n', nonRoot: true },
      'cgroup.events': { read: (g) => lines([['populated', k.subtree(g.path).length > 0 ? 1 : 0], ['frozen', g.frozen ? 1 : 0]]), nonRoot: true },
      'cgroup.freeze': {
        read: (g) => `${g.frozen ? 1 : 0}\n`,
        nonRoot: true,
        write: (g, value, file) => {
          if (!/^[01]\s*$/.test(value)) throw new KernelError('EINVAL', 'write', file);
          g.frozen = value.trim() === '1';
        },
      },
      'cgroup.kill': {
        read: () => {
          throw new KernelError('EINVAL', 'read', 'cgroup.kill');
        },
        nonRoot: true,
        write: (g, value, file) => {
          if (value.trim() !== '1') throw new KernelError('EINVAL', 'write', file);
          for (const p of k.subtree(g.path)) k.kill(p.pid, SIGNALS.KILL);
        },
      },
      'cgroup.max.depth': { read: () => 'max\n' },
      'cgroup.max.descendants': { read: () => 'max\n' },
      'cgroup.stat': {
        read: (g) => {
          const prefix = g.path === '/' ? '/' : `${g.path}/`;
          const descendants = k.cgroups.all().filter((c) => c.path !== g.path && c.path.startsWith(prefix)).length;
          return lines([['nr_descendants', descendants], ['nr_dying_descendants', 0]]);
        },
      },
      'cpu.stat': {
        read: (g) => {
          const usage = usageUs(g);
          const base: [string, number][] = [['usage_usec', usage], ['user_usec', Math.round(usage * 0.7)], ['system_usec', usage - Math.round(usage * 0.7)]];
          if (g.path === '/' || !k.cgroups.has(g.path, 'cpu')) return lines(base);
          return lines([...base, ['nr_periods', g.cpuStat.periods], ['nr_throttled', g.cpuStat.throttled], ['throttled_usec', g.cpuStat.throttledUs], ['nr_bursts', 0], ['burst_usec', 0]]);
        },
      },
      'cpu.max': {
        controller: 'cpu',
        read: (g) => `${formatLimit(g.cpuMax.quotaUs)} ${g.cpuMax.periodUs}\n`,
        write: (g, value, file) => (g.cpuMax = parseCpuMax(value, g.cpuMax, file)),
      },
      'cpu.weight': { controller: 'cpu', read: (g) => `${g.cpuWeight}\n`, write: (g, value, file) => (g.cpuWeight = parseWeight(value, file)) },
      'cpu.weight.nice': { controller: 'cpu', read: () => '0\n' },
      'memory.current': { controller: 'memory', read: (g) => `${k.memoryCurrent(g.path)}\n` },
      'memory.peak': { controller: 'memory', read: (g) => `${Math.max(g.memoryPeak, k.memoryCurrent(g.path))}\n` },
      'memory.max': { controller: 'memory', read: (g) => `${formatLimit(g.memoryMax)}\n`, write: (g, value, file) => (g.memoryMax = parseMemory(value, file)) },
      'memory.high': { controller: 'memory', read: (g) => `${formatLimit(g.memoryHigh)}\n`, write: (g, value, file) => (g.memoryHigh = parseMemory(value, file)) },
      'memory.low': { controller: 'memory', read: () => '0\n' },
      'memory.min': { controller: 'memory', read: () => '0\n' },
      'memory.oom.group': { controller: 'memory', read: () => '0\n' },
      'memory.events': { controller: 'memory', read: memoryEvents },
      'memory.events.local': { controller: 'memory', read: memoryEvents },
      'memory.swap.current': { controller: 'memory', read: () => '0\n' },
      'memory.swap.max': { controller: 'memory', read: (g) => `${formatLimit(g.memorySwapMax)}\n`, write: (g, value, file) => (g.memorySwapMax = parseMemory(value, file)) },
      'memory.stat': {
        controller: 'memory',
        read: (g) => {
          const anon = k.memoryCurrent(g.path);
          return lines([['anon', anon], ['file', 0], ['kernel', 0], ['kernel_stack', k.subtree(g.path).length * 16384], ['sock', 0], ['shmem', 0], ['file_mapped', 0], ['file_dirty', 0], ['pgfault', 0], ['oom_kill', g.memoryEvents.oom_kill]]);
        },
      },
      'pids.current': { controller: 'pids', read: (g) => `${k.subtree(g.path).length}\n` },
      'pids.max': { controller: 'pids', read: (g) => `${formatLimit(g.pidsMax)}\n`, write: (g, value, file) => (g.pidsMax = parseCount(value, file)) },
      'pids.peak': { controller: 'pids', read: (g) => `${g.pidsPeak}\n` },
      'pids.events': { controller: 'pids', read: (g) => `max ${g.pidsEventsMax}\n` },
    };
  }
}

