/**
 * A container becomes kernel objects: a containerd shim, an init process in new pid, mnt, uts,
 * net, ipc and cgroup namespaces, a cgroup under system.slice carrying the limits, an overlay root
 * of the image's layers plus an init layer and the container's own upper layer, and its network
 * interfaces (container-network.ts).
 */
import type { IFileSystem } from 'just-bash';
import { MountTable, type MountEntry, type MountSpec } from '../fs/mount-table';
import { joinCgroup } from '../kernel/cgroups';
import type { NamespaceType } from '../kernel/namespaces';
import { attachNetworks, detachNetworks, resolvConf } from './container-network';
import type { EngineHost } from './engine-host';
import { OVERLAY2, writeLayerDirectory, linkName } from './layer-store';
import type { DockerNetworks } from './networks';
import type { ContainerRecord } from './state';

const CONTAINER_NAMESPACES: NamespaceType[] = ['pid', 'mnt', 'uts', 'net', 'ipc', 'cgroup'];

export function scopeOf(id: string): string {
  return joinCgroup('/system.slice', `docker-${id}.scope`);
}

/** Where dockerd keeps a container's own files: hostname, hosts and resolv.conf, bind-mounted in. */
export function containerDir(id: string): string {
  return `/var/lib/docker/containers/${id}`;
}

const GENERATED = ['resolv.conf', 'hostname', 'hosts'] as const;

/**
 * Writes the container's generated files under /var/lib/docker/containers/<id>/, its init layer
 * (empty placeholders for them, so `docker diff` and `commit` never see them) and its empty upper layer.
 */
export async function prepareLayers(host: EngineHost, record: ContainerRecord, imageLinks: string[], ipAddress: string): Promise<void> {
  const hostname = record.config.hostname;
  const fs = host.layerRoot();
  const generated: Record<(typeof GENERATED)[number], string> = {
    hosts: `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n${ipAddress ? `${ipAddress}\t${hostname}\n` : ''}`,
    hostname: `${hostname}\n`,
    'resolv.conf': resolvConf(record),
  };
  await fs.mkdir(containerDir(record.id), { recursive: true });
  for (const name of GENERATED) await fs.writeFile(`${containerDir(record.id)}/${name}`, generated[name]);
  const initLink = linkName(host.random);
  await writeLayerDirectory(fs, `${record.layerCacheId}-init`, initLink, imageLinks, {
    '/etc/hosts': '',
    '/etc/hostname': '',
    '/etc/resolv.conf': '',
    '/dev/console': '',
  });
  await writeLayerDirectory(fs, record.layerCacheId, linkName(host.random), [initLink, ...imageLinks], {});
}

export function overlaySpec(record: ContainerRecord, imageCacheIds: string[]): MountSpec & { kind: 'overlay' } {
  return {
    kind: 'overlay',
    lower: [`${OVERLAY2}/${record.layerCacheId}-init/diff`, ...imageCacheIds.map((id) => `${OVERLAY2}/${id}/diff`)],
    upper: `${OVERLAY2}/${record.layerCacheId}/diff`,
    work: `${OVERLAY2}/${record.layerCacheId}/work`,
  };
}

function overlayOptions(spec: MountSpec & { kind: 'overlay' }): string {
  return `rw,relatime,lowerdir=${spec.lower.join(':')},upperdir=${spec.upper},workdir=${spec.work},nouserxattr`;
}

export interface StartedContainer {
  initPid: number;
  shimPid: number;
  root: IFileSystem;
}

