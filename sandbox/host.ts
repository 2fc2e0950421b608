/**
 * A simulated host: its kernel (processes, namespaces, cgroups), its root filesystem with procfs
 * and cgroupfs mounted over it, and the terminal's stack of shells on it.
 */
import { InMemoryFs, type IFileSystem } from 'just-bash';
import { stampAll, withClockTimes, type LinkTimes } from './fs/clocked-fs';
import type { Clock } from './core/clock';
import { CgroupFs } from './fs/cgroupfs';
import { writeCommandStubs } from './fs/command-stubs';
import { writeHostRoot } from './fs/host-root';
import { hostMounts, MountTable, type MountEntry, type MountSpec } from './fs/mount-table';
import { OverlayFs, overlayLayer } from './fs/overlay-fs';
import { subtreeFs } from './fs/subtree-fs';
import { ProcFs } from './fs/procfs';
import { withSpecialFiles } from './fs/special-files';
import { restoreFs, snapshotFs, type FsSnapshot } from './fs/snapshot';
import { bootHost } from './kernel/boot';
import { Kernel, type KernelSnapshot } from './kernel/kernel';
import { INITIAL_NAMESPACE_INODES } from './kernel/namespaces';
import { ServiceManager, type ServicesSnapshot } from './kernel/services';
import { fstab, SWAP_FILE, SWAP_FILE_AREA } from './kernel/swap';
import { kubeletSwapRefusal } from './kubernetes/node/kubelet-swap';
import { KUBELET_UNCONFIGURED, KUBELET_UNIT, UNITS } from './kernel/unit-catalogue';
import type { Lan } from './net/lan';
import { Network, type NetworkSnapshot } from './net/network';
import type { Random } from './core/random';
import { DockerEngine } from './docker/engine';
import type { EngineHost } from './docker/engine-host';
import type { DockerSnapshot } from './docker/state';
import { ContainerdImages, type ContainerdSnapshot } from './kubernetes/node/containerd-images';
import { hostCommands, HOST_COMMAND_NAMES, KUBERNETES_COMMAND_NAMES } from './shell/commands';
import { containerdRootfs } from './kubernetes/node/pod-rootfs';
import { podShellFrame } from './kubernetes/node/pod-shell';
import { sshFrame } from './shell/commands/ssh';
import { Console, type ConsoleFrame } from './shell/console';
import { ShellSession, type ShellSnapshot } from './shell/session';

export interface HostOptions {
  random: Random;
  hostname: string;
  address: string;
  mac: string;
  clock: Clock;
  elapsed: () => number;
  /** Every host of the world (this one included), listed in /etc/hosts. */
  peers?: { hostname: string; address: string }[];
  /** kubeadm, kubelet and kubectl are installed (the cluster course's hosts). */
  kubernetes?: boolean;
  /**
   * The installer's /swap.img in /etc/fstab: 'on' and active (a fresh server), or 'off' with its
   * fstab line commented out (a host prepared for Kubernetes). Absent: no swap and no fstab line.
   */
  swap?: 'on' | 'off';
}

/** A mount as data: its spec rebuilds the filesystem object after a restore. */
export type SavedMount = Omit<MountEntry, 'fs'>;

export interface HostSnapshot {
  hostname: string;
  address: string;
  rootfs: FsSnapshot;
  kernel: KernelSnapshot;
  services: ServicesSnapshot;
  network: NetworkSnapshot;
  docker: DockerSnapshot;
  mountTables: [number, SavedMount[], MountSpec | undefined][];
  kubernetes?: boolean;
  /** containerd's own image store (the kubelet's images), when it holds anything. */
  containerd?: ContainerdSnapshot;
  /** The terminal's shells, bottom first; `host` names another host a shell runs on (ssh). */
  shells: { pid: number; shell: ShellSnapshot; host?: string; via?: 'ssh' | 'exec'; style?: 'ash' }[];
}

