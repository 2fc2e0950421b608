/**
 * One host's kernel: the process table, namespaces and the cgroup hierarchy, changed only through
 * these methods. It never prints; tools read it and format what they find.
 */
import type { SwapArea } from './swap';
import type { Clock } from '../core/clock';
import { KernelError } from '../core/errors';
import { ancestry, CgroupTree, type Cgroup } from './cgroups';
import {
  FIRST_DYNAMIC_INODE,
  INITIAL_NAMESPACE_INODES,
  NAMESPACE_TYPES,
  type Namespace,
  type NamespaceSet,
  type NamespaceType,
  type PidNamespace,
  type UtsNamespace,
} from './namespaces';
import { SIGNALS, type Process } from './process';

export interface SpawnOptions {
  parent: number;
  argv: string[];
  comm?: string;
  uid?: number;
  gid?: number;
  rssKiB?: number;
  vszKiB?: number;
  tty?: string | null;
  state?: Process['state'];
  cgroup?: string;
  kernelThread?: boolean;
  sessionLeader?: boolean;
  foreground?: boolean;
  /** Signals this process catches or ignores and survives (an interactive bash ignores SIGTERM). */
  survives?: number[];
  /** Signals it has handlers for and dies of cleanly (what a namespace's init must have to be stopped by them). */
  handles?: number[];
  /** clone(2) with CLONE_NEW* flags: the child starts in fresh namespaces of these types. */
  newNamespaces?: NamespaceType[];
  /** The hostname of a new UTS namespace. */
  hostname?: string;
  /** Join all of this process's namespaces first (what `runc exec` does before it forks). */
  namespacesOf?: number;
  /** Apply a container runtime's default capabilities and seccomp filter (children inherit them). */
  confined?: boolean;
}

export interface KernelSnapshot {
  processes: Process[];
  namespaces: Namespace[];
  cgroups: Cgroup[];
  nextInode: number;
  bootedAt: number;
  /** Active swap areas (absent in saves from before swap was modelled: none). */
  swaps?: SwapArea[];
}

export interface KillOutcome {
  pid: number;
  signal: number;
  /** False when the process caught or ignored the signal. */
  died: boolean;
}

export class Kernel {
  readonly cgroups: CgroupTree;
  private readonly processes = new Map<number, Process>();
  private readonly namespaces = new Map<number, Namespace>();
  private nextInode = FIRST_DYNAMIC_INODE;
  /** Told of every process that ends (systemd watches its main processes). Not part of snapshots. */
  private readonly exitWatchers: ((process: Process) => void)[] = [];
  /** Simulated time the host booted: /proc/uptime, ps START and file times count from it. */
  readonly bootedAt: number;
  /** Swap areas in use (swapon/swapoff change it; /proc/swaps, free and the kubelet read it). */
  swaps: SwapArea[] = [];

  constructor(
    readonly clock: Clock,
    hostname: string,
    saved?: KernelSnapshot,
  ) {
    if (saved) {
      for (const p of saved.processes) this.processes.set(p.pid, p);
      for (const ns of saved.namespaces) this.namespaces.set(ns.inode, ns);
      this.cgroups = new CgroupTree(saved.cgroups);
      this.nextInode = saved.nextInode;
      this.bootedAt = saved.bootedAt;
      this.swaps = structuredClone(saved.swaps ?? []);
      return;
    }
    this.cgroups = new CgroupTree();
    this.bootedAt = clock.now();
    for (const type of NAMESPACE_TYPES) this.namespaces.set(INITIAL_NAMESPACE_INODES[type], initialNamespace(type, hostname));
  }

  // ── processes ────────────────────────────────────────────────────────────

  get(pid: number): Process | undefined {
    const p = this.processes.get(pid);
    return p && !p.exit ? p : undefined;
  }

  require(pid: number): Process {
    const p = this.get(pid);
    if (!p) throw new KernelError('ESRCH', 'kill', String(pid));
    return p;
  }

  /** Live processes, in pid order. */
  list(): Process[] {
    return [...this.processes.values()].filter((p) => !p.exit).sort((a, b) => a.pid - b.pid);
  }

