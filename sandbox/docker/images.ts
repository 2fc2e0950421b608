/**
 * The engine's image store: pulling from the offline registry (layer by layer, skipping layers
 * already present), listing, tagging and removing. State only; the CLI prints.
 */
import { findImage, hasRepository, normaliseReference } from './catalogue/images';
import type { EngineHost } from './engine-host';
import { DockerError } from './errors';
import type { EventLog } from './events';
import { blobDigest, diffId, imageId, manifestDigest, shortId } from './image-ids';
import { isLayer, type ImageConfig, type ImageDefinition, type LayerDefinition } from './image-spec';
import { cacheIdFor, linkName, writeLayerDirectory } from './layer-store';
import type { StoredImage, StoredLayer } from './state';

export interface PullLayer {
  /** The 12 hex digits `docker pull` prints for the layer's blob. */
  short: string;
  /** The blob's full digest, as BuildKit prints it. */
  digest: string;
  size: number;
  alreadyExists: boolean;
}

export interface PullResult {
  repository: string;
  tag: string;
  layers: PullLayer[];
  digest: string;
  /** Nothing new was downloaded. */
  upToDate: boolean;
  image: StoredImage;
}

export class ImageStore {
  readonly images = new Map<string, StoredImage>();
  readonly layers = new Map<string, StoredLayer>();

  constructor(
    private readonly host: EngineHost,
    saved?: { images: StoredImage[]; layers: StoredLayer[] },
    private readonly events?: EventLog,
  ) {
    for (const image of saved?.images ?? []) this.images.set(image.id, image);
    for (const layer of saved?.layers ?? []) this.layers.set(layer.diffId, layer);
  }

  list(): StoredImage[] {
    return [...this.images.values()].sort((a, b) => b.created - a.created);
  }

  /** `nginx`, `nginx:1.27`, an id or an id prefix → the stored image, if any. */
  resolve(reference: string): StoredImage | undefined {
    const id = reference.replace(/^sha256:/, '');
    if (/^[0-9a-f]{4,64}$/.test(id)) {
      const byId = this.list().find((image) => image.id.slice(7).startsWith(id));
      if (byId) return byId;
    }
    const { repository, tag } = normaliseReference(reference);
    return this.list().find((image) => image.repoTags.includes(`${repository}:${tag}`));
  }

  definitionOf(image: StoredImage): ImageDefinition | undefined {
    return image.source.kind === 'registry' ? findImage(image.source.repository, image.source.tag) : undefined;
  }

  configOf(image: StoredImage): ImageConfig | undefined {
    return image.config ?? this.definitionOf(image)?.config;
  }

  /** Debian and Ubuntu images have bash; Alpine and BusyBox have ash. Built images inherit it. */
  hasBash(image: StoredImage): boolean {
    return this.layers.get(image.layers[0])?.bash ?? false;
  }

  async pull(reference: string): Promise<PullResult> {
    const { repository, tag } = normaliseReference(reference);
    const definition = findImage(repository, tag);
    if (!definition) {
      const known = hasRepository(repository);
      throw new DockerError(
        known
          ? `manifest for ${repository}:${tag} not found: manifest unknown: manifest unknown`
          : `pull access denied for ${repository}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
      );
    }
    const id = imageId(definition);
    const layers: PullLayer[] = [];
    const chain: string[] = [];
    const links: string[] = [];
    let parent: string | null = null;
    for (const layer of definition.steps.filter(isLayer)) {
      const diff = diffId(layer);
      chain.push(diff);
      const existing = this.layers.get(diff);
      layers.push({ short: shortId(blobDigest(layer)), digest: blobDigest(layer), size: layer.compressedSize, alreadyExists: !!existing });
      const stored = existing ?? (await this.storeLayer(layer, diff, chain, links, parent));
      links.unshift(stored.link);
      parent = diff;
    }
    const already = this.images.get(id);
    const tagName = `${repository}:${tag}`;
    const digest = manifestDigest(definition);
    const image: StoredImage = already ?? {
      id,
      repoTags: [],
      repoDigests: [`${repository}@${digest}`],
      source: { kind: 'registry', repository, tag },
      layers: chain,
      created: definition.created,
      size: definition.steps.filter(isLayer).reduce((sum, l) => sum + l.size, 0),
    };
    const upToDate = !!already && already.repoTags.includes(tagName);
    this.untagEverywhere(tagName, id);
    if (!image.repoTags.includes(tagName)) image.repoTags.push(tagName);
    this.images.set(id, image);
    this.events?.emit('image', 'pull', tagName.replace(/^library\//, ''), { name: repository.replace(/^library\//, '') });
    return { repository, tag, layers, digest, upToDate, image };
  }

  private async storeLayer(layer: LayerDefinition, diff: string, chain: string[], lowerLinks: string[], parent: string | null): Promise<StoredLayer> {
    const stored: StoredLayer = { diffId: diff, cacheId: cacheIdFor(chain), link: linkName(this.host.random), size: layer.size, parent, bash: typeof layer.files['/usr/bin/bash'] === 'object' };
    await writeLayerDirectory(this.host.layerRoot(), stored.cacheId, stored.link, lowerLinks, layer.files);
    this.layers.set(diff, stored);
    return stored;
  }

  /** A tag names one image: giving it to another takes it from the first. */
  untagEverywhere(tagName: string, exceptId?: string): void {
    for (const other of this.images.values()) {
      if (other.id !== exceptId) other.repoTags = other.repoTags.filter((t) => t !== tagName);
    }
  }

  tag(source: StoredImage, target: string): void {
    const { repository, tag } = normaliseReference(target);
    const name = `${repository}:${tag}`;
    this.untagEverywhere(name, source.id);
    if (!source.repoTags.includes(name)) source.repoTags.push(name);
    this.events?.emit('image', 'tag', source.id, { name });
  }

  /** The overlay2 directories of an image's layers, top first, as an overlay's lowerdir lists them. */
  lowerDirs(image: StoredImage): string[] {
    return [...image.layers].reverse().map((diff) => this.layers.get(diff)!.cacheId);
  }

  /** Registers a layer made here (by a build) whose files are already in overlay2/<cacheId>/diff. */
  addLayer(layer: StoredLayer): void {
    if (!this.layers.has(layer.diffId)) this.layers.set(layer.diffId, layer);
  }

  add(image: StoredImage, tags: string[]): void {
    for (const tag of tags) this.untagEverywhere(tag, image.id);
    const existing = this.images.get(image.id);
    const target = existing ?? image;
    for (const tag of tags) if (!target.repoTags.includes(tag)) target.repoTags.push(tag);
    this.images.set(target.id, target);
  }

  snapshot() {
    return { images: structuredClone(this.list()), layers: structuredClone([...this.layers.values()]) };
  }
}
