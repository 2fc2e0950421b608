/**
 * What `docker save` writes and `docker load` / `ctr images import` read. A real archive is a tar
 * (OCI layout: index.json, manifest.json, blobs/sha256/...); the sandbox's filesystem holds text,
 * so the archive is that same structure as JSON: the manifest (Config, RepoTags, Layers) and, per
 * image, its config and its layers. A layer the registry also serves is named by its catalogue
 * entry; a layer made here (a build's COPY or RUN) carries its files.
 */
import { sha256 } from '../core/sha256';
import { IMAGES } from './catalogue/images';
import { KUBERNETES_IMAGES } from './catalogue/kubernetes-images';
import { canonical, diffId } from './image-ids';
import { isLayer, type ImageConfig, type LayerFile } from './image-spec';

export interface ArchiveLayer {
  diffId: string;
  size: number;
  /** A registry layer: layer `index` of the catalogue's `repository:tag`. */
  catalogue?: { repository: string; tag: string; index: number };
  /** A layer made here: its files, whiteouts included. */
  files?: Record<string, LayerFile>;
}

export interface ArchiveImage {
  /** `sha256:...`, the config's digest: the image id. */
  id: string;
  repoTags: string[];
  created: number;
  config: ImageConfig;
  history: { createdBy: string; size: number; emptyLayer: boolean; comment?: string; created?: number }[];
  /** Bottom first. */
  layers: ArchiveLayer[];
}

export interface ImageArchive {
  images: ArchiveImage[];
}

/** The first bytes of every archive, so a file that is not one is told apart at once. */
const MAGIC = 'dockyard-image-archive/v1';

/** The manifest's digest for an archived image (what `ctr images import` prints as it unpacks). */
export function archiveDigest(image: ArchiveImage): string {
  return `sha256:${sha256(canonical({ mediaType: 'application/vnd.oci.image.manifest.v1+json', config: image.id, layers: image.layers.map((l) => l.diffId) }))}`;
}

/** The archive as the file's text: plain ASCII, so it passes through pipes and redirects unchanged. */
export function encodeArchive(archive: ImageArchive): string {
  const manifest = archive.images.map((image) => ({ Config: `blobs/sha256/${image.id.slice(7)}`, RepoTags: image.repoTags, Layers: image.layers.map((l) => `blobs/sha256/${l.diffId.slice(7)}`) }));
  const json = JSON.stringify({ format: MAGIC, manifest, images: archive.images });
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Reads an archive back; undefined for anything that is not one (a truncated or foreign file). */
export function decodeArchive(text: string): ImageArchive | undefined {
  if (!text.startsWith(`{"format":"${MAGIC}"`)) return undefined;
  try {
    const parsed = JSON.parse(text) as { images?: unknown };
    if (!Array.isArray(parsed.images)) return undefined;
    const images = parsed.images.filter((i): i is ArchiveImage => !!i && typeof i === 'object' && typeof (i as ArchiveImage).id === 'string' && Array.isArray((i as ArchiveImage).layers) && Array.isArray((i as ArchiveImage).repoTags));
    return images.length === parsed.images.length ? { images } : undefined;
  } catch {
    return undefined;
  }
}

let catalogueIndex: Map<string, NonNullable<ArchiveLayer['catalogue']>> | undefined;

/** Where the registry serves a layer with this DiffID, if it does. */
export function catalogueLayerOf(diff: string): ArchiveLayer['catalogue'] {
  if (!catalogueIndex) {
    catalogueIndex = new Map();
    for (const image of [...IMAGES, ...KUBERNETES_IMAGES]) {
      image.steps.filter(isLayer).forEach((layer, index) => {
        const id = diffId(layer);
        if (!catalogueIndex!.has(id)) catalogueIndex!.set(id, { repository: image.repository, tag: image.tags[0], index });
      });
    }
  }
  return catalogueIndex.get(diff);
}
