/**
 * The cgroup v2 hierarchy: a tree of groups, each with the controllers its parent enabled for it,
 * limits (memory.max, cpu.max, cpu.weight, pids.max) and event counters. Membership lives on the
 * processes (`process.cgroup`); usage (memory.current, pids.current) is computed from them, so it can
 * never disagree with the process table.
 */
import { KernelError } from '../core/errors';
import type { CpuMax } from './cgroup-values';

export const ALL_CONTROLLERS = ['cpuset', 'cpu', 'io', 'memory', 'hugetlb', 'pids', 'rdma', 'misc'] as const;
export type Controller = (typeof ALL_CONTROLLERS)[number];

export interface MemoryEvents {
  low: number;
  high: number;
  max: number;
  oom: number;
  oom_kill: number;
  oom_group_kill: number;
}

export interface Cgroup {
  path: string;
  subtreeControl: Controller[];
  memoryMax: number | null;
  memoryHigh: number | null;
  memorySwapMax: number | null;
  memoryPeak: number;
  memoryEvents: MemoryEvents;
  cpuMax: CpuMax;
  cpuWeight: number;
  /** Accumulated by the scheduler model: throttling counters for cpu.stat. */
  cpuStat: { usageUs: number; periods: number; throttled: number; throttledUs: number };
  pidsMax: number | null;
  pidsPeak: number;
  pidsEventsMax: number;
  frozen: boolean;
}

export function newCgroup(path: string, subtreeControl: Controller[] = []): Cgroup {
  return {
    path,
    subtreeControl,
    memoryMax: null,
    memoryHigh: null,
    memorySwapMax: null,
    memoryPeak: 0,
    memoryEvents: { low: 0, high: 0, max: 0, oom: 0, oom_kill: 0, oom_group_kill: 0 },
    cpuMax: { quotaUs: null, periodUs: 100_000 },
    cpuWeight: 100,
    cpuStat: { usageUs: 0, periods: 0, throttled: 0, throttledUs: 0 },
    pidsMax: null,
    pidsPeak: 0,
    pidsEventsMax: 0,
    frozen: false,
  };
}

export function parentPath(path: string): string | null {
  if (path === '/') return null;
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

export function joinCgroup(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

/** `/a/b` and its ancestors up to, not including, the root: the groups whose limits apply. */
export function ancestry(path: string): string[] {
  const chain: string[] = [];
  for (let p: string | null = path; p !== null && p !== '/'; p = parentPath(p)) chain.push(p);
  return chain;
}

export class CgroupTree {
  private readonly groups = new Map<string, Cgroup>();

  constructor(groups: Cgroup[] = [newCgroup('/', ['cpuset', 'cpu', 'io', 'memory', 'pids'])]) {
    for (const g of groups) this.groups.set(g.path, g);
  }

  get(path: string): Cgroup | undefined {
    return this.groups.get(path);
  }

  require(path: string): Cgroup {
    const group = this.groups.get(path);
    if (!group) throw new KernelError('ENOENT', 'open', path);
    return group;
  }

  all(): Cgroup[] {
    return [...this.groups.values()];
  }

  children(path: string): Cgroup[] {
    return this.all().filter((g) => parentPath(g.path) === path);
  }

  /** Controllers usable in a group: those its parent enabled for its children. */
  controllers(path: string): Controller[] {
    const parent = parentPath(path);
    if (parent === null) return [...ALL_CONTROLLERS];
    return [...this.require(parent).subtreeControl];
  }

  has(path: string, controller: Controller): boolean {
    return path !== '/' && this.controllers(path).includes(controller);
  }

  create(path: string): Cgroup {
    if (this.groups.has(path)) throw new KernelError('EEXIST', 'mkdir', path);
    const parent = parentPath(path);
    if (parent === null || !this.groups.has(parent)) throw new KernelError('ENOENT', 'mkdir', path);
    const group = newCgroup(path);
    this.groups.set(path, group);
    return group;
  }

  /** rmdir: only an empty leaf may go (EBUSY otherwise, as the kernel says). */
  remove(path: string, hasProcesses: boolean): void {
    this.require(path);
    if (path === '/' || hasProcesses || this.children(path).length > 0) throw new KernelError('EBUSY', 'rmdir', path);
    this.groups.delete(path);
  }

  /**
   * Writes to cgroup.subtree_control: `+memory -pids`. A controller can only be enabled when the
   * group itself has it, and a non-root group with processes of its own cannot hand controllers to
   * children (the "no internal processes" rule): EBUSY.
   */
  setSubtreeControl(path: string, request: string, hasOwnProcesses: boolean): void {
    const group = this.require(path);
    const available = this.controllers(path);
    const next = new Set(group.subtreeControl);
    const tokens = request.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) return;
    for (const token of tokens) {
      const sign = token[0];
      const name = token.slice(1) as Controller;
      if ((sign !== '+' && sign !== '-') || !ALL_CONTROLLERS.includes(name)) throw new KernelError('EINVAL', 'write', path);
      if (sign === '+') {
        if (!available.includes(name)) throw new KernelError('ENOENT', 'write', path);
        next.add(name);
      } else {
        if (this.children(path).some((child) => child.subtreeControl.includes(name))) throw new KernelError('EBUSY', 'write', path);
        next.delete(name);
      }
    }
    if (path !== '/' && hasOwnProcesses && next.size > 0) throw new KernelError('EBUSY', 'write', path);
    group.subtreeControl = ALL_CONTROLLERS.filter((c) => next.has(c));
  }

  snapshot(): Cgroup[] {
    return structuredClone(this.all());
  }
}
