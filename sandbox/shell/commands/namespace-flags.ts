/** The namespace options unshare and nsenter share (util-linux 2.39), and the namespace each names. */
import type { NamespaceType } from '../../kernel/namespaces';

export const NAMESPACE_OPTIONS = {
  mount: { short: 'm', value: 'optional' as const },
  uts: { short: 'u', value: 'optional' as const },
  ipc: { short: 'i', value: 'optional' as const },
  net: { short: 'n', value: 'optional' as const },
  pid: { short: 'p', value: 'optional' as const },
  user: { short: 'U', value: 'optional' as const },
  cgroup: { short: 'C', value: 'optional' as const },
  time: { short: 'T', value: 'optional' as const },
};

export const NAMESPACE_FLAGS: [keyof typeof NAMESPACE_OPTIONS, NamespaceType][] = [
  ['mount', 'mnt'], ['uts', 'uts'], ['ipc', 'ipc'], ['net', 'net'], ['pid', 'pid'], ['user', 'user'], ['cgroup', 'cgroup'], ['time', 'time'],
];
