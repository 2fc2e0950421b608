/**
 * Content addressing, as in the OCI image spec: a layer's DiffID hashes its files; an image's id
 * hashes its config (which lists the DiffIDs); a repo digest hashes the manifest. Change one byte
 * of a layer and every id above it changes.
 */
import { sha256 } from '../core/sha256';
import { isLayer, type ImageDefinition, type LayerDefinition } from './image-spec';

export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Definitions are immutable once made (the catalogue's constants, a build's result), and hashing
 * them is the costliest thing a kubelet does per pod: each id is computed once per definition.
 */
const diffIds = new WeakMap<LayerDefinition, string>();
const manifestDigests = new WeakMap<ImageDefinition, string>();

export function diffId(layer: LayerDefinition): string {
  let id = diffIds.get(layer);
  if (id === undefined) diffIds.set(layer, (id = computeDiffId(layer)));
  return id;
}

function computeDiffId(layer: LayerDefinition): string {
  // The size stands for the bytes the model leaves out, so two layers with the same sample files
  // but different real contents stay distinct.
  return `sha256:${sha256(canonical({ files: layer.files, size: layer.size }))}`;
}

/** The digest of the compressed blob a registry serves for a layer. */
export function blobDigest(layer: LayerDefinition): string {
  return `sha256:${sha256(`gzip:${diffId(layer)}:${layer.compressedSize}`)}`;
}

export function imageConfigJson(image: ImageDefinition): Record<string, unknown> {
  const layers = image.steps.filter(isLayer);
  return {
    architecture: 'amd64',
    os: 'linux',
    created: new Date(image.created).toISOString(),
    config: image.config,
    rootfs: { type: 'layers', diff_ids: layers.map(diffId) },
    history: image.steps.map((step) => ({ created: new Date(image.created).toISOString(), created_by: step.createdBy, ...(isLayer(step) ? {} : { empty_layer: true }) })),
  };
}

export function imageId(image: ImageDefinition): string {
  return `sha256:${sha256(canonical(imageConfigJson(image)))}`;
}

export function manifestDigest(image: ImageDefinition): string {
  let digest = manifestDigests.get(image);
  if (digest === undefined) manifestDigests.set(image, (digest = computeManifestDigest(image)));
  return digest;
}

function computeManifestDigest(image: ImageDefinition): string {
  const layers = image.steps.filter(isLayer);
  return `sha256:${sha256(canonical({ config: imageId(image), layers: layers.map(blobDigest) }))}`;
}

/** `sha256:abc...` → the 12 hex digits `docker images` shows. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