export class Host implements EngineHost {
  readonly kernel: Kernel;
  readonly services: ServiceManager;
  readonly network: Network;
  readonly docker: DockerEngine;
  /** containerd's images by namespace: `k8s.io` is the kubelet's, apart from Docker's. */
  containerd = new ContainerdImages();
  /** The command running right now, if any (set by commands while they run). */
  runningPid: number | null = null;
  /**
   * A process that was started to run one command (`docker exec web ps`): that command runs as the
   * process itself, as exec(2) would, instead of as its child. Cleared once used.
   */
  execInto: number | null = null;
  private readonly mountTables = new Map<number, MountTable>();
  private readonly linkTimes: LinkTimes;
  private shells: Console | undefined;
  /** The other hosts of the world, for ssh (set once all hosts are up). */
  lan: Lan | undefined;

  private constructor(
    readonly hostname: string,
    readonly address: string,
    readonly rootfs: InMemoryFs,
    kernel: Kernel,
    private readonly elapsed: () => number,
    readonly random: Random,
    savedServices?: ServicesSnapshot,
    savedNetwork?: NetworkSnapshot,
    savedDocker?: DockerSnapshot,
    /** kubeadm, kubelet and kubectl are installed: the kubelet is one of its units. */
    readonly kubernetes = false,
  ) {
    this.kernel = kernel;
    this.linkTimes = { made: new Map(), bootedAt: kernel.bootedAt };
    this.network = new Network(savedNetwork);
    this.services = new ServiceManager(kernel, hostname, kubernetes ? [...UNITS, KUBELET_UNIT] : UNITS, savedServices);
    kernel.onExit((p) => this.services.noticeExit(p.pid, p.exit?.signal ?? null));
    // The kubelet refuses to run while swap is on (failSwapOn).
    this.services.startCheck = (unit) => (unit === KUBELET_UNIT.name ? kubeletSwapRefusal(this) : null);
    this.docker = new DockerEngine(this, savedDocker);
  }

  static async boot(options: HostOptions): Promise<Host> {
    const rootfs = new InMemoryFs();
    writeHostRoot(rootfs, options);
    writeCommandStubs(rootfs, [...HOST_COMMAND_NAMES, ...(options.kubernetes ? KUBERNETES_COMMAND_NAMES : [])]);
    // The kubelet package ships the static pod directory, empty until kubeadm init writes into it.
    if (options.kubernetes) rootfs.mkdirSync('/etc/kubernetes/manifests', { recursive: true });
    if (options.swap) {
      await rootfs.writeFile('/etc/fstab', fstab(options.swap === 'off'));
      await rootfs.writeFile(SWAP_FILE, '');
      await rootfs.chmod(SWAP_FILE, 0o600);
    }
    await stampAll(rootfs, options.clock);
    const kernel = new Kernel(options.clock, options.hostname);
    const host = new Host(options.hostname, options.address, rootfs, kernel, options.elapsed, options.random, undefined, undefined, undefined, options.kubernetes ?? false);
    if (options.swap === 'on') kernel.swaps = [{ ...SWAP_FILE_AREA }];
    const { shellPid } = bootHost(kernel, host.services);
    // Installed but not configured: the kubelet fails and systemd retries it every 10 s.
    if (host.kubernetes) host.services.crashLoop('kubelet', 10, KUBELET_UNCONFIGURED);
    host.network.initHost(INITIAL_NAMESPACE_INODES.net, options.address, options.mac);
    host.mountTables.set(INITIAL_NAMESPACE_INODES.mnt, new MountTable(host.rootView(), hostMounts((spec) => host.mountFilesystem(spec), INITIAL_NAMESPACE_INODES.pid)));
    host.attachShells([{ pid: shellPid }]);
    await host.console.top.session.start();
    return host;
  }

