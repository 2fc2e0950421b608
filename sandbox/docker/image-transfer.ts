/**
 * The engine's side of `docker save` and `docker load`: an image and its layers out to an archive
 * (see image-archive.ts), and back into the image store, writing under overlay2 only the layers
 * the store does not have yet. State only; the CLI prints.
 */
import type { IFileSystem } from 'just-bash';
import { findImage, IMAGES } from './catalogue/images';
import { KUBERNETES_IMAGES } from './catalogue/kubernetes-images';
import type { EngineHost } from './engine-host';
import { DockerError } from './errors';
import { catalogueLayerOf, type ArchiveImage, type ArchiveLayer, type ImageArchive } from './image-archive';
import { imageId } from './image-ids';
import { isLayer, type LayerFile } from './image-spec';
import type { ImageStore } from './images';
import { cacheIdFor, linkName, OVERLAY2, writeLayerDirectory } from './layer-store';
import { SpecialFiles } from '../fs/special-files';
import type { StoredImage } from './state';

/** A layer directory's files as a layer carries them: directories, files, links and whiteouts. */
export async function readLayerFiles(fs: IFileSystem, diffDir: string): Promise<Record<string, LayerFile>> {
  const special = new SpecialFiles(fs);
  const files: Record<string, LayerFile> = {};
  const walk = async (dir: string) => {
    let names: string[];
    try {
      names = (await fs.readdir(diffDir + dir)).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = `${dir}/${name}`;
      const stat = await fs.lstat(diffDir + path);
      if (stat.isSymbolicLink) files[path] = { symlink: await fs.readlink(diffDir + path) };
      else if (stat.isDirectory) {
        files[path] = { dir: true, mode: stat.mode & 0o7777 };
        await walk(path);
      } else if (await special.device(diffDir + path)) files[path] = { whiteout: true };
      else files[path] = { content: await fs.readFile(diffDir + path), mode: stat.mode & 0o7777 };
    }
  };
  await walk('');
  return files;
}

/** `docker save REF...`: every named image, with the tags it was named by (none when named by id). */
export async function saveImages(store: ImageStore, host: EngineHost, references: string[]): Promise<ImageArchive> {
  const byId = new Map<string, ArchiveImage>();
  for (const reference of references) {
    const image = store.resolve(reference);
    if (!image) throw new DockerError(`No such image: ${reference.includes(':') || /^[0-9a-f]{12,64}$/.test(reference) ? reference : `${reference}:latest`}`);
    const tag = image.repoTags.find((t) => t === reference || t === `${reference}:latest` || t === reference.replace(/^(docker\.io\/)?(library\/)?/, ''));
    const existing = byId.get(image.id);
    if (existing) {
      if (tag && !existing.repoTags.includes(tag)) existing.repoTags.push(tag);
      continue;
    }
    byId.set(image.id, await archiveImage(store, host, image, tag ? [tag] : []));
  }
  return { images: [...byId.values()] };
}

async function archiveImage(store: ImageStore, host: EngineHost, image: StoredImage, repoTags: string[]): Promise<ArchiveImage> {
  const definition = store.definitionOf(image);
  const layers: ArchiveLayer[] = [];
  for (const diff of image.layers) {
    const stored = store.layers.get(diff);
    const catalogue = catalogueLayerOf(diff);
    if (catalogue) layers.push({ diffId: diff, size: stored?.size ?? 0, catalogue });
    else layers.push({ diffId: diff, size: stored?.size ?? 0, files: stored ? await readLayerFiles(host.layerRoot(), `${OVERLAY2}/${stored.cacheId}/diff`) : {} });
  }
  const history = image.history ?? definition?.steps.map((step) => ({ createdBy: step.createdBy, size: isLayer(step) ? step.size : 0, emptyLayer: !isLayer(step) })) ?? [];
  const config = store.configOf(image) ?? { Env: [], Cmd: null, Entrypoint: null, WorkingDir: '' };
  return { id: image.id, repoTags, created: image.created, config, history, layers };
}

export interface LoadResult {
  /** Per image: the tags it was loaded under (none: loaded by id only). */
  images: { id: string; repoTags: string[] }[];
  /** Layers the store did not have, in the order they were written (`Loading layer` lines). */
  newLayers: { diffId: string; size: number }[];
}

function filesOf(layer: ArchiveLayer): Record<string, LayerFile> {
  if (layer.files) return layer.files;
  if (!layer.catalogue) return {};
  return findImage(layer.catalogue.repository, layer.catalogue.tag)?.steps.filter(isLayer)[layer.catalogue.index]?.files ?? {};
}

/** `docker load`: the archive's images into the store; a tag already on another image moves. */
export async function loadImages(store: ImageStore, host: EngineHost, archive: ImageArchive): Promise<LoadResult> {
  const result: LoadResult = { images: [], newLayers: [] };
  for (const image of archive.images) {
    const chain: string[] = [];
    const links: string[] = [];
    let parent: string | null = null;
    for (const layer of image.layers) {
      chain.push(layer.diffId);
      let stored = store.layers.get(layer.diffId);
      if (!stored) {
        const files = filesOf(layer);
        stored = { diffId: layer.diffId, cacheId: cacheIdFor(chain), link: linkName(host.random), size: layer.size, parent, bash: typeof files['/usr/bin/bash'] === 'object' };
        await writeLayerDirectory(host.layerRoot(), stored.cacheId, stored.link, links, files);
        store.addLayer(stored);
        result.newLayers.push({ diffId: layer.diffId, size: layer.size });
      }
      links.unshift(stored.link);
      parent = layer.diffId;
    }
    const registry = registrySource(image);
    const stored: StoredImage = {
      id: image.id,
      repoTags: [],
      repoDigests: [],
      source: registry ?? { kind: 'built', buildId: image.id },
      layers: image.layers.map((l) => l.diffId),
      created: image.created,
      size: image.layers.reduce((sum, l) => sum + l.size, 0),
      ...(registry ? {} : { config: image.config, history: image.history }),
    };
    store.add(stored, image.repoTags);
    result.images.push({ id: image.id, repoTags: image.repoTags });
  }
  return result;
}

/** An archived registry image (`docker save nginx`) loads back as that registry image. */
function registrySource(image: ArchiveImage): StoredImage['source'] | undefined {
  if (image.layers.some((l) => !l.catalogue)) return undefined;
  const definition = [...IMAGES, ...KUBERNETES_IMAGES].find((d) => imageId(d) === image.id);
  return definition ? { kind: 'registry', repository: definition.repository, tag: definition.tags[0] } : undefined;
}
