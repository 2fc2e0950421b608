/**
 * A small in-memory `Store` (the tests now run on api/store.ts; this double stays for isolating
 * the controllers from it, see fake-store.test.ts): copies in and
 * out, a cluster-wide resourceVersion, uid and creationTimestamp stamping, generation bumps on spec
 * changes, Conflict on stale writes, finalizers, watch, and the selector subset tests use.
 */
import type { DeleteOptions, ListOptions, Store, StoreSnapshot, WatchEvent } from '../../api/store-types';
import type { KubeObject, Pod } from '../../api/types';
import { rfc3339 } from '../time';
import { stableStringify } from '../objects';

const CLUSTER_SCOPED = new Set(['Node', 'Namespace']);

export class FakeApiError extends Error {
  constructor(
    readonly reason: 'NotFound' | 'AlreadyExists' | 'Conflict',
    message: string,
  ) {
    super(message);
  }
}

function plural(kind: string): string {
  const lower = kind.toLowerCase();
  return lower.endsWith('s') ? lower : `${lower}s`;
}

function field(object: KubeObject, path: string): string | undefined {
  let v: unknown = object;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v === undefined ? undefined : String(v);
}

function matchesLabelSelector(selector: string, labels: Record<string, string>): boolean {
  return selector.split(',').filter(Boolean).every((term) => {
    const t = term.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(\S+?)\s*(!=)\s*(\S*)$/.exec(t))) return labels[m[1]] !== m[3];
    if ((m = /^(\S+?)\s*==?\s*(\S*)$/.exec(t))) return labels[m[1]] === m[2];
    if (t.startsWith('!')) return !(t.slice(1) in labels);
    return t in labels;
  });
}

export class FakeStore implements Store {
  private readonly objects = new Map<string, KubeObject>();
  private readonly watchers = new Set<{ kind: string; namespace?: string; listener: (e: WatchEvent) => void }>();
  private rv = 0;
  private uid = 0;

  constructor(private readonly now: () => number) {}

  get resourceVersion(): number {
    return this.rv;
  }

  private key(kind: string, namespace: string | undefined, name: string): string {
    return CLUSTER_SCOPED.has(kind) ? `${kind}//${name}` : `${kind}/${namespace ?? 'default'}/${name}`;
  }

  private notify(type: WatchEvent['type'], object: KubeObject): void {
    for (const w of this.watchers) {
      if (w.kind === object.kind && (!w.namespace || w.namespace === object.metadata.namespace)) w.listener({ type, object: structuredClone(object) });
    }
  }

  create<T extends KubeObject>(object: T): T {
    const copy = structuredClone(object);
    if (!copy.metadata.name && copy.metadata.generateName) copy.metadata.name = `${copy.metadata.generateName}${(++this.uid).toString(36).padStart(5, 'x')}`;
    if (!CLUSTER_SCOPED.has(copy.kind)) copy.metadata.namespace = copy.metadata.namespace ?? 'default';
    const key = this.key(copy.kind, copy.metadata.namespace, copy.metadata.name);
    if (this.objects.has(key)) throw new FakeApiError('AlreadyExists', `${plural(copy.kind)} "${copy.metadata.name}" already exists`);
    copy.metadata.uid = `00000000-0000-4000-8000-${(++this.uid).toString(16).padStart(12, '0')}`;
    copy.metadata.resourceVersion = String(++this.rv);
    copy.metadata.creationTimestamp = rfc3339(this.now());
    if ('spec' in copy && copy.kind !== 'Pod' && copy.kind !== 'Node' && copy.kind !== 'Service') copy.metadata.generation = 1;
    this.objects.set(key, copy);
    this.notify('ADDED', copy);
    return structuredClone(copy);
  }

