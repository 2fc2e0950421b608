/**
 * `ctr images import`: the images of an archive (`docker save`'s) into a containerd namespace on
 * this host. Layers the registry serves keep naming their catalogue entry; layers made elsewhere
 * are unpacked into new snapshot directories under the overlayfs snapshotter, once per DiffID.
 * Registry layers the kubelet pulled are unpacked when a container first needs them on disk.
 */
import type { ImageArchive } from '../../docker/image-archive';
import { archiveDigest } from '../../docker/image-archive';
import { writeLayerFiles } from '../../docker/layer-store';
import type { Host } from '../../host';
import { findImage } from '../../docker/catalogue/images';
import { isLayer } from '../../docker/image-spec';
import { qualifiedName, type ContainerdImage, type ContainerdLayer } from './containerd-images';

export interface Imported {
  name: string;
  digest: string;
}

export async function importArchive(host: Host, namespace: string, archive: ImageArchive): Promise<Imported[]> {
  const store = host.containerd;
  const imported: Imported[] = [];
  for (const image of archive.images) {
    const layers: ContainerdLayer[] = [];
    for (const layer of image.layers) {
      if (layer.catalogue) {
        layers.push({ diffId: layer.diffId, size: layer.size, catalogue: layer.catalogue });
        continue;
      }
      const unpacked = store.layer(layer.diffId);
      if (unpacked?.snapshotDir) {
        layers.push(unpacked);
        continue;
      }
      const snapshotDir = store.allocateSnapshot();
      await writeLayerFiles(host.layerRoot(), snapshotDir, layer.files ?? {});
      layers.push({ diffId: layer.diffId, size: layer.size, snapshotDir });
    }
    const digest = archiveDigest(image);
    const size = image.layers.reduce((sum, l) => sum + l.size, 0);
    for (const tag of image.repoTags) {
      const name = qualifiedName(tag);
      store.put({ namespace, name, digest, id: image.id, size, config: image.config, layers, managed: false });
      imported.push({ name, digest });
    }
  }
  return imported;
}

/**
 * Unpacks an image's registry layers into snapshot directories on this host's disk (imported
 * layers already are), so a container's root can be mounted as an overlay of directories.
 */
export async function unpackImage(host: Host, image: ContainerdImage): Promise<void> {
  const inFlight = unpacking.get(host) ?? new Map<string, Promise<string>>();
  unpacking.set(host, inFlight);
  for (const layer of image.layers) {
    if (layer.snapshotDir || !layer.catalogue) continue;
    const done = host.containerd.layer(layer.diffId)?.snapshotDir;
    if (done) {
      layer.snapshotDir = done;
      continue;
    }
    // Two pods starting at once share one unpacking of a layer.
    const catalogue = layer.catalogue;
    const pending = inFlight.get(layer.diffId) ?? (async () => {
      const dir = host.containerd.allocateSnapshot();
      const files = findImage(catalogue.repository, catalogue.tag)?.steps.filter(isLayer)[catalogue.index]?.files ?? {};
      await writeLayerFiles(host.layerRoot(), dir, files);
      host.containerd.setUnpacked(layer.diffId, dir);
      return dir;
    })();
    inFlight.set(layer.diffId, pending);
    layer.snapshotDir = await pending;
  }
}

const unpacking = new WeakMap<Host, Map<string, Promise<string>>>();