  /** fork + exec: a child in its parent's namespaces and cgroup (pid namespace: its parent's pid_for_children). */
  spawn(options: SpawnOptions): Process {
    const parent = options.parent === 0 ? undefined : this.require(options.parent);
    const joined = options.namespacesOf !== undefined ? this.require(options.namespacesOf).ns : undefined;
    const ns: NamespaceSet = joined ? { ...joined } : parent ? { ...parent.ns, pid: this.pidForChildren(parent) } : { ...INITIAL_NAMESPACE_INODES };
    const cgroup = options.cgroup ?? parent?.cgroup ?? '/';
    for (const type of options.newNamespaces ?? []) ns[type] = this.newNamespace(type, ns, options.hostname, cgroup);
    this.checkPidsLimit(cgroup);
    const nspid = this.allocatePids(ns.pid);
    const argv = options.argv;
    const process: Process = {
      pid: nspid[0],
      ppid: parent?.pid ?? 0,
      nspid,
      uid: options.uid ?? parent?.uid ?? 0,
      gid: options.gid ?? parent?.gid ?? 0,
      comm: (options.comm ?? basename(argv[0] ?? '')).slice(0, 15),
      argv,
      state: options.state ?? 'S',
      kernelThread: options.kernelThread ?? false,
      startedAt: this.clock.now(),
      cpuMs: 0,
      rssKiB: options.rssKiB ?? 0,
      vszKiB: options.vszKiB ?? options.rssKiB ?? 0,
      tty: options.tty === undefined ? (parent?.tty ?? null) : options.tty,
      sessionLeader: options.sessionLeader ?? false,
      foreground: options.foreground ?? false,
      nice: parent?.nice ?? 0,
      cgroup,
      ns,
      ...((options.confined ?? parent?.confined ?? (options.namespacesOf !== undefined && this.require(options.namespacesOf).confined)) ? { confined: true } : {}),
      survives: options.survives,
      ...(options.handles ? { handles: options.handles } : {}),
    };
    this.processes.set(process.pid, process);
    this.trackPeaks(cgroup);
    return process;
  }

  /** A process ends by itself with `code`. Its children go to the nearest init. */
  exit(pid: number, code: number, signal: number | null = null): void {
    const p = this.get(pid);
    if (!p) return;
    p.exit = { code, signal, at: this.clock.now() };
    p.state = 'Z';
    // When a pid namespace's init dies, the kernel kills everything else in that namespace.
    if (p.nspid.at(-1) === 1 && p.nspid.length > 1) {
      for (const other of this.list()) if (this.isInPidNamespace(other, p.ns.pid)) this.exit(other.pid, 0, SIGNALS.KILL);
    }
    for (const child of this.list().filter((c) => c.ppid === pid)) child.ppid = this.reaperFor(child);
    // Nobody waits for zombies in this model: the parent collects the status at once.
    this.processes.delete(pid);
    for (const watch of this.exitWatchers) watch(p);
  }

  onExit(watch: (process: Process) => void): void {
    this.exitWatchers.push(watch);
  }

  /** Delivers a signal. SIGKILL always kills; others kill unless the process survives them. */
  kill(pid: number, signal: number): KillOutcome {
    const p = this.require(pid);
    // A pid namespace's init gets only the signals it has a handler for (and SIGKILL from an
    // ancestor namespace): `sleep` or `sh -c` as a container's PID 1 shrugs off SIGTERM.
    const namespaceInit = p.nspid.length > 1 && p.nspid[p.nspid.length - 1] === 1;
    const survives = signal !== SIGNALS.KILL && ((p.survives?.includes(signal) ?? false) || (namespaceInit && !(p.handles ?? []).includes(signal)));
    if (signal === 0 || survives) return { pid, signal, died: false };
    if (signal === SIGNALS.STOP || signal === SIGNALS.TSTP) {
      p.state = 'T';
      return { pid, signal, died: false };
    }
    if (signal === SIGNALS.CONT) {
      if (p.state === 'T') p.state = 'S';
      return { pid, signal, died: false };
    }
    if (signal === SIGNALS.CHLD) return { pid, signal, died: false };
    this.exit(pid, 0, signal);
    return { pid, signal, died: true };
  }

  /** `cgroup` as a process in cgroup namespace `cgroupNs` names it (relative to the namespace's root). */
  cgroupPathIn(cgroup: string, cgroupNs: number): string {
    const root = (this.namespaces.get(cgroupNs) as { root?: string } | undefined)?.root ?? '/';
    if (root === '/') return cgroup;
    if (cgroup === root) return '/';
    if (cgroup.startsWith(`${root}/`)) return cgroup.slice(root.length);
    // Outside the namespace's root: the kernel shows the way up with `..` components.
    const up = root.split('/').filter(Boolean);
    const down = cgroup.split('/').filter(Boolean);
    let common = 0;
    while (common < up.length && up[common] === down[common]) common++;
    return `/${[...up.slice(common).map(() => '..'), ...down.slice(common)].join('/')}`;
  }

  setMemory(pid: number, rssKiB: number): void {
    const p = this.require(pid);
    p.rssKiB = rssKiB;
    p.vszKiB = Math.max(p.vszKiB, rssKiB);
    this.trackPeaks(p.cgroup);
  }

  // ── namespaces ───────────────────────────────────────────────────────────

  namespace(inode: number): Namespace | undefined {
    return this.namespaces.get(inode);
  }

