/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods that
 * match the selector, adopting orphans and releasing pods whose labels no longer match; deletes
 * the least valuable extras first; reports counts in status.
 */
import type { Pod, ReplicaSet } from '../api/types';
import type { ControllerContext, Reconciler } from './context';
import { matchesSelector } from './labels';
import { byCreation, controllerRef, isControlledBy, isTerminating, ownerRefFor, updateIfChanged } from './objects';
import { availableAt, deletePod, isPodActive, isPodAvailable, isPodReady, podFromTemplate } from './pods';
import { withDefaultTolerations } from './taints';
import { parseTime } from './time';

const COMPONENT = 'replicaset-controller';

export class ReplicaSetController implements Reconciler {
  readonly name = COMPONENT;

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): number {
    const { store } = this.ctx;
    const podsByNamespace = new Map<string, Pod[]>();
    for (const pod of store.peekList<Pod>('Pod')) {
      const ns = pod.metadata.namespace ?? 'default';
      const list = podsByNamespace.get(ns) ?? [];
      list.push(pod);
      podsByNamespace.set(ns, list);
    }
    let writes = 0;
    for (const rs of [...store.peekList<ReplicaSet>('ReplicaSet')].sort(byCreation)) {
      if (isTerminating(rs)) continue;
      writes += this.sync(rs, podsByNamespace.get(rs.metadata.namespace ?? 'default') ?? []);
    }
    return writes;
  }

  nextDeadline(): number | undefined {
    let best: number | undefined;
    for (const rs of this.ctx.store.peekList<ReplicaSet>('ReplicaSet')) {
      const minReady = rs.spec.minReadySeconds ?? 0;
      if (!minReady) continue;
      for (const pod of this.ctx.store.peekList<Pod>('Pod', { namespace: rs.metadata.namespace })) {
        if (!isControlledBy(pod, rs)) continue;
        const at = availableAt(pod, minReady);
        if (at !== undefined && at > this.ctx.now() && (best === undefined || at < best)) best = at;
      }
    }
    return best;
  }

  private sync(rs: ReplicaSet, namespacePods: Pod[]): number {
    const { store, random, events, now } = this.ctx;
    let writes = 0;
    const owned: Pod[] = [];
    for (const pod of namespacePods) {
      const ref = controllerRef(pod);
      const matches = matchesSelector(rs.spec.selector, pod.metadata.labels);
      if (ref?.uid === rs.metadata.uid) {
        if (matches) owned.push(pod);
        else if (updateIfChanged(store, pod, (p) => (p.metadata.ownerReferences = p.metadata.ownerReferences?.filter((r) => r.uid !== rs.metadata.uid)))) writes++;
      } else if (!ref && matches && isPodActive(pod)) {
        const adopted = updateIfChanged(store, pod, (p) => (p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), ownerRefFor(rs)]));
        if (adopted) {
          writes++;
          owned.push(adopted);
        }
      }
    }
    let active = owned.filter(isPodActive);
    const want = rs.spec.replicas ?? 1;
    if (active.length < want) {
      for (let i = active.length; i < want; i++) {
        const pod = podFromTemplate(store, random, rs, rs.spec.template);
        pod.spec.tolerations = withDefaultTolerations(pod.spec.tolerations);
        const created = store.create<Pod>(pod);
        events.record(COMPONENT, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
        active.push(created);
        writes += 2;
      }
    } else if (active.length > want) {
      const doomed = rankForDeletion(active).slice(0, active.length - want);
      for (const pod of doomed) {
        deletePod(store, pod);
        events.record(COMPONENT, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
        writes += 2;
      }
      const gone = new Set(doomed.map((p) => p.metadata.name));
      active = active.filter((p) => !gone.has(p.metadata.name));
    }
    const templateLabels = rs.spec.template.metadata?.labels ?? {};
    const status = {
      replicas: active.length,
      fullyLabeledReplicas: active.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)).length,
      readyReplicas: active.filter(isPodReady).length,
      availableReplicas: active.filter((p) => isPodAvailable(p, rs.spec.minReadySeconds ?? 0, now())).length,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    const fresh = store.peek<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
    if (fresh && updateIfChanged<ReplicaSet>(store, fresh, (copy) => (copy.status = status))) writes++;
    return writes;
  }
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * The pods a scale-down removes first (controller.ActivePodsWithRanks): unscheduled before
 * scheduled, Pending before Unknown before Running, not ready before ready, pods sharing a node
 * with more of their siblings first, recently ready before long ready, more restarts first,
 * newest first.
 */
export function rankForDeletion(pods: Pod[]): Pod[] {
  const perNode = new Map<string, number>();
  for (const p of pods) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const readySince = (p: Pod) => parseTime(p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime) || 0;
  const restarts = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
  const keyed = pods.map((p) => ({
    p,
    keys: [
      p.spec.nodeName ? 1 : 0,
      PHASE_RANK[p.status?.phase ?? 'Pending'] ?? 0,
      isPodReady(p) ? 1 : 0,
      -(perNode.get(p.spec.nodeName ?? '') ?? 0),
      isPodReady(p) ? -readySince(p) : 0,
      -restarts(p),
      -(parseTime(p.metadata.creationTimestamp) || 0),
    ],
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.keys.length; i++) if (a.keys[i] !== b.keys[i]) return a.keys[i] - b.keys[i];
    return a.p.metadata.name < b.p.metadata.name ? -1 : 1;
  });
  return keyed.map((k) => k.p);
}
