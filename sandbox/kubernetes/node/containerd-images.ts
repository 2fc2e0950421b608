/**
 * containerd's image store on one host, by namespace: `k8s.io` holds what the kubelet pulled
 * through the CRI and what `ctr -n k8s.io images import` brought in; `default` is what plain `ctr`
 * sees (empty unless someone imports there). Docker's own images live apart (namespace `moby`, in
 * dockerd's store), which is why an image built with `docker build` is not on the node for the
 * kubelet until it is imported. State only, plain data, saved with the host.
 */
import { findImage, normaliseReference } from '../../docker/catalogue/images';
import { diffId, imageId, manifestDigest } from '../../docker/image-ids';
import { isLayer, type ImageConfig } from '../../docker/image-spec';
import type { ServerState } from '../../docker/state';

/** A layer of a containerd image: its files come from the catalogue, or from an unpacked snapshot. */
export interface ContainerdLayer {
  diffId: string;
  size: number;
  /** A registry layer: the catalogue definition it was pulled as (`nginx:1.27`, layer `index`). */
  catalogue?: { repository: string; tag: string; index: number };
  /** An imported layer: its directory under the overlayfs snapshotter (`.../snapshots/<n>/fs`). */
  snapshotDir?: string;
}

export interface ContainerdImage {
  namespace: string;
  /** The fully qualified name: `docker.io/library/hello-node:v1`, `registry.k8s.io/pause:3.10`. */
  name: string;
  /** The manifest's digest (what `ctr images ls` shows in DIGEST). */
  digest: string;
  /** The config's digest: the image id crictl shows. */
  id: string;
  size: number;
  config: ImageConfig;
  /** Bottom first. */
  layers: ContainerdLayer[];
  /** Pulled by the CRI (`io.cri-containerd.image=managed`) or imported with ctr. */
  managed: boolean;
}

export interface ContainerdSnapshot {
  images: ContainerdImage[];
  /** The overlayfs snapshotter's next snapshot number. */
  nextSnapshot: number;
  /** What each running pod container's program listens with (`<pod uid>/<container>`). */
  servers?: [string, ServerState][];
  /** How each pod container's program last ended by itself (`<pod uid>/<container>`). */
  exits?: [string, ProgramExit][];
}

/** A run of a pod container's app program that ended by itself: the kubelet expects the same of the next. */
export interface ProgramExit {
  exitCode: number;
  /** How long it ran. */
  ms: number;
  /** The image it ran from: a new image under the same name runs for real again. */
  imageId: string;
  stdout: string;
  stderr: string;
}

export const SNAPSHOTTER_ROOT = '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots';

/** `nginx` → `docker.io/library/nginx:latest`; `registry.k8s.io/pause:3.10` stays as it is. */
export function qualifiedName(image: string): string {
  const { repository, tag } = normaliseReference(image);
  const domain = repository.split('/')[0];
  if (repository.includes('/') && (domain.includes('.') || domain.includes(':') || domain === 'localhost')) return `${repository}:${tag}`;
  return `docker.io/${repository.includes('/') ? repository : `library/${repository}`}:${tag}`;
}

export class ContainerdImages {
  private images: ContainerdImage[];
  private nextSnapshot: number;
  private readonly servers: Map<string, ServerState>;
  private readonly exits: Map<string, ProgramExit>;

  constructor(saved?: ContainerdSnapshot) {
    this.images = structuredClone(saved?.images ?? []);
    this.nextSnapshot = saved?.nextSnapshot ?? 1;
    this.servers = new Map(structuredClone(saved?.servers ?? []));
    this.exits = new Map(structuredClone(saved?.exits ?? []));
  }

  /** A pod container's program ended by itself (or, with null, its pod is gone). */
  setExit(key: string, exit: ProgramExit | null): void {
    if (exit) this.exits.set(key, exit);
    else this.exits.delete(key);
  }

  exitOf(key: string): ProgramExit | undefined {
    return this.exits.get(key);
  }

  /** A pod container's program started (or stopped) listening. */
  setServer(key: string, server: ServerState | null): void {
    if (server) this.servers.set(key, server);
    else this.servers.delete(key);
  }

  serverOf(key: string): ServerState | undefined {
    return this.servers.get(key);
  }

  /** A layer's files are now unpacked in `dir`: every image with that layer uses it. */
  setUnpacked(diff: string, dir: string): void {
    for (const layer of this.images.flatMap((i) => i.layers)) if (layer.diffId === diff) layer.snapshotDir = dir;
  }

  list(namespace: string): ContainerdImage[] {
    return this.images.filter((i) => i.namespace === namespace).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The image a pod's `image:` names, in `namespace` (as the CRI resolves `hello-node:v1`). */
  find(namespace: string, image: string): ContainerdImage | undefined {
    const name = qualifiedName(image);
    return this.images.find((i) => i.namespace === namespace && i.name === name);
  }

  /** Adds an image, replacing one of the same name (a re-import moves the name to the new content). */
  put(image: ContainerdImage): void {
    this.images = [...this.images.filter((i) => !(i.namespace === image.namespace && i.name === image.name)), image];
  }

  remove(namespace: string, name: string): boolean {
    const before = this.images.length;
    this.images = this.images.filter((i) => !(i.namespace === namespace && i.name === name));
    return this.images.length !== before;
  }

  /** A new snapshot directory for an unpacked layer. */
  allocateSnapshot(): string {
    return `${SNAPSHOTTER_ROOT}/${this.nextSnapshot++}/fs`;
  }

  /** The unpacked layer with this DiffID, if some image here already has it (unpacking is shared). */
  layer(diff: string): ContainerdLayer | undefined {
    return this.images.flatMap((i) => i.layers).find((l) => l.diffId === diff);
  }

  /** The kubelet's pull of a catalogue image into `k8s.io`; undefined if the registry has no such image. */
  pullFromCatalogue(image: string): ContainerdImage | undefined {
    const { repository, tag } = normaliseReference(image);
    const definition = findImage(repository, tag);
    if (!definition) return undefined;
    const layers = definition.steps.filter(isLayer);
    const pulled: ContainerdImage = {
      namespace: 'k8s.io',
      name: qualifiedName(image),
      digest: manifestDigest(definition),
      id: imageId(definition),
      size: layers.reduce((sum, l) => sum + l.compressedSize, 0),
      config: definition.config,
      layers: layers.map((l, index) => ({ diffId: diffId(l), size: l.size, catalogue: { repository, tag, index } })),
      managed: true,
    };
    this.put(pulled);
    return pulled;
  }

  isEmpty(): boolean {
    return this.images.length === 0 && this.nextSnapshot === 1 && this.servers.size === 0 && this.exits.size === 0;
  }

  snapshot(): ContainerdSnapshot {
    return { images: structuredClone(this.images), nextSnapshot: this.nextSnapshot, ...(this.servers.size > 0 ? { servers: structuredClone([...this.servers]) } : {}), ...(this.exits.size > 0 ? { exits: structuredClone([...this.exits]) } : {}) };
  }
}