  static async restore(saved: HostSnapshot, clock: Clock, elapsed: () => number, random: Random): Promise<Host> {
    const rootfs = await restoreFs(saved.rootfs);
    const host = new Host(saved.hostname, saved.address, rootfs, new Kernel(clock, saved.hostname, saved.kernel), elapsed, random, saved.services, saved.network, saved.docker, saved.kubernetes ?? false);
    host.containerd = new ContainerdImages(saved.containerd);
    for (const [inode, mounts, rootSpec] of saved.mountTables) {
      // The root entry is the table's own root (rebuilt from rootSpec), never a mount over it.
      const entries = await Promise.all(mounts.map(async (m) => ({ ...m, fs: m.spec && m.target !== '/' ? host.mountFilesystem(m.spec, await host.tmpfsFiles(m.spec)) : undefined })));
      host.mountTables.set(inode, new MountTable(rootSpec ? host.mountFilesystem(rootSpec) : host.rootView(), entries, rootSpec));
    }
    const own = saved.shells.filter((s) => s.host === undefined);
    host.attachShells(own);
    host.console.frames().forEach((frame, i) => frame.session.restore(own[i].shell));
    return host;
  }

  /**
   * After every host is back: the shells this terminal had open on other hosts (ssh) return on top
   * of its stack, as the same frames those hosts restored, so both agree which shell is active.
   */
  reattachRemoteShells(saved: HostSnapshot, hostNamed: (name: string) => Host | undefined): void {
    for (const entry of saved.shells) {
      if (entry.host === undefined) continue;
      const remote = hostNamed(entry.host);
      const restored = remote?.console.frames().find((f) => f.pid === entry.pid);
      if (!remote || !restored) continue;
      const frame = entry.via === 'exec' ? podShellFrame(remote, entry.pid, restored.session) : sshFrame(remote, entry.pid, restored.session, remote.hostname);
      remote.console.leave(restored);
      remote.console.enter(frame);
      this.console.restoreFrames([frame]);
    }
  }

  /** The process reading /proc/self right now: a running command, else the active shell. */
  get activePid(): number {
    return this.runningPid ?? this.console.top.pid;
  }

  get console(): Console {
    if (!this.shells) throw new Error('host has no shells yet');
    return this.shells;
  }

  /** What the terminal types into: the console, which routes each line to the active shell. */
  get shell(): Console {
    return this.console;
  }

  /** The mount table of a mount namespace. */
  mountsOf(mntNamespace: number): MountTable {
    const table = this.mountTables.get(mntNamespace);
    if (!table) throw new Error(`no mount table for mnt:[${mntNamespace}]`);
    return table;
  }

  setMountTable(mntNamespace: number, table: MountTable): void {
    this.mountTables.set(mntNamespace, table);
  }

  /** The root filesystem as tools see it: device nodes shown as devices, writes stamped by the clock. */
  rootView(): IFileSystem {
    return withSpecialFiles(withClockTimes(this.rootfs, this.kernel.clock, this.linkTimes));
  }

  /** The root filesystem without device presentation, for overlay layers that read whiteouts raw. */
  layerRoot(): IFileSystem {
    return withClockTimes(this.rootfs, this.kernel.clock, this.linkTimes);
  }

  procfs(pidNamespace: number): ProcFs {
    return new ProcFs(this.kernel, pidNamespace, {
      self: () => this.activePid,
      mounts: (mnt) => this.mountTables.get(mnt)?.format() ?? '',
    });
  }

  /** cgroupfs; `cgroup.procs` lists pids as seen from `pidNamespace` (a container's own). */
  cgroupfs(pidNamespace: number = INITIAL_NAMESPACE_INODES.pid): CgroupFs {
    return new CgroupFs(this.kernel, pidNamespace);
  }

  /** Makes the filesystem a mount spec describes; `mount` and restore both come through here. */
  mountFilesystem(spec: MountSpec, tmpfsFiles?: InMemoryFs): IFileSystem {
    switch (spec.kind) {
      case 'proc':
        return this.procfs(spec.pidNamespace);
      case 'cgroup2':
        return spec.root && spec.root !== '/' ? subtreeFs(this.cgroupfs(spec.pidNamespace), spec.root) : this.cgroupfs(spec.pidNamespace);
      case 'tmpfs':
        return tmpfsFiles ?? new InMemoryFs();
      case 'bind':
        return subtreeFs(this.layerRoot(), spec.from);
      case 'overlay': {
        const root = this.layerRoot();
        const lowers = spec.lower.map((dir) => overlayLayer(subtreeFs(root, dir)));
        // Without an upperdir the overlay is read-only; a throwaway upper keeps one code path.
        const upper = overlayLayer(spec.upper ? subtreeFs(root, spec.upper) : new InMemoryFs());
        return withSpecialFiles(new OverlayFs(upper, lowers));
      }
      case 'containerd':
        return containerdRootfs(this, spec.image, spec.upper);
    }
  }

