/**
 * A containerd layer as a filesystem an overlay can stack: an imported layer is its snapshot
 * directory on the host's disk; a registry layer is built in memory from its catalogue definition
 * (the same files for every host, never written to: it is only ever a lower layer), once per
 * process. The build is asynchronous, so the view waits for it on first use.
 */
import { InMemoryFs, type IFileSystem } from 'just-bash';
import { findImage } from '../../docker/catalogue/images';
import { isLayer } from '../../docker/image-spec';
import { writeLayerFiles } from '../../docker/layer-store';
import { subtreeFs } from '../../fs/subtree-fs';
import type { Host } from '../../host';
import type { ContainerdLayer } from './containerd-images';

const catalogueLayers = new Map<string, Promise<IFileSystem>>();

function catalogueLayer(layer: ContainerdLayer & { catalogue: NonNullable<ContainerdLayer['catalogue']> }): Promise<IFileSystem> {
  const cached = catalogueLayers.get(layer.diffId);
  if (cached) return cached;
  const built = (async () => {
    const fs = new InMemoryFs();
    const definition = findImage(layer.catalogue.repository, layer.catalogue.tag);
    const files = definition?.steps.filter(isLayer)[layer.catalogue.index]?.files ?? {};
    await writeLayerFiles(fs, '', files);
    return fs as IFileSystem;
  })();
  catalogueLayers.set(layer.diffId, built);
  return built;
}

/** An IFileSystem whose every operation first waits for `ready`. */
export function deferredFs(ready: Promise<IFileSystem>): IFileSystem {
  let resolved: IFileSystem | undefined;
  void ready.then((fs) => (resolved = fs));
  return new Proxy({} as IFileSystem, {
    get(_, key: string) {
      if (key === 'resolvePath') return (base: string, path: string) => (path.startsWith('/') ? path : `${base.replace(/\/$/, '')}/${path}`);
      if (key === 'getAllPaths') return () => resolved?.getAllPaths() ?? [];
      if (key === 'then') return undefined;
      return async (...args: unknown[]) => {
        const fs = await ready;
        return (fs[key as keyof IFileSystem] as (...a: unknown[]) => unknown).apply(fs, args);
      };
    },
  });
}

/** The files of one layer of an image in the host's containerd store. */
export function layerFs(host: Host, layer: ContainerdLayer): IFileSystem {
  if (layer.snapshotDir) return subtreeFs(host.layerRoot(), layer.snapshotDir);
  if (layer.catalogue) return deferredFs(catalogueLayer({ ...layer, catalogue: layer.catalogue }));
  return new InMemoryFs();
}
