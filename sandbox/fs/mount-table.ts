/**
 * A mount namespace's mount table and the filesystem view it produces. The root filesystem is the
 * host's; synthetic filesystems (procfs, cgroupfs) and overlays are mounted over it. Entries without
 * a filesystem object (devtmpfs, sysfs, tmpfs on /run) are listed as the kernel lists them, while
 * their contents live in the root filesystem.
 */
import { MountableFs, type IFileSystem } from 'just-bash';
import { readOnlyFs } from './read-only-fs';
import { KernelError } from '../core/errors';
import type { FsSnapshot } from './snapshot';

/** How a mount's filesystem is made: plain data, so a snapshot can make it again. */
export type MountSpec =
  | { kind: 'proc'; pidNamespace: number }
  /** `root`: a cgroup namespace's view starts at that group (a container sees its own scope as /). */
  | { kind: 'cgroup2'; root?: string; pidNamespace?: number }
  | { kind: 'overlay'; lower: string[]; upper?: string; work?: string }
  | { kind: 'bind'; from: string }
  | { kind: 'tmpfs'; files?: FsSnapshot }
  /** A pod container's root: `image`'s layers from the host's containerd store under the writable `upper`. */
  | { kind: 'containerd'; image: string; upper: string };

export interface MountEntry {
  source: string;
  target: string;
  fstype: string;
  options: string;
  /** The filesystem serving `target`, when it is not the root filesystem's own directory. */
  fs?: IFileSystem;
  spec?: MountSpec;
}

/**
 * What a mount shows: one mounted `ro` refuses every write, whatever its kind: a bind (docker's
 * `-v src:dst:ro`) or the cgroup2 filesystem docker mounts read-only inside a container.
 */
function mounted(entry: MountEntry): IFileSystem {
  const filesystem = entry.fs!;
  return /^ro(,|$)/.test(entry.options) ? readOnlyFs(filesystem, entry.target) : filesystem;
}

export class MountTable {
  readonly view: MountableFs;
  private entries: MountEntry[];

  constructor(
    readonly root: IFileSystem,
    entries: MountEntry[],
    /** How to rebuild `root` after a restore; absent for the host's own root filesystem. */
    readonly rootSpec?: MountSpec,
  ) {
    this.entries = [...entries];
    this.view = new MountableFs({ base: root, mounts: entries.filter((e) => e.fs).map((e) => ({ mountPoint: e.target, filesystem: mounted(e) })) });
  }

  list(): readonly MountEntry[] {
    return this.entries;
  }

  /** A copy for a new mount namespace: same mounts, changed independently from now on. */
  clone(): MountTable {
    return new MountTable(this.root, this.entries, this.rootSpec);
  }

  mount(entry: MountEntry): void {
    if (entry.fs) {
      // A second mount on the same point hides the first, as in Linux.
      if (this.view.isMountPoint(entry.target)) this.view.unmount(entry.target);
      this.view.mount(entry.target, mounted(entry));
    }
    this.entries.push(entry);
  }

  /** umount: the most recent mount on `target` goes. */
  unmount(target: string): MountEntry {
    const index = this.entries.map((e) => e.target).lastIndexOf(target);
    if (index === -1) throw new KernelError('EINVAL', 'umount', target);
    const [removed] = this.entries.splice(index, 1);
    if (removed.fs) {
      this.view.unmount(target);
      const under = [...this.entries].reverse().find((e) => e.target === target && e.fs);
      if (under) this.view.mount(target, mounted(under));
    }
    return removed;
  }

  /** /proc/mounts lines. */
  format(): string {
    return this.entries.map((e) => `${e.source} ${e.target} ${e.fstype} ${e.options} 0 0\n`).join('');
  }
}

/** The mounts a booted Ubuntu server shows before anyone mounts anything. */
export function hostMounts(make: (spec: MountSpec) => IFileSystem, pidNamespace: number): MountEntry[] {
  const procSpec: MountSpec = { kind: 'proc', pidNamespace };
  const cgroupSpec: MountSpec = { kind: 'cgroup2' };
  const procfs = make(procSpec);
  const cgroupfs = make(cgroupSpec);
  return [
    { source: '/dev/root', target: '/', fstype: 'ext4', options: 'rw,relatime,discard,errors=remount-ro,commit=30' },
    { source: 'udev', target: '/dev', fstype: 'devtmpfs', options: 'rw,nosuid,relatime,size=2003740k,nr_inodes=500935,mode=755,inode64' },
    { source: 'proc', target: '/proc', fstype: 'proc', options: 'rw,nosuid,nodev,noexec,relatime', fs: procfs, spec: procSpec },
    { source: 'sysfs', target: '/sys', fstype: 'sysfs', options: 'rw,nosuid,nodev,noexec,relatime' },
    { source: 'devpts', target: '/dev/pts', fstype: 'devpts', options: 'rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000' },
    { source: 'tmpfs', target: '/run', fstype: 'tmpfs', options: 'rw,nosuid,nodev,noexec,relatime,size=401304k,mode=755,inode64' },
    { source: 'cgroup2', target: '/sys/fs/cgroup', fstype: 'cgroup2', options: 'rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot', fs: cgroupfs, spec: cgroupSpec },
    { source: 'tmpfs', target: '/run/lock', fstype: 'tmpfs', options: 'rw,nosuid,nodev,noexec,relatime,size=5120k,inode64' },
    { source: '/dev/vda15', target: '/boot/efi', fstype: 'vfat', options: 'rw,relatime,fmask=0077,dmask=0077,codepage=437,iocharset=iso8859-1,shortname=mixed,errors=remount-ro' },
  ];
}
