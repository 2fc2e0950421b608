/**
 * procfs, generated from the kernel model on every read. A mount belongs to the pid namespace of
 * whoever mounted it (so `unshare --pid --fork --mount-proc` shows a fresh /proc with its own pid 1),
 * and /proc/self is whichever process is reading: the shell, or one of our commands while it runs.
 */
import { namespaceLink, type NamespaceType } from '../kernel/namespaces';
import type { Kernel } from '../kernel/kernel';
import { kernelVersionLine, MACHINE } from '../kernel/machine';
import { procSwaps, swapTotals } from '../kernel/swap';
import type { Process } from '../kernel/process';
import { SyntheticFs, type SyntheticNode } from './synthetic-fs';

export interface ProcView {
  /** Host pid of the process reading /proc right now. */
  self: () => number;
  /** /proc/PID/mounts for a mount namespace, as lines of `/proc/mounts`. */
  mounts: (mntNamespace: number) => string;
}

const NS_LINKS: [string, NamespaceType, boolean][] = [
  ['cgroup', 'cgroup', false],
  ['ipc', 'ipc', false],
  ['mnt', 'mnt', false],
  ['net', 'net', false],
  ['pid', 'pid', false],
  ['pid_for_children', 'pid', true],
  ['time', 'time', false],
  ['time_for_children', 'time', false],
  ['user', 'user', false],
  ['uts', 'uts', false],
];

const STATE_NAMES: Record<Process['state'], string> = { R: 'R (running)', S: 'S (sleeping)', D: 'D (disk sleep)', T: 'T (stopped)', Z: 'Z (zombie)', I: 'I (idle)' };

export class ProcFs extends SyntheticFs {
  constructor(
    private readonly kernel: Kernel,
    private readonly pidNamespace: number,
    private readonly view: ProcView,
  ) {
    super();
  }

  protected override mtime(): Date {
    return new Date(this.kernel.bootedAt);
  }

  /** The pid namespace this mount shows, kept in snapshots to rebuild the mount. */
  get pidNamespaceInode(): number {
    return this.pidNamespace;
  }

  private visible(): Map<number, Process> {
    const map = new Map<number, Process>();
    for (const p of this.kernel.list()) {
      const local = this.kernel.pidIn(p, this.pidNamespace);
      if (local !== undefined) map.set(local, p);
    }
    return map;
  }

  /** The cgroup namespace of the init of this mount's pid namespace: whoever reads this /proc. */
  private viewerCgroupNamespace(): number {
    const init = this.visible().get(1);
    return init?.ns.cgroup ?? this.kernel.require(1).ns.cgroup;
  }

  private localPid(p: Process): number | undefined {
    return this.kernel.pidIn(p, this.pidNamespace);
  }

  protected node(path: string): SyntheticNode | null {
    const parts = path.split('/').filter(Boolean);
    if (parts.length === 0) return { kind: 'dir', entries: () => [...[...this.visible().keys()].map(String), ...Object.keys(this.topLevel())] };
    const [first, ...rest] = parts;
    if (/^\d+$/.test(first)) {
      const p = this.visible().get(Number(first));
      return p ? this.processNode(p, rest) : null;
    }
    const top = this.topLevel()[first];
    if (!top) return null;
    if (rest.length === 0) return top;
    return this.subtree(first, rest);
  }