  allNamespaces(): Namespace[] {
    return [...this.namespaces.values()];
  }

  /**
   * unshare(2): moves `pid` into new namespaces of the given types. A new pid namespace applies to
   * the process's future children, as in Linux (the caller itself stays where it is).
   */
  unshare(pid: number, types: NamespaceType[], hostnameForUts?: string): void {
    const p = this.require(pid);
    for (const type of types) {
      if (type === 'pid') {
        const parent = this.pidNamespace(this.pidForChildren(p));
        const ns: PidNamespace = { inode: this.nextInode++, type: 'pid', level: parent.level + 1, parent: parent.inode, lastPid: 0 };
        this.namespaces.set(ns.inode, ns);
        p.pidForChildren = ns.inode;
        continue;
      }
      const inode = this.nextInode++;
      if (type === 'uts') {
        const current = this.uts(p);
        this.namespaces.set(inode, { inode, type: 'uts', hostname: hostnameForUts ?? current.hostname, domainname: current.domainname });
      } else if (type === 'user') {
        this.namespaces.set(inode, { inode, type: 'user', parent: p.ns.user, uidMap: [], gidMap: [] });
      } else {
        this.namespaces.set(inode, { inode, type } as Namespace);
      }
      p.ns[type] = inode;
    }
  }

  /** A fresh namespace of `type`, as clone(2) makes it, below the ones in `current`. */
  private newNamespace(type: NamespaceType, current: NamespaceSet, hostname?: string, cgroup = '/'): number {
    const inode = this.nextInode++;
    if (type === 'pid') {
      const parent = this.pidNamespace(current.pid);
      this.namespaces.set(inode, { inode, type: 'pid', level: parent.level + 1, parent: parent.inode, lastPid: 0 });
    } else if (type === 'uts') {
      const uts = this.namespaces.get(current.uts) as UtsNamespace;
      this.namespaces.set(inode, { inode, type: 'uts', hostname: hostname ?? uts.hostname, domainname: uts.domainname });
    } else if (type === 'user') {
      this.namespaces.set(inode, { inode, type: 'user', parent: current.user, uidMap: [], gidMap: [] });
    } else if (type === 'cgroup') {
      this.namespaces.set(inode, { inode, type, root: cgroup });
    } else {
      this.namespaces.set(inode, { inode, type } as Namespace);
    }
    return inode;
  }

  /** A namespace with no process in it yet (`ip netns add`): only net, ipc and uts are created this way. */
  createNamespace(type: 'net' | 'ipc' | 'uts'): number {
    const inode = this.nextInode++;
    this.namespaces.set(inode, type === 'uts' ? { inode, type, hostname: '(none)', domainname: '(none)' } : { inode, type });
    return inode;
  }

  /** setns(2) with a namespace file (`ip netns exec`, `nsenter --net=/run/netns/x`). */
  joinNamespace(pid: number, type: 'net' | 'ipc' | 'uts', inode: number): void {
    const ns = this.namespaces.get(inode);
    if (!ns || ns.type !== type) throw new KernelError('EINVAL', 'setns', String(inode));
    this.require(pid).ns[type] = inode;
  }

  /** setns(2) for every type given: `pid` joins `target`'s namespaces. */
  enter(pid: number, target: number, types: NamespaceType[]): void {
    const p = this.require(pid);
    const t = this.require(target);
    for (const type of types) {
      if (type === 'pid') p.pidForChildren = t.ns.pid;
      else p.ns[type] = t.ns[type];
    }
  }

  pidForChildren(p: Process): number {
    return p.pidForChildren ?? p.ns.pid;
  }

  uts(p: Process): UtsNamespace {
    return this.namespaces.get(p.ns.uts) as UtsNamespace;
  }

  setHostname(pid: number, hostname: string): void {
    if (hostname.length === 0 || hostname.length > 64) throw new KernelError('EINVAL', 'sethostname', hostname);
    this.uts(this.require(pid)).hostname = hostname;
  }

  pidNamespace(inode: number): PidNamespace {
    const ns = this.namespaces.get(inode);
    if (!ns || ns.type !== 'pid') throw new KernelError('EINVAL', 'setns', String(inode));
    return ns;
  }

  /** The pid `p` has as seen from pid namespace `viewer`, or undefined if `p` is not visible there. */
  pidIn(p: Process, viewer: number): number | undefined {
    const level = this.pidNamespace(viewer).level;
    if (!this.isInPidNamespace(p, viewer)) return undefined;
    return p.nspid[level];
  }

  /** Is `p` in pid namespace `inode` or one of its descendants? */
  isInPidNamespace(p: Process, inode: number): boolean {
    for (let ns: number | null = p.ns.pid; ns !== null; ns = this.pidNamespace(ns).parent) if (ns === inode) return true;
    return false;
  }

