/**
 * The contract of the API server's store (implemented in store.ts): every write goes through it,
 * stamps a cluster-wide resourceVersion, and is told to watchers. Controllers, the scheduler,
 * kubelets and kubectl all read and write through this interface, never around it.
 */
import type { Random } from '../../core/random';
import type { KubeObject } from './types';

/** What the API server answers a failed request with; kubectl prints `Error from server (Reason): message`. */
export type ApiErrorReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'BadRequest' | 'Forbidden' | 'MethodNotAllowed';

export interface ListOptions {
  /** Omit for every namespace (`-A`); ignored for cluster-scoped kinds. */
  namespace?: string;
  /** `app=web,tier!=db`, `env in (prod,dev)`, `!legacy`: the syntax `kubectl -l` takes. */
  labelSelector?: string;
  /** `metadata.name=x`, `spec.nodeName=node01`, `status.phase!=Running`. */
  fieldSelector?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}

/** metav1.DeleteOptions, the part the store honours. */
export interface DeleteOptions {
  /**
   * For a Pod bound to a node: a positive grace marks it Terminating (deletionTimestamp = now + grace)
   * and leaves the final removal to the kubelet's delete with 0. Omitted or 0: removed at once.
   */
  gracePeriodSeconds?: number;
}

/** How a component creates an object. */
export interface CreateOptions {
  /**
   * Where the uid comes from instead of the cluster's shared generator: for objects the model adds
   * on its own (the components' Leases), so they do not shift every name drawn after them.
   */
  random?: Random;
}

export interface StoreSnapshot {
  resourceVersion: number;
  objects: KubeObject[];
}

export interface Store {
  /** Stamps uid, resourceVersion, creationTimestamp (and a name from generateName); AlreadyExists if taken. */
  create<T extends KubeObject>(object: T, options?: CreateOptions): T;
  get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined;
  list<T extends KubeObject>(kind: string, options?: ListOptions): T[];
  /**
   * `get` and `list` without the copy: the stored objects themselves, frozen (changing one throws).
   * For loops that only read, and run often; copy (or use `get`) before changing and updating.
   */
  peek<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): Readonly<T> | undefined;
  peekList<T extends KubeObject>(kind: string, options?: ListOptions): readonly Readonly<T>[];
  /** Replaces the object; Conflict when its resourceVersion is set and stale; bumps generation on spec changes. */
  update<T extends KubeObject>(object: T): T;
  /** Removes it (or marks deletionTimestamp while finalizers remain); NotFound if absent. */
  delete<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, options?: DeleteOptions): T;
  /** Calls `listener` for every later change of `kind` (in `namespace`, when given); returns unsubscribe. */
  watch(kind: string, namespace: string | undefined, listener: (event: WatchEvent) => void): () => void;
  /** The current resourceVersion of the whole store. */
  readonly resourceVersion: number;
  /** Every key as etcd holds it (`/registry/pods/default/web-7d4b9c-x2x9k`), sorted, for `etcdctl get --prefix --keys-only`. */
  etcdKeys(): string[];
  snapshot(): StoreSnapshot;
}