  private topLevel(): Record<string, SyntheticNode> {
    const k = this.kernel;
    const text = (read: () => string): SyntheticNode => ({ kind: 'file', read });
    return {
      self: { kind: 'link', target: () => String(this.localPid(k.require(this.view.self())) ?? '') },
      mounts: { kind: 'link', target: () => 'self/mounts' },
      meminfo: text(() => meminfo(k)),
      cpuinfo: text(cpuinfo),
      uptime: text(() => {
        const up = (k.clock.now() - k.bootedAt) / 1000;
        return `${up.toFixed(2)} ${(up * MACHINE.cpus * 0.97).toFixed(2)}\n`;
      }),
      loadavg: text(() => `0.08 0.03 0.01 1/${k.list().length} ${k.list().at(-1)?.pid ?? 1}\n`),
      version: text(() => `${kernelVersionLine()}\n`),
      cmdline: text(() => `BOOT_IMAGE=/vmlinuz-${MACHINE.kernelRelease} root=LABEL=cloudimg-rootfs ro console=tty1 console=ttyS0\n`),
      filesystems: text(() => 'nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\tcgroup2\nnodev\tdevpts\nnodev\tmqueue\n\text4\nnodev\toverlay\n'),
      swaps: text(() => procSwaps(k.swaps)),
      cgroups: text(() => '#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpuset\t0\t1\t1\ncpu\t0\t1\t1\nio\t0\t1\t1\nmemory\t0\t1\t1\npids\t0\t1\t1\n'),
      sys: { kind: 'dir', entries: () => ['kernel'] },
    };
  }

  private subtree(first: string, rest: string[]): SyntheticNode | null {
    if (first !== 'sys') return null;
    const self = this.kernel.require(this.view.self());
    const kernelFiles: Record<string, () => string> = {
      hostname: () => `${this.kernel.uts(self).hostname}\n`,
      domainname: () => `${this.kernel.uts(self).domainname}\n`,
      osrelease: () => `${MACHINE.kernelRelease}\n`,
      ostype: () => 'Linux\n',
      version: () => `${MACHINE.kernelVersion}\n`,
      pid_max: () => '4194304\n',
    };
    if (rest.length === 1 && rest[0] === 'kernel') return { kind: 'dir', entries: () => Object.keys(kernelFiles) };
    if (rest.length === 2 && rest[0] === 'kernel' && kernelFiles[rest[1]]) {
      const name = rest[1];
      return name === 'hostname'
        ? { kind: 'file', mode: 0o644, read: kernelFiles[name], write: (value) => this.kernel.setHostname(self.pid, value.trim()) }
        : { kind: 'file', read: kernelFiles[name] };
    }
    return null;
  }

  private processNode(p: Process, rest: string[]): SyntheticNode | null {
    const files = this.processFiles(p);
    if (rest.length === 0) return { kind: 'dir', entries: () => Object.keys(files) };
    const [name, ...more] = rest;
    if (name === 'ns') {
      if (more.length === 0) return { kind: 'dir', mode: 0o511, entries: () => NS_LINKS.map(([n]) => n) };
      const entry = NS_LINKS.find(([n]) => n === more[0]);
      if (!entry || more.length > 1) return null;
      const [, type, forChildren] = entry;
      return { kind: 'link', target: () => namespaceLink(type, forChildren && type === 'pid' ? this.kernel.pidForChildren(p) : p.ns[type]) };
    }
    if (name === 'fd') {
      const fds = p.kernelThread ? [] : ['0', '1', '2'];
      if (more.length === 0) return { kind: 'dir', mode: 0o500, entries: () => fds };
      return more.length === 1 && fds.includes(more[0]) ? { kind: 'link', target: () => (p.tty ? `/dev/${p.tty}` : '/dev/null') } : null;
    }
    return more.length === 0 ? (files[name] ?? null) : null;
  }

