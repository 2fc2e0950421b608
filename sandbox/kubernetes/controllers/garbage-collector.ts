/**
 * The garbage collector (pkg/controller/garbagecollector): an object whose owners are all gone
 * (absent, or replaced by a namesake with another uid) is deleted, which cascades down
 * Deployment → ReplicaSet → Pod; a dangling reference beside a living owner is removed. Owners
 * deleted with `propagationPolicy=Foreground` (finalizer `foregroundDeletion`) wait until their
 * dependents are gone; `Orphan` (finalizer `orphan`) strips the references and leaves them.
 */
import type { KubeObject, OwnerReference, Pod } from '../api/types';
import type { ControllerContext, Reconciler } from './context';
import { updateIfChanged } from './objects';
import { deletePod } from './pods';

/** The kinds the collector walks, dependents before owners. */
export const COLLECTED_KINDS = ['Pod', 'ReplicaSet', 'Endpoints', 'Service', 'ConfigMap', 'DaemonSet', 'Deployment'];
const CLUSTER_SCOPED = new Set(['Node', 'Namespace', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass']);
const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

export class GarbageCollector implements Reconciler {
  readonly name = 'garbage-collector';

  constructor(
    private readonly ctx: ControllerContext,
    private readonly kinds: readonly string[] = COLLECTED_KINDS,
  ) {}

  reconcile(): number {
    let writes = 0;
    const all = this.kinds.flatMap((kind) => this.ctx.store.peekList(kind));
    for (const object of all) writes += this.collect(object);
    for (const owner of all) writes += this.finishOwnerDeletion(owner, all);
    return writes;
  }

  private owner(object: KubeObject, ref: OwnerReference): KubeObject | undefined {
    const ns = CLUSTER_SCOPED.has(ref.kind) ? undefined : object.metadata.namespace;
    const owner = this.ctx.store.peek(ref.kind, ns, ref.name);
    return owner && owner.metadata.uid === ref.uid ? owner : undefined;
  }

  private collect(object: KubeObject): number {
    const refs = object.metadata.ownerReferences ?? [];
    if (!refs.length || object.metadata.deletionTimestamp) return 0;
    const current = this.ctx.store.peek(object.kind, object.metadata.namespace, object.metadata.name);
    if (!current || current.metadata.uid !== object.metadata.uid) return 0;
    const alive = refs.filter((ref) => this.owner(object, ref));
    if (alive.length === 0) {
      if (object.kind === 'Pod') deletePod(this.ctx.store, object as Pod);
      else this.ctx.store.delete(object.kind, object.metadata.namespace, object.metadata.name);
      return 1;
    }
    if (alive.length < refs.length) return updateIfChanged(this.ctx.store, current, (c) => (c.metadata.ownerReferences = alive)) ? 1 : 0;
    return 0;
  }

  /** Owners being deleted in the foreground or with orphaning: act on dependents, then drop the finalizer. */
  private finishOwnerDeletion(owner: KubeObject, all: readonly KubeObject[]): number {
    const finalizers = owner.metadata.finalizers ?? [];
    if (!owner.metadata.deletionTimestamp || !(finalizers.includes(FOREGROUND) || finalizers.includes(ORPHAN))) return 0;
    const { store } = this.ctx;
    let writes = 0;
    const dependents = all.filter(
      (o) => o.metadata.namespace === owner.metadata.namespace && o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid) && store.get(o.kind, o.metadata.namespace, o.metadata.name),
    );
    if (finalizers.includes(ORPHAN)) {
      for (const d of dependents) {
        const fresh = store.get(d.kind, d.metadata.namespace, d.metadata.name)!;
        if (updateIfChanged(store, fresh, (c) => (c.metadata.ownerReferences = c.metadata.ownerReferences?.filter((r) => r.uid !== owner.metadata.uid)))) writes++;
      }
    } else {
      const waiting = dependents.filter((d) => !d.metadata.deletionTimestamp);
      for (const d of waiting) {
        // A dependent that is itself an owner is deleted in the foreground too, so the cascade runs bottom-up.
        const fresh = store.get(d.kind, d.metadata.namespace, d.metadata.name)!;
        if (updateIfChanged(store, fresh, (c) => (c.metadata.finalizers = [...new Set([...(c.metadata.finalizers ?? []), FOREGROUND])]))) writes++;
        if (d.kind === 'Pod') deletePod(store, d as Pod);
        else store.delete(d.kind, d.metadata.namespace, d.metadata.name);
        writes++;
      }
      if (dependents.length) return writes;
    }
    const fresh = store.get(owner.kind, owner.metadata.namespace, owner.metadata.name);
    if (!fresh) return writes;
    const updated = updateIfChanged(store, fresh, (c) => (c.metadata.finalizers = finalizers.filter((f) => f !== FOREGROUND && f !== ORPHAN)));
    if (updated) writes++;
    const left = store.get(owner.kind, owner.metadata.namespace, owner.metadata.name);
    if (left?.metadata.deletionTimestamp && !(left.metadata.finalizers ?? []).length) {
      store.delete(owner.kind, owner.metadata.namespace, owner.metadata.name);
      writes++;
    }
    return writes;
  }
}