/** Starts the processes and namespaces of a created container; `argv` is its main process. */
export function startContainer(host: EngineHost, networks: DockerNetworks, record: ContainerRecord, imageCacheIds: string[], argv: string[], rssKiB: number): StartedContainer {
  const { kernel } = host;
  const scope = scopeOf(record.id);
  if (!kernel.cgroups.get(scope)) kernel.makeCgroup(scope);
  const group = kernel.cgroups.require(scope);
  group.memoryMax = record.hostConfig.memory > 0 ? record.hostConfig.memory : null;
  group.memorySwapMax = record.hostConfig.memorySwap > 0 ? Math.max(0, record.hostConfig.memorySwap - record.hostConfig.memory) : null;
  group.cpuMax = record.hostConfig.nanoCpus > 0 ? { quotaUs: Math.round((record.hostConfig.nanoCpus / 1e9) * 100_000), periodUs: 100_000 } : { quotaUs: null, periodUs: 100_000 };
  group.pidsMax = record.hostConfig.pidsLimit;

  const shim = kernel.spawn({
    parent: 1,
    argv: ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'moby', '-id', record.id, '-address', '/run/containerd/containerd.sock'],
    comm: 'containerd-shim',
    cgroup: '/system.slice/containerd.service',
    rssKiB: 11_264,
    vszKiB: 1_238_400,
    sessionLeader: true,
  });
  const init = kernel.spawn({
    parent: shim.pid,
    argv,
    cgroup: scope,
    // --network host: the container keeps the host's network stack.
    confined: true,
    newNamespaces: record.hostConfig.networkMode === 'host' ? CONTAINER_NAMESPACES.filter((t) => t !== 'net') : CONTAINER_NAMESPACES,
    hostname: record.config.hostname,
    tty: record.config.tty ? 'pts/0' : null,
    rssKiB,
    sessionLeader: true,
    uid: record.config.user && record.config.user !== 'root' && record.config.user !== '0' ? Number(record.config.user) || 1000 : 0,
  });

  // The container's mount namespace: its overlay root, then the usual kernel filesystems.
  const rootSpec = overlaySpec(record, imageCacheIds);
  const root = host.mountFilesystem(rootSpec);
  const procSpec: MountSpec = { kind: 'proc', pidNamespace: init.ns.pid };
  const cgroupSpec: MountSpec = { kind: 'cgroup2', root: scope, pidNamespace: init.ns.pid };
  const entries: MountEntry[] = [
    { source: 'overlay', target: '/', fstype: 'overlay', options: overlayOptions(rootSpec), spec: rootSpec },
    { source: 'proc', target: '/proc', fstype: 'proc', options: 'rw,nosuid,nodev,noexec,relatime', fs: host.mountFilesystem(procSpec), spec: procSpec },
    { source: 'tmpfs', target: '/dev', fstype: 'tmpfs', options: 'rw,nosuid,size=65536k,mode=755,inode64' },
    { source: 'devpts', target: '/dev/pts', fstype: 'devpts', options: 'rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666' },
    { source: 'sysfs', target: '/sys', fstype: 'sysfs', options: 'ro,nosuid,nodev,noexec,relatime' },
    { source: 'cgroup', target: '/sys/fs/cgroup', fstype: 'cgroup2', options: 'ro,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot', fs: host.mountFilesystem(cgroupSpec), spec: cgroupSpec },
    { source: 'mqueue', target: '/dev/mqueue', fstype: 'mqueue', options: 'rw,nosuid,nodev,noexec,relatime' },
    { source: 'shm', target: '/dev/shm', fstype: 'tmpfs', options: 'rw,nosuid,nodev,noexec,relatime,size=65536k,inode64' },
    // The generated files, bind-mounted over the init layer's placeholders.
    ...GENERATED.map((name): MountEntry => {
      const spec: MountSpec = { kind: 'bind', from: `${containerDir(record.id)}/${name}` };
      return { source: '/dev/root', target: `/etc/${name}`, fstype: 'ext4', options: 'rw,relatime,discard,errors=remount-ro,commit=30', fs: host.mountFilesystem(spec), spec };
    }),
  ];
  for (const mount of record.hostConfig.mounts ?? []) {
    const from = mount.type === 'volume' ? `/var/lib/docker/volumes/${mount.source}/_data` : mount.source;
    const spec: MountSpec = { kind: 'bind', from };
    entries.push({ source: '/dev/root', target: mount.destination, fstype: 'ext4', options: `${mount.readOnly ? 'ro' : 'rw'},relatime,discard,errors=remount-ro,commit=30`, fs: host.mountFilesystem(spec), spec });
  }
  host.setMountTable(init.ns.mnt, new MountTable(root, entries, rootSpec));
  // The host sees the same overlay at .../merged, as `mount | grep overlay` shows on a real host.
  const hostTable = host.mountsOf(kernel.require(1).ns.mnt);
  const merged = `${OVERLAY2}/${record.layerCacheId}/merged`;
  if (!hostTable.list().some((m) => m.target === merged)) {
    hostTable.mount({ source: 'overlay', target: merged, fstype: 'overlay', options: overlayOptions(rootSpec), fs: host.mountFilesystem(rootSpec), spec: rootSpec });
  }
  if (record.hostConfig.networkMode !== 'host') attachNetworks(host, networks, record, init.ns.net);
  return { initPid: init.pid, shimPid: shim.pid, root };
}

/** Undoes what start did: the veth, the host's view of the overlay, the cgroup. */
export function cleanupContainer(host: EngineHost, record: ContainerRecord): void {
  detachNetworks(host, record);
  const hostTable = host.mountsOf(host.kernel.require(1).ns.mnt);
  const merged = `${OVERLAY2}/${record.layerCacheId}/merged`;
  if (hostTable.list().some((m) => m.target === merged)) hostTable.unmount(merged);
  const scope = scopeOf(record.id);
  if (host.kernel.cgroups.get(scope) && host.kernel.subtree(scope).length === 0) host.kernel.removeCgroup(scope);
}