  private processFiles(p: Process): Record<string, SyntheticNode> {
    const text = (read: () => string): SyntheticNode => ({ kind: 'file', read });
    const exe = p.kernelThread ? '' : p.argv[0]?.startsWith('/') ? p.argv[0] : `/usr/bin/${p.comm}`;
    return {
      status: text(() => this.status(p)),
      cmdline: text(() => (p.kernelThread ? '' : p.argv.join('\0') + '\0')),
      comm: text(() => `${p.comm}\n`),
      // Relative to the cgroup namespace of this proc mount's owner (a container's init sees `/`).
      cgroup: text(() => `0::${this.kernel.cgroupPathIn(p.cgroup, this.viewerCgroupNamespace())}\n`),
      mounts: text(() => this.view.mounts(p.ns.mnt)),
      stat: text(() => this.statLine(p)),
      uid_map: text(() => '         0          0 4294967295\n'),
      gid_map: text(() => '         0          0 4294967295\n'),
      oom_score: text(() => `${Math.round((p.rssKiB / MACHINE.memTotalKiB) * 1000) + 666}\n`),
      oom_score_adj: text(() => '0\n'),
      environ: text(() => ''),
      cwd: { kind: 'link', target: () => (p.kernelThread ? '/' : p.comm === 'bash' ? '/root' : '/') },
      exe: { kind: 'link', target: () => exe },
      root: { kind: 'link', target: () => '/' },
      fd: { kind: 'dir', entries: () => [] },
      ns: { kind: 'dir', entries: () => [] },
    };
  }

  private status(p: Process): string {
    const k = this.kernel;
    const nspid = p.nspid.slice(k.pidNamespace(this.pidNamespace).level);
    const parent = k.get(p.ppid);
    const ppid = parent ? (this.localPid(parent) ?? 0) : 0;
    const kb = (n: number) => `${String(n).padStart(8)} kB`;
    // Docker's default set (CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP,
    // NET_BIND_SERVICE, NET_RAW, SYS_CHROOT, MKNOD, AUDIT_WRITE, SETFCAP) or every capability.
    const capabilities = p.confined ? '00000000a80425fb' : '000001ffffffffff';
    const memory = p.kernelThread
      ? []
      : [
          `VmPeak:\t${kb(p.vszKiB)}`, `VmSize:\t${kb(p.vszKiB)}`, `VmLck:\t${kb(0)}`, `VmPin:\t${kb(0)}`,
          `VmHWM:\t${kb(p.rssKiB)}`, `VmRSS:\t${kb(p.rssKiB)}`, `RssAnon:\t${kb(Math.round(p.rssKiB * 0.35))}`,
          `RssFile:\t${kb(p.rssKiB - Math.round(p.rssKiB * 0.35))}`, `RssShmem:\t${kb(0)}`, `VmSwap:\t${kb(0)}`,
        ];
    return [
      `Name:\t${p.comm}`,
      'Umask:\t0022',
      `State:\t${STATE_NAMES[p.state]}`,
      `Tgid:\t${nspid[0]}`,
      'Ngid:\t0',
      `Pid:\t${nspid[0]}`,
      `PPid:\t${ppid}`,
      'TracerPid:\t0',
      `Uid:\t${p.uid}\t${p.uid}\t${p.uid}\t${p.uid}`,
      `Gid:\t${p.gid}\t${p.gid}\t${p.gid}\t${p.gid}`,
      'FDSize:\t64',
      `Groups:\t${p.gid} `,
      `NStgid:\t${nspid.join('\t')}`,
      `NSpid:\t${nspid.join('\t')}`,
      `NSpgid:\t${nspid.join('\t')}`,
      `NSsid:\t${nspid.join('\t')}`,
      `Kthread:\t${p.kernelThread ? 1 : 0}`,
      ...memory,
      'Threads:\t1',
      'SigQ:\t0/15478',
      'CapInh:\t0000000000000000',
      `CapPrm:\t${p.uid === 0 ? capabilities : '0000000000000000'}`,
      `CapEff:\t${p.uid === 0 ? capabilities : '0000000000000000'}`,
      `CapBnd:\t${capabilities}`,
      'CapAmb:\t0000000000000000',
      'NoNewPrivs:\t0',
      // Mode 2 is a seccomp filter: Docker's default profile, one filter.
      `Seccomp:\t${p.confined ? 2 : 0}`,
      `Seccomp_filters:\t${p.confined ? 1 : 0}`,
      `Cpus_allowed:\t${((1 << MACHINE.cpus) - 1).toString(16)}`,
      `Cpus_allowed_list:\t0-${MACHINE.cpus - 1}`,
      'voluntary_ctxt_switches:\t25',
      'nonvoluntary_ctxt_switches:\t3',
      '',
    ].join('\n');
  }