  findByPid(viewer: number, localPid: number): Process | undefined {
    return this.list().find((p) => this.pidIn(p, viewer) === localPid);
  }

  // ── cgroups ──────────────────────────────────────────────────────────────

  /** Processes whose own cgroup is `path` (cgroup.procs). */
  members(path: string): Process[] {
    return this.list().filter((p) => p.cgroup === path);
  }

  /** Processes in `path` or below it: what memory.current and pids.current count. */
  subtree(path: string): Process[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    return this.list().filter((p) => p.cgroup === path || p.cgroup.startsWith(prefix));
  }

  memoryCurrent(path: string): number {
    return this.subtree(path).reduce((sum, p) => sum + p.rssKiB * 1024, 0);
  }

  /** Writing a pid to cgroup.procs. A group that hands controllers to children cannot hold processes. */
  moveToCgroup(pid: number, path: string): void {
    const p = this.require(pid);
    const target = this.cgroups.require(path);
    // Kernel threads stay in the root group.
    if (p.kernelThread) throw new KernelError('EINVAL', 'write', path);
    if (path !== '/' && target.subtreeControl.length > 0) throw new KernelError('EBUSY', 'write', path);
    p.cgroup = path;
    this.trackPeaks(path);
  }

  makeCgroup(path: string): void {
    this.cgroups.create(path);
  }

  removeCgroup(path: string): void {
    this.cgroups.remove(path, this.subtree(path).length > 0);
  }

  private checkPidsLimit(cgroup: string): void {
    for (const path of ancestry(cgroup)) {
      const group = this.cgroups.get(path);
      if (!group || group.pidsMax === null || !this.cgroups.has(path, 'pids')) continue;
      if (this.subtree(path).length >= group.pidsMax) {
        group.pidsEventsMax++;
        throw new KernelError('EAGAIN', 'fork');
      }
    }
  }

  private trackPeaks(cgroup: string): void {
    for (const path of ancestry(cgroup)) {
      const group = this.cgroups.get(path);
      if (!group) continue;
      group.memoryPeak = Math.max(group.memoryPeak, this.memoryCurrent(path));
      group.pidsPeak = Math.max(group.pidsPeak, this.subtree(path).length);
    }
  }

  // ── pids ─────────────────────────────────────────────────────────────────

  /** Moves the initial namespace's pid counter forward, as time and short-lived processes would. */
  skipPidsTo(pid: number): void {
    const ns = this.pidNamespace(INITIAL_NAMESPACE_INODES.pid);
    ns.lastPid = Math.max(ns.lastPid, pid);
  }

  /** A new pid in `inode` and in every ancestor namespace, outermost first. */
  private allocatePids(inode: number): number[] {
    const chain: PidNamespace[] = [];
    for (let ns: number | null = inode; ns !== null; ns = this.pidNamespace(ns).parent) chain.unshift(this.pidNamespace(ns));
    return chain.map((ns) => this.nextFreePid(ns));
  }

  private nextFreePid(ns: PidNamespace): number {
    // In the initial namespace a pid is taken exactly when the table has it; deeper ones are small.
    const used = ns.level === 0 ? { has: (pid: number) => this.get(pid) !== undefined } : new Set(this.list().map((p) => this.pidIn(p, ns.inode)).filter((x) => x !== undefined));
    let pid = ns.lastPid;
    do pid = pid >= PID_MAX ? 300 : pid + 1;
    while (used.has(pid));
    ns.lastPid = pid;
    return pid;
  }

  /** Orphans are adopted by the init of their pid namespace. */
  private reaperFor(child: Process): number {
    const init = this.findByPid(child.ns.pid, 1);
    return init && init.pid !== child.pid ? init.pid : 1;
  }

  snapshot(): KernelSnapshot {
    return {
      processes: structuredClone(this.list()),
      namespaces: structuredClone(this.allNamespaces()),
      cgroups: this.cgroups.snapshot(),
      nextInode: this.nextInode,
      bootedAt: this.bootedAt,
      swaps: structuredClone(this.swaps),
    };
  }
}

/** /proc/sys/kernel/pid_max on a 64-bit machine. */
const PID_MAX = 4194304;

function initialNamespace(type: NamespaceType, hostname: string): Namespace {
  const inode = INITIAL_NAMESPACE_INODES[type];
  switch (type) {
    case 'pid':
      return { inode, type, level: 0, parent: null, lastPid: 0 };
    case 'uts':
      return { inode, type, hostname, domainname: '(none)' };
    case 'user':
      return { inode, type, parent: null, uidMap: [[0, 0, 4294967295]], gidMap: [[0, 0, 4294967295]] };
    case 'mnt':
      return { inode, type };
    default:
      return { inode, type };
  }
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
