/**
 * Images as the registry and the engine hold them: layers of files, a config, a history. Ids and
 * digests are computed from content (see image-ids.ts), so equal content gives equal ids.
 */

/** A file in a layer: text, or a symlink, a directory, or an overlay whiteout. */
export type LayerFile = string | { symlink: string } | { dir: true; mode?: number } | { content: string; mode: number } | { whiteout: true };

export interface LayerDefinition {
  /** The Dockerfile step that made it, as `docker history` shows it. */
  createdBy: string;
  /** Uncompressed size in bytes, including the files the model does not hold. */
  size: number;
  /** What a registry sends: the compressed size `docker pull` counts down. */
  compressedSize: number;
  files: Record<string, LayerFile>;
}

export interface ImageConfig {
  Env: string[];
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  WorkingDir: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Labels?: Record<string, string>;
  User?: string;
  StopSignal?: string;
}

/** A history entry that made no layer (ENV, CMD, EXPOSE, LABEL...). */
export interface EmptyStep {
  createdBy: string;
}

export interface ImageDefinition {
  /** `nginx`, `python`, `registry.k8s.io/pause`. */
  repository: string;
  tags: string[];
  /** When the image was built (ms since the epoch). */
  created: number;
  /** Bottom first. Steps with no layer are interleaved as `EmptyStep`s. */
  steps: (LayerDefinition | EmptyStep)[];
  config: ImageConfig;
}

export function isLayer(step: LayerDefinition | EmptyStep): step is LayerDefinition {
  return 'files' in step;
}
