/**
 * Linux namespaces as plain data. Each has an inode number, as `ls -l /proc/PID/ns` shows it; the
 * initial ones carry the kernel's fixed numbers (PROC_*_INIT_INO) and new ones count up from the
 * range a freshly booted kernel hands out, so the numbers look like a real machine's.
 */
export const NAMESPACE_TYPES = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'] as const;
export type NamespaceType = (typeof NAMESPACE_TYPES)[number];

/** The inode numbers of the namespaces every process starts in on a real kernel. */
export const INITIAL_NAMESPACE_INODES: Record<NamespaceType, number> = {
  time: 4026531834,
  cgroup: 4026531835,
  pid: 4026531836,
  user: 4026531837,
  uts: 4026531838,
  ipc: 4026531839,
  net: 4026531840,
  mnt: 4026531841,
};

/** Where a booted kernel's dynamically allocated namespace inodes begin. */
export const FIRST_DYNAMIC_INODE = 4026532160;

export interface NamespaceBase {
  inode: number;
  type: NamespaceType;
}

export interface PidNamespace extends NamespaceBase {
  type: 'pid';
  /** 0 for the initial namespace; a child is one deeper than its parent. */
  level: number;
  parent: number | null;
  /** The last pid handed out in this namespace (Linux allocates upward from it). */
  lastPid: number;
}

export interface UtsNamespace extends NamespaceBase {
  type: 'uts';
  hostname: string;
  domainname: string;
}

export interface UserNamespace extends NamespaceBase {
  type: 'user';
  parent: number | null;
  /** uid_map lines: inside, outside, count. */
  uidMap: [number, number, number][];
  gidMap: [number, number, number][];
}

export interface MountNamespace extends NamespaceBase {
  type: 'mnt';
}

export interface PlainNamespace extends NamespaceBase {
  type: 'cgroup' | 'ipc' | 'net' | 'time';
  /** A cgroup namespace's root: the cgroup its creator was in, shown as `/` inside it. */
  root?: string;
}

export type Namespace = PidNamespace | UtsNamespace | UserNamespace | MountNamespace | PlainNamespace;

/** The namespaces a process belongs to, one per type, by inode. */
export type NamespaceSet = Record<NamespaceType, number>;

/** The description `lsns` prints in its TYPE column and the name /proc/PID/ns uses. */
export function namespaceLink(type: NamespaceType, inode: number): string {
  return `${type}:[${inode}]`;
}
