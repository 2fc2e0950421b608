/**
 * A pod container's root filesystem, as containerd's overlayfs snapshotter makes it: the image's
 * layers (from the node's `k8s.io` image store) read-only below, and the container's own writable
 * snapshot on the node's disk above, so what a process in the pod writes stays there (and survives
 * a snapshot of the world) until the pod is deleted.
 */
import type { IFileSystem } from 'just-bash';
import type { MountSpec } from '../../fs/mount-table';
import { OverlayFs, overlayLayer } from '../../fs/overlay-fs';
import { withSpecialFiles } from '../../fs/special-files';
import { subtreeFs } from '../../fs/subtree-fs';
import type { Host } from '../../host';
import type { Container, Pod } from '../api/types';
import { ContainerdImages, SNAPSHOTTER_ROOT, type ContainerdImage } from './containerd-images';
import { layerFs } from './layer-fs';

/** The container's writable snapshot directory on its node. */
export function containerSnapshotDir(pod: Pod, containerName: string): string {
  return `${SNAPSHOTTER_ROOT}/k8s-${pod.metadata.uid ?? pod.metadata.name}-${containerName}/fs`;
}

/** The image a container runs, from the node's store (or, for a pod started before the store kept it, the registry's). */
export function containerImage(host: Host, container: Container): ContainerdImage | undefined {
  return host.containerd.find('k8s.io', container.image) ?? new ContainerdImages().pullFromCatalogue(container.image);
}

/** The container's filesystem as its processes see it; undefined when the pod has no such container or image. */
export function podRootfs(host: Host, pod: Pod, containerName: string): IFileSystem | undefined {
  const spec = podRootSpec(host, pod, containerName);
  if (!spec) return undefined;
  host.rootfs.mkdirSync(containerSnapshotDir(pod, containerName), { recursive: true });
  return host.mountFilesystem(spec);
}

/**
 * How to mount the container's root again (a restored world): an overlay of directories once every
 * layer is unpacked on the node's disk, else the image's layers as the containerd store knows them.
 */
export function podRootSpec(host: Host, pod: Pod, containerName: string): MountSpec | undefined {
  const container = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((c) => c.name === containerName);
  const image = container ? containerImage(host, container) : undefined;
  if (!container || !image) return undefined;
  const upper = containerSnapshotDir(pod, containerName);
  return rootSpecOf(image, upper) ?? { kind: 'containerd', image: container.image, upper };
}

/** The root of a container of `image` with its writable layer at `upper` (mount kind `containerd`). */
export function containerdRootfs(host: Host, image: string, upper: string): IFileSystem {
  const found = containerImage(host, { name: '', image });
  const lowers = [...(found?.layers ?? [])].reverse().map((layer) => overlayLayer(layerFs(host, layer)));
  return withSpecialFiles(new OverlayFs(overlayLayer(subtreeFs(host.layerRoot(), upper)), lowers));
}

/** The overlay as a mount spec, once every layer is unpacked on the node's disk (so a restore can mount it again). */
export function rootSpecOf(image: ContainerdImage, upper: string): (MountSpec & { kind: 'overlay' }) | undefined {
  if (image.layers.some((l) => !l.snapshotDir)) return undefined;
  return { kind: 'overlay', lower: [...image.layers].reverse().map((l) => l.snapshotDir!), upper, work: upper.replace(/\/fs$/, '/work') };
}

/** Removes a deleted pod's writable snapshots, as containerd does when the kubelet removes its containers. */
export async function removePodSnapshots(host: Host, pod: Pod): Promise<void> {
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    await host.rootfs.rm(containerSnapshotDir(pod, c.name).replace(/\/fs$/, ''), { recursive: true, force: true });
  }
}
