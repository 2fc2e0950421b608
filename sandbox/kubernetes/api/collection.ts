/**
 * One kind's objects in the store, keyed as etcd keys them (`namespace/name`, or `name`). What
 * goes in is frozen, so reads can share it (`peek`) and only callers that keep a copy pay for one;
 * the keys' sorted order (the order lists come back in) is kept until a key comes or goes.
 */
import { deepFreeze } from './clone';
import { compileFieldSelector } from './field-selectors';
import type { ResourceInfo } from './resources';
import { parseLabelSelector, requirementsMatch } from './selectors';
import type { ListOptions } from './store-types';
import type { KubeObject } from './types';

export class Collection {
  private readonly items = new Map<string, KubeObject>();
  private sorted: string[] | undefined;

  get size(): number {
    return this.items.size;
  }

  get(key: string): KubeObject | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** Stores `object` (which the caller must not keep changing: it is frozen here). */
  set(key: string, object: KubeObject): void {
    if (!this.items.has(key)) this.sorted = undefined;
    this.items.set(key, deepFreeze(object));
  }

  delete(key: string): void {
    if (this.items.delete(key)) this.sorted = undefined;
  }

  /** Keys in byte order, as etcd ranges over them. */
  keys(): readonly string[] {
    return (this.sorted ??= [...this.items.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** The objects in key order that `filter` accepts, under `prefix` (`namespace/`, or '' for all). */
  select(prefix: string, filter: (object: KubeObject) => boolean): KubeObject[] {
    const out: KubeObject[] = [];
    for (const key of this.keys()) {
      if (prefix && !key.startsWith(prefix)) continue;
      const object = this.items.get(key)!;
      if (filter(object)) out.push(object);
    }
    return out;
  }
}

/** The test a list request's label and field selectors make (a malformed one throws SelectorError). */
export function listFilter(info: ResourceInfo, options: ListOptions): (object: KubeObject) => boolean {
  const labels = options.labelSelector?.trim() ? parseLabelSelector(options.labelSelector) : undefined;
  const fields = options.fieldSelector?.trim() ? compileFieldSelector(info.kind, options.fieldSelector) : undefined;
  if (!labels && !fields) return () => true;
  return (object) => (!labels || requirementsMatch(labels, object.metadata.labels)) && (!fields || fields(object));
}