  /** /proc/PID/stat: the fields tools parse (pid, comm, state, ppid, times, vsize, rss). */
  private statLine(p: Process): string {
    const local = this.localPid(p) ?? 0;
    const parent = this.kernel.get(p.ppid);
    const ppid = parent ? (this.localPid(parent) ?? 0) : 0;
    const ticks = (ms: number) => Math.round(ms / 10);
    const start = ticks(p.startedAt - this.kernel.bootedAt);
    const fields = [local, `(${p.comm})`, p.state, ppid, local, local, 0, -1, 4194560, 0, 0, 0, 0, ticks(p.cpuMs * 0.7), ticks(p.cpuMs * 0.3), 0, 0, 20, p.nice, 1, 0, start, p.vszKiB * 1024, Math.round(p.rssKiB / 4)];
    return fields.join(' ') + '\n';
  }
}

function meminfo(kernel: Kernel): string {
  const used = kernel.list().reduce((sum, p) => sum + p.rssKiB, 0) + MACHINE.kernelKiB;
  const total = MACHINE.memTotalKiB;
  const free = Math.max(0, total - used - MACHINE.cachedKiB - MACHINE.buffersKiB);
  const available = free + MACHINE.cachedKiB + MACHINE.buffersKiB - 120_000;
  const swap = swapTotals(kernel.swaps);
  const rows: [string, number][] = [
    ['MemTotal', total], ['MemFree', free], ['MemAvailable', available], ['Buffers', MACHINE.buffersKiB], ['Cached', MACHINE.cachedKiB],
    ['SwapCached', 0], ['Active', Math.round(used * 0.6)], ['Inactive', Math.round(MACHINE.cachedKiB * 0.7)],
    ['SwapTotal', swap.totalKiB], ['SwapFree', swap.totalKiB - swap.usedKiB], ['Dirty', 132], ['Writeback', 0], ['AnonPages', used - MACHINE.kernelKiB],
    ['Mapped', 215_708], ['Shmem', 1_216], ['KReclaimable', 71_932], ['Slab', 132_680], ['SReclaimable', 71_932],
    ['SUnreclaim', 60_748], ['KernelStack', 4_112], ['PageTables', 6_036], ['CommitLimit', Math.round(total / 2) + swap.totalKiB],
    ['Committed_AS', used * 2], ['VmallocTotal', 34_359_738_367], ['VmallocUsed', 23_688], ['HugePages_Total', 0],
  ];
  return rows.map(([key, value]) => `${(key + ':').padEnd(16)}${String(value).padStart(8)} ${key.startsWith('HugePages') ? '' : 'kB'}`.trimEnd() + '\n').join('');
}

function cpuinfo(): string {
  const block = (n: number) =>
    [
      `processor\t: ${n}`, 'vendor_id\t: GenuineIntel', 'cpu family\t: 6', 'model\t\t: 106', `model name\t: ${MACHINE.cpuModel}`,
      'stepping\t: 6', 'microcode\t: 0xffffffff', `cpu MHz\t\t: ${MACHINE.cpuMHz}`, 'cache size\t: 49152 KB', 'physical id\t: 0',
      `siblings\t: ${MACHINE.cpus}`, `core id\t\t: ${n}`, `cpu cores\t: ${MACHINE.cpus}`, `apicid\t\t: ${n}`, 'fpu\t\t: yes',
      'flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology cpuid pni pclmulqdq vmx ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm avx2 avx512f',
      'bogomips\t: 5586.87', 'address sizes\t: 46 bits physical, 48 bits virtual', '',
    ].join('\n');
  return Array.from({ length: MACHINE.cpus }, (_, n) => block(n)).join('\n');
}
