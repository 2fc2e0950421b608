/**
 * The API server's storage, in memory: every write is validated, stamped with the next
 * cluster-wide resourceVersion and told synchronously to watchers, in order. Objects go in as
 * copies and are kept frozen; `get`/`list` hand out copies to change and send back, `peek`/`peekList`
 * the frozen objects themselves for loops that only read (no copy: a write to them throws), so no
 * caller can change the store behind its back. Garbage collection by
 * ownerReferences and namespace cleanup belong to controllers, as in Kubernetes.
 */
import type { Clock } from '../../core/clock';
import type { Random } from '../../core/random';
import { clone } from './clone';
import { Collection, listFilter } from './collection';
import { alreadyExists, ApiError, badRequest, conflict, fieldForbidden, forbidden, invalid, notFound, SelectorError } from './errors';
import { canonicalJson, generateName, uuid } from './names';
import { lookupResource, resourceForKind, type ResourceInfo } from './resources';
import type { CreateOptions, DeleteOptions, ListOptions, Store, StoreSnapshot, WatchEvent } from './store-types';
import { prepareForCreate } from './strategy';
import { rfc3339 } from './time';
import type { KubeObject, Namespace, ObjectMeta, Pod } from './types';
import { validateLabels, validateObjectMeta } from './validation';

export { clone };

export interface ApiStoreOptions {
  clock: Clock;
  random: Random;
}

interface Watcher {
  /** The etcd prefix of the kind watched, or `*` for every kind. */
  prefix: string;
  namespace: string | undefined;
  listener: (event: WatchEvent) => void;
}

/** Namespaces the NamespaceLifecycle admission plugin never lets go. */
const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);
const GENERATE_NAME_ATTEMPTS = 8;

const notServed = () => new ApiError('NotFound', 'the server could not find the requested resource');

export class ApiStore implements Store {
  private version = 0;
  /** etcd prefix → (`namespace/name` or `name`) → the stored object (frozen, only replaced). */
  private readonly collections = new Map<string, Collection>();
  private readonly watchers: Watcher[] = [];
  private readonly queue: { type: WatchEvent['type']; object: KubeObject; prefix: string }[] = [];
  private dispatching = false;

  constructor(
    private readonly env: ApiStoreOptions,
    snapshot?: StoreSnapshot,
  ) {
    if (snapshot) {
      this.version = snapshot.resourceVersion;
      for (const object of snapshot.objects) {
        const info = this.infoFor(object);
        this.collection(info).set(keyOf(info, object.metadata.namespace, object.metadata.name), clone(object));
      }
    }
  }

  get resourceVersion(): number {
    return this.version;
  }

  create<T extends KubeObject>(object: T, options: CreateOptions = {}): T {
    const info = this.infoFor(object);
    const next = clone(object) as KubeObject;
    const meta = (next.metadata ??= { name: '' });
    checkStrings(info, meta);
    if (info.namespaced) meta.namespace ||= 'default';
    else delete meta.namespace;
    if (info.namespaced) this.admitNamespace(info, meta.namespace!, meta.name ?? '');
    const items = this.collection(info);
    if (!meta.name && meta.generateName) {
      for (let attempt = 0; attempt < GENERATE_NAME_ATTEMPTS; attempt++) {
        meta.name = generateName(meta.generateName, this.env.random);
        if (!items.has(keyOf(info, meta.namespace, meta.name))) break;
      }
    }
    const errors = validateObjectMeta(info.kind, meta);
    if (errors.length) throw invalid(info.kind, meta.name ?? '', errors);
    const key = keyOf(info, meta.namespace, meta.name);
    if (items.has(key)) throw alreadyExists(info.kind, meta.name);
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    meta.uid = uuid(options.random ?? this.env.random);
    meta.creationTimestamp = rfc3339(this.env.clock.now());
    if (info.generation) meta.generation = 1;
    else delete meta.generation;
    prepareForCreate(next);
    return this.write('ADDED', info, key, next) as T;
  }

