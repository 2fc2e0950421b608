/** Small helpers every controller uses on API objects: owner references, copies, guarded writes. */
import type { Store } from '../api/store-types';
import { canonicalJson as stableStringify } from '../api/names';
import type { KubeObject, OwnerReference } from '../api/types';

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The owner reference marked `controller: true`, if any. */
export function controllerRef(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller);
}

/** The reference a controller puts on what it creates (`blockOwnerDeletion` so foreground deletion waits). */
export function ownerRefFor(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  const ref = controllerRef(object);
  return !!ref && ref.uid === owner.metadata.uid;
}

export function isTerminating(object: KubeObject): boolean {
  return !!object.metadata.deletionTimestamp;
}

/**
 * Applies `mutate` to a copy of `object` and writes it only if something changed: a controller
 * that has nothing to do writes nothing, which is how the world knows it is idle.
 * Returns the stored object, or undefined when no write was needed.
 */
export function updateIfChanged<T extends KubeObject>(store: Store, object: T, mutate: (copy: T) => void): T | undefined {
  const copy = clone(object);
  mutate(copy);
  if (stableStringify(copy) === stableStringify(object)) return undefined;
  return store.update<T>(copy);
}

/** JSON with object keys sorted, so equal data gives equal text. */
export { canonicalJson as stableStringify } from '../api/names';

/** Oldest first, then by name: the order controllers walk their objects in. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
