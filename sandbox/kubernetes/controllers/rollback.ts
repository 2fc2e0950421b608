/**
 * `kubectl rollout undo` and `kubectl rollout history` for Deployments. As in kubectl since
 * v1.x, a rollback happens on the client: it finds the ReplicaSet of the wanted revision and
 * writes its pod template (without pod-template-hash) back into the Deployment; the controller
 * then rolls to it, reusing that ReplicaSet and giving it the next revision number.
 */
import type { Store } from '../api/store-types';
import type { Deployment, ReplicaSet } from '../api/types';
import { ANNOTATIONS_TO_SKIP, CHANGE_CAUSE, equalIgnoreHash, revisionOf, withoutHash } from './deployment-util';
import { clone, isControlledBy } from './objects';

export type RollbackResult =
  /** kubectl prints `deployment.apps/web rolled back`. */
  | { outcome: 'rolled back'; revision: number }
  /** kubectl prints `deployment.apps/web skipped rollback (current template already matches revision 2)`. */
  | { outcome: 'skipped'; revision: number; message: string }
  /** kubectl prints `error: <message>` and exits 1. */
  | { outcome: 'error'; message: string };

export interface RevisionEntry {
  revision: number;
  /** The `kubernetes.io/change-cause` annotation, or undefined (`<none>` in the table). */
  changeCause?: string;
  replicaSet: ReplicaSet;
}

function ownedReplicaSets(store: Store, d: Deployment): ReplicaSet[] {
  return store.list<ReplicaSet>('ReplicaSet', { namespace: d.metadata.namespace }).filter((rs) => isControlledBy(rs, d));
}

/** Every revision of the Deployment, oldest first (what `kubectl rollout history` lists). */
export function rolloutHistory(store: Store, d: Deployment): RevisionEntry[] {
  return ownedReplicaSets(store, d)
    .map((rs) => ({ revision: revisionOf(rs), changeCause: rs.metadata.annotations?.[CHANGE_CAUSE], replicaSet: rs }))
    .filter((e) => e.revision > 0)
    .sort((a, b) => a.revision - b.revision);
}

/** Rolls `d` back to `toRevision`, or to the previous revision when it is 0 or absent. */
export function rollbackDeployment(store: Store, d: Deployment, toRevision = 0): RollbackResult {
  if (toRevision < 0) return { outcome: 'error', message: `unable to find specified revision ${toRevision} in history` };
  if (d.spec.paused) {
    return {
      outcome: 'error',
      message: `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${d.metadata.name}' and try again`,
    };
  }
  const history = rolloutHistory(store, d);
  let target: RevisionEntry | undefined;
  if (toRevision > 0) {
    target = history.find((e) => e.revision === toRevision);
    if (!target) return { outcome: 'error', message: `unable to find specified revision ${toRevision} in history` };
  } else {
    if (history.length < 2) return { outcome: 'error', message: `no rollout history found for deployment "${d.metadata.name}"` };
    target = history[history.length - 2];
  }
  if (equalIgnoreHash(target.replicaSet.spec.template, d.spec.template)) {
    return { outcome: 'skipped', revision: target.revision, message: `skipped rollback (current template already matches revision ${target.revision})` };
  }
  const copy = clone(d);
  copy.spec.template = clone(withoutHash(target.replicaSet.spec.template));
  // kubectl carries the revision's own annotations (change-cause …) back onto the Deployment.
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  for (const [k, v] of Object.entries(target.replicaSet.metadata.annotations ?? {})) {
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  }
  copy.metadata.annotations = annotations;
  store.update<Deployment>(copy);
  return { outcome: 'rolled back', revision: target.revision };
}