  get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const object = this.peek<T>(kind, namespace, name);
    return object ? clone(object) : undefined;
  }

  peek<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const info = this.info(kind);
    return this.collection(info).get(keyOf(info, namespace, name)) as T | undefined;
  }

  list<T extends KubeObject>(kind: string, options: ListOptions = {}): T[] {
    return this.peekList<T>(kind, options).map((object) => clone(object));
  }

  peekList<T extends KubeObject>(kind: string, options: ListOptions = {}): T[] {
    const info = this.info(kind);
    let filter: (object: KubeObject) => boolean;
    try {
      filter = listFilter(info, options);
    } catch (error) {
      if (error instanceof SelectorError) throw badRequest(error.message);
      throw error;
    }
    const prefix = info.namespaced && options.namespace !== undefined ? `${options.namespace}/` : '';
    return this.collection(info).select(prefix, filter) as T[];
  }

  update<T extends KubeObject>(object: T): T {
    const info = this.infoFor(object);
    const name = object.metadata?.name ?? '';
    const key = keyOf(info, object.metadata?.namespace, name);
    const current = this.collection(info).get(key);
    if (!current) throw notFound(info.kind, name);
    const sent = object.metadata.resourceVersion;
    if (sent && sent !== current.metadata.resourceVersion) throw conflict(info.kind, name);
    const next = clone(object) as KubeObject;
    const meta = next.metadata;
    checkStrings(info, meta);
    const was = current.metadata;
    if (info.namespaced) meta.namespace = was.namespace;
    else delete meta.namespace;
    for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
      if (was[field] === undefined) delete meta[field];
      else (meta as unknown as Record<string, unknown>)[field] = was[field];
    }
    const errors = validateLabels(meta.labels, 'metadata.labels');
    if (was.deletionTimestamp) {
      const added = (meta.finalizers ?? []).filter((f) => !(was.finalizers ?? []).includes(f));
      if (added.length) errors.push(fieldForbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`));
    }
    if (errors.length) throw invalid(info.kind, name, errors);
    if (info.generation && canonicalJson(specOf(current)) !== canonicalJson(specOf(next))) meta.generation = (was.generation ?? 0) + 1;
    meta.resourceVersion = was.resourceVersion;
    // An update that changes nothing is not a write: no new resourceVersion, no event.
    if (canonicalJson(next) === canonicalJson(current)) return clone(current) as T;
    // The last finalizer gone from an object whose grace is over: the update completes the deletion.
    if (meta.deletionTimestamp && !holdsDeletion(next) && !meta.deletionGracePeriodSeconds) return this.remove(info, key, next) as T;
    return this.write('MODIFIED', info, key, next) as T;
  }

  delete<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, options: DeleteOptions = {}): T {
    const info = this.info(kind);
    const key = keyOf(info, namespace, name);
    const current = this.collection(info).get(key);
    if (!current) throw notFound(info.kind, name);
    if (info.kind === 'Namespace' && IMMORTAL_NAMESPACES.has(name)) throw forbidden('namespaces', name, 'this namespace may not be deleted');
    const grace = gracePeriod(current, options);
    if (!holdsDeletion(current) && grace === 0) return this.remove(info, key, clone(current)) as T;
    const next = clone(current);
    const meta = next.metadata;
    const now = this.env.clock.now();
    if (!meta.deletionTimestamp || (meta.deletionGracePeriodSeconds ?? 0) > grace) {
      const deadline = rfc3339(now + grace * 1000);
      // a shorter grace may bring the deadline forward, never push it back
      if (!meta.deletionTimestamp || deadline < meta.deletionTimestamp) meta.deletionTimestamp = deadline;
      meta.deletionGracePeriodSeconds = grace;
    }
    if (info.kind === 'Namespace') (next as Namespace).status = { phase: 'Terminating' };
    if (canonicalJson(next) === canonicalJson(current)) return clone(current) as T;
    return this.write('MODIFIED', info, key, next) as T;
  }

  watch(kind: string, namespace: string | undefined, listener: (event: WatchEvent) => void): () => void {
    const watcher: Watcher = { prefix: kind === '*' ? '*' : this.info(kind).etcdPrefix, namespace, listener };
    this.watchers.push(watcher);
    return () => {
      const index = this.watchers.indexOf(watcher);
      if (index >= 0) this.watchers.splice(index, 1);
    };
  }

  etcdKeys(): string[] {
    const keys: string[] = [];
    for (const [prefix, items] of this.collections) for (const key of items.keys()) keys.push(`/registry/${prefix}/${key}`);
    return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  snapshot(): StoreSnapshot {
    const entries: [string, KubeObject][] = [];
    for (const [prefix, items] of this.collections) for (const key of items.keys()) entries.push([`/registry/${prefix}/${key}`, items.get(key)!]);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { resourceVersion: this.version, objects: entries.map(([, object]) => clone(object)) };
  }

  // ── internals ────────────────────────────────────────────────────────────

  private info(kind: string): ResourceInfo {
    const info = lookupResource(kind);
    if (!info) throw notServed();
    return info;
  }

  private infoFor(object: KubeObject): ResourceInfo {
    const info = object && typeof object.kind === 'string' ? resourceForKind(object.kind, object.apiVersion) : null;
    if (!info) throw notServed();
    return info;
  }

  private collection(info: ResourceInfo): Collection {
    let items = this.collections.get(info.etcdPrefix);
    if (!items) this.collections.set(info.etcdPrefix, (items = new Collection()));
    return items;
  }

  /** The NamespaceLifecycle admission plugin: the namespace must exist and not be terminating. */
  private admitNamespace(info: ResourceInfo, namespace: string, name: string): void {
    const ns = this.collections.get('namespaces')?.get(namespace) as Namespace | undefined;
    if (!ns) throw notFound('namespaces', namespace);
    if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') {
      throw forbidden(info.kind, name, `unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  private write(type: 'ADDED' | 'MODIFIED', info: ResourceInfo, key: string, object: KubeObject): KubeObject {
    object.metadata.resourceVersion = String(++this.version);
    this.collection(info).set(key, object);
    this.emit(type, info, object);
    return clone(object);
  }

  private remove(info: ResourceInfo, key: string, last: KubeObject): KubeObject {
    last.metadata.resourceVersion = String(++this.version);
    this.collection(info).delete(key);
    this.emit('DELETED', info, last);
    return clone(last);
  }

  /** Queues the event and, unless a delivery is already running further up the stack, delivers the queue in order. */
  private emit(type: WatchEvent['type'], info: ResourceInfo, object: KubeObject): void {
    this.queue.push({ type, object, prefix: info.etcdPrefix });
    if (this.dispatching) return;
    this.dispatching = true;
    let failure: { error: unknown } | undefined;
    try {
      for (let event = this.queue.shift(); event; event = this.queue.shift()) {
        for (const watcher of [...this.watchers]) {
          if (watcher.prefix !== '*' && watcher.prefix !== event.prefix) continue;
          if (watcher.namespace !== undefined && event.object.metadata.namespace !== undefined && watcher.namespace !== event.object.metadata.namespace) continue;
          try {
            watcher.listener({ type: event.type, object: clone(event.object) });
          } catch (error) {
            failure ??= { error };
          }
        }
      }
    } finally {
      this.dispatching = false;
    }
    // A listener's failure surfaces after every listener has had every event.
    if (failure) throw failure.error;
  }
}

/** What the server's JSON decoder refuses before anything else looks at the object. */
function checkStrings(info: ResourceInfo, meta: ObjectMeta): void {
  for (const field of ['name', 'namespace', 'generateName', 'resourceVersion'] as const) {
    const value: unknown = meta[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw badRequest(`${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: json: cannot unmarshal ${typeof value === 'object' ? 'object' : typeof value} into Go struct field ObjectMeta.metadata.${field} of type string`);
    }
  }
}

function keyOf(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return info.namespaced ? `${namespace || 'default'}/${name}` : name;
}

function specOf(object: KubeObject): unknown {
  return (object as KubeObject & { spec?: unknown }).spec ?? null;
}

/** Finalizers (and a namespace's spec.finalizers) keep a deleted object until they are removed. */
function holdsDeletion(object: KubeObject): boolean {
  if (object.metadata.finalizers?.length) return true;
  return object.kind === 'Namespace' && ((object as Namespace).spec?.finalizers?.length ?? 0) > 0;
}

/** Only a Pod bound to a node and still running is deleted gracefully. */
function gracePeriod(object: KubeObject, options: DeleteOptions): number {
  const grace = Math.max(0, Math.floor(options.gracePeriodSeconds ?? 0));
  if (object.kind !== 'Pod' || grace === 0) return 0;
  const pod = object as Pod;
  if (!pod.spec?.nodeName || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
  return grace;
}