  /** A restored tmpfs's files. */
  async tmpfsFiles(spec: MountSpec): Promise<InMemoryFs | undefined> {
    return spec.kind === 'tmpfs' && spec.files ? restoreFs(spec.files) : undefined;
  }

  /** An interactive bash bound to process `pid`, seeing the filesystem of its mount namespace. */
  openShell(pid: number, cwd?: string, rootOverride?: IFileSystem, style: 'bash' | 'ash' = 'bash'): ShellSession {
    const process = this.kernel.require(pid);
    const mounts = this.mountsOf(process.ns.mnt);
    return new ShellSession({
      fs: rootOverride ?? mounts.view,
      cwd,
      identity: () => ({ hostname: this.kernel.uts(this.kernel.get(pid) ?? process).hostname, user: 'root', home: '/root', style }),
      processInfo: { pid: process.nspid.at(-1)!, ppid: this.kernel.get(process.ppid)?.nspid.at(-1) ?? 0, uid: process.uid, gid: process.gid },
      commands: hostCommands({ host: this, kernel: this.kernel, shellPid: pid, mounts }),
      elapsed: this.elapsed,
      sleep: (ms, signal) => this.kernel.clock.sleep(ms, signal),
    });
  }

  /** A console frame for shell process `pid`; when the shell exits, so does its process. */
  shellFrame(pid: number, session: ShellSession = this.openShell(pid), onExit?: (status: number) => void): ConsoleFrame {
    return {
      session,
      pid,
      onExit: (status) => {
        this.kernel.exit(pid, status);
        onExit?.(status);
      },
    };
  }

  async snapshot(): Promise<HostSnapshot> {
    return {
      hostname: this.hostname,
      address: this.address,
      ...(this.kubernetes ? { kubernetes: true } : {}),
      rootfs: await snapshotFs(this.rootfs),
      kernel: this.kernel.snapshot(),
      services: this.services.snapshot(),
      network: this.network.snapshot(),
      docker: this.docker.snapshot(),
      ...(this.containerd.isEmpty() ? {} : { containerd: this.containerd.snapshot() }),
      mountTables: await Promise.all(
        [...this.mountTables.entries()].map(async ([inode, table]) => [inode, await Promise.all(table.list().map(saveMount)), table.rootSpec] as [number, SavedMount[], MountSpec | undefined]),
      ),
      shells: this.console.frames().map((f) => ({ pid: f.pid, shell: f.session.snapshot(), ...(f.host && f.host !== this ? { host: f.host.hostname, via: f.via } : {}), ...(f.session.identity.style === 'ash' ? { style: 'ash' as const } : {}) })),
    };
  }

  private attachShells(shells: { pid: number; style?: 'ash' }[]): void {
    // A BusyBox or dash shell (`docker exec -it alpine sh`, a pod's sh) comes back with its own prompt.
    const frames = shells.map(({ pid, style }) => this.shellFrame(pid, this.openShell(pid, undefined, undefined, style)));
    this.shells = new Console(frames[0]);
    this.shells.restoreFrames(frames.slice(1));
  }

}

async function saveMount(entry: MountEntry): Promise<SavedMount> {
  const { fs, ...rest } = entry;
  // A tmpfs keeps its files only in memory: they travel inside the mount's spec.
  if (rest.spec?.kind === 'tmpfs' && fs instanceof InMemoryFs) return { ...rest, spec: { kind: 'tmpfs', files: await snapshotFs(fs) } };
  return rest;
}