  get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const o = this.objects.get(this.key(kind, namespace, name));
    return o ? (structuredClone(o) as T) : undefined;
  }

  list<T extends KubeObject>(kind: string, options: ListOptions = {}): T[] {
    const out: T[] = [];
    for (const o of this.objects.values()) {
      if (o.kind !== kind) continue;
      if (options.namespace && !CLUSTER_SCOPED.has(kind) && o.metadata.namespace !== options.namespace) continue;
      if (options.labelSelector && !matchesLabelSelector(options.labelSelector, o.metadata.labels ?? {})) continue;
      if (options.fieldSelector) {
        const ok = options.fieldSelector.split(',').every((term) => {
          const m = /^([\w.]+)\s*(!=|==|=)\s*(.*)$/.exec(term.trim());
          if (!m) return true;
          const v = field(o, m[1]) ?? '';
          return m[2] === '!=' ? v !== m[3] : v === m[3];
        });
        if (!ok) continue;
      }
      out.push(structuredClone(o) as T);
    }
    return out.sort((a, b) => ((a.metadata.namespace ?? '') + '/' + a.metadata.name < (b.metadata.namespace ?? '') + '/' + b.metadata.name ? -1 : 1));
  }

  /** The double hands out copies here too: no caller can tell, and it stays small. */
  peek<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.get<T>(kind, namespace, name);
  }

  peekList<T extends KubeObject>(kind: string, options: ListOptions = {}): T[] {
    return this.list<T>(kind, options);
  }

  update<T extends KubeObject>(object: T): T {
    const key = this.key(object.kind, object.metadata.namespace, object.metadata.name);
    const current = this.objects.get(key);
    if (!current) throw new FakeApiError('NotFound', `${plural(object.kind)} "${object.metadata.name}" not found`);
    if (object.metadata.resourceVersion && object.metadata.resourceVersion !== current.metadata.resourceVersion) {
      throw new FakeApiError('Conflict', `Operation cannot be fulfilled on ${plural(object.kind)} "${object.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    const copy = structuredClone(object);
    copy.metadata.uid = current.metadata.uid;
    copy.metadata.creationTimestamp = current.metadata.creationTimestamp;
    copy.metadata.resourceVersion = String(++this.rv);
    const spec = (o: KubeObject) => stableStringify((o as { spec?: unknown }).spec);
    if (current.metadata.generation !== undefined) copy.metadata.generation = current.metadata.generation + (spec(copy) !== spec(current) ? 1 : 0);
    if (copy.metadata.deletionTimestamp && !(copy.metadata.finalizers ?? []).length) {
      this.objects.delete(key);
      this.notify('DELETED', copy);
      return structuredClone(copy);
    }
    this.objects.set(key, copy);
    this.notify('MODIFIED', copy);
    return structuredClone(copy);
  }

  delete<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, options: DeleteOptions = {}): T {
    const key = this.key(kind, namespace, name);
    const current = this.objects.get(key);
    if (!current) throw new FakeApiError('NotFound', `${plural(kind)} "${name}" not found`);
    // As the real store: only a bound, unfinished Pod is deleted gracefully (its kubelet finishes the job).
    const pod = current as Pod;
    const grace = kind === 'Pod' && pod.spec.nodeName && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' ? (options.gracePeriodSeconds ?? 0) : 0;
    if ((current.metadata.finalizers ?? []).length || grace > 0) {
      if (!current.metadata.deletionTimestamp) {
        current.metadata.deletionTimestamp = rfc3339(this.now() + grace * 1000);
        current.metadata.resourceVersion = String(++this.rv);
        this.notify('MODIFIED', current);
      }
      return structuredClone(current) as T;
    }
    this.objects.delete(key);
    this.rv++;
    this.notify('DELETED', current);
    return structuredClone(current) as T;
  }

  watch(kind: string, namespace: string | undefined, listener: (event: WatchEvent) => void): () => void {
    const w = { kind, namespace, listener };
    this.watchers.add(w);
    return () => this.watchers.delete(w);
  }

  etcdKeys(): string[] {
    return [...this.objects.values()].map((o) => `/registry/${plural(o.kind)}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`).sort();
  }

  snapshot(): StoreSnapshot {
    return { resourceVersion: this.rv, objects: [...this.objects.values()].map((o) => structuredClone(o)) };
  }
}
