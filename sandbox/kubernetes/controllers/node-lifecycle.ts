/**
 * The node lifecycle controller (pkg/controller/nodelifecycle) with the taint-eviction controller:
 * - a node whose kubelet has not posted status (Ready's `lastHeartbeatTime`, or its Lease in
 *   `kube-node-lease`) for the grace period (40 s in v1.31) gets every condition `Unknown`,
 *   "Kubelet stopped posting node status.", a NodeNotReady event, and its pods marked not ready;
 * - conditions become taints: Ready=False → `node.kubernetes.io/not-ready`, Ready=Unknown →
 *   `node.kubernetes.io/unreachable` (NoSchedule, plus NoExecute with timeAdded), cordoned →
 *   `node.kubernetes.io/unschedulable:NoSchedule`, pressure → its NoSchedule taint;
 * - a pod on a node with a NoExecute taint it does not tolerate is deleted at once; one that
 *   tolerates it for `tolerationSeconds` (300 s by default) is deleted when they run out.
 */
import type { KubeObject, Node, NodeCondition, Pod, Taint, Toleration } from '../api/types';
import type { ControllerContext, Reconciler } from './context';
import { isTerminating, updateIfChanged } from './objects';
import { deletePod, isPodActive } from './pods';
import {
  TAINT_DISK_PRESSURE, TAINT_MEMORY_PRESSURE, TAINT_NETWORK_UNAVAILABLE, TAINT_NOT_READY, TAINT_PID_PRESSURE, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE,
  toleratesTaint,
} from './taints';
import { parseTime, rfc3339 } from './time';

export const NODE_MONITOR_GRACE_PERIOD_MS = 40_000;
const NODE_COMPONENT = 'node-controller';
const EVICTION_COMPONENT = 'taint-eviction-controller';
const MANAGED = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE, TAINT_MEMORY_PRESSURE, TAINT_DISK_PRESSURE, TAINT_PID_PRESSURE, TAINT_NETWORK_UNAVAILABLE]);
const WATCHED: NodeCondition['type'][] = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** The taints a node's conditions and cordon call for (TaintNodesByCondition + NoExecute taints). */
export function conditionTaints(node: Node): { key: string; effect: Taint['effect'] }[] {
  const out: { key: string; effect: Taint['effect'] }[] = [];
  const cond = (type: NodeCondition['type']) => node.status?.conditions?.find((c) => c.type === type)?.status;
  const ready = cond('Ready');
  if (ready === 'False') out.push({ key: TAINT_NOT_READY, effect: 'NoSchedule' }, { key: TAINT_NOT_READY, effect: 'NoExecute' });
  if (ready === 'Unknown') out.push({ key: TAINT_UNREACHABLE, effect: 'NoSchedule' }, { key: TAINT_UNREACHABLE, effect: 'NoExecute' });
  if (cond('MemoryPressure') === 'True') out.push({ key: TAINT_MEMORY_PRESSURE, effect: 'NoSchedule' });
  if (cond('DiskPressure') === 'True') out.push({ key: TAINT_DISK_PRESSURE, effect: 'NoSchedule' });
  if (cond('PIDPressure') === 'True') out.push({ key: TAINT_PID_PRESSURE, effect: 'NoSchedule' });
  if (cond('NetworkUnavailable') === 'True') out.push({ key: TAINT_NETWORK_UNAVAILABLE, effect: 'NoSchedule' });
  if (node.spec.unschedulable) out.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

/** getMinTolerationTime over the tolerations used against the node's NoExecute taints: ms, or -1 for forever, or 0 for now. */
export function evictionDelayMs(tolerations: readonly Toleration[] | undefined, noExecute: readonly Taint[]): number {
  let min = Infinity;
  for (const taint of noExecute) {
    const used = (tolerations ?? []).filter((t) => toleratesTaint(t, taint));
    if (!used.length) return 0;
    for (const t of used) if (t.tolerationSeconds !== undefined) min = Math.min(min, Math.max(0, t.tolerationSeconds) * 1000);
  }
  return min === Infinity ? -1 : min;
}

export class NodeLifecycleController implements Reconciler {
  readonly name = 'node-lifecycle-controller';
  private readonly registered = new Set<string>();
  private writes = 0;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly gracePeriodMs = NODE_MONITOR_GRACE_PERIOD_MS,
  ) {}

  reconcile(): number {
    this.writes = 0;
    const nodes = this.ctx.store.list<Node>('Node');
    for (let node of nodes) {
      if (!this.registered.has(node.metadata.uid ?? node.metadata.name)) {
        this.registered.add(node.metadata.uid ?? node.metadata.name);
        this.event(NODE_COMPONENT, node, 'Normal', 'RegisteredNode', `Node ${node.metadata.name} event: Registered Node ${node.metadata.name} in Controller`);
      }
      node = this.monitorHealth(node);
      this.syncTaints(node);
    }
    this.evict();
    return this.writes;
  }

  nextDeadline(): number | undefined {
    const now = this.ctx.now();
    const times: number[] = [];
    for (const node of this.ctx.store.list<Node>('Node')) {
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
      if (ready?.status !== 'Unknown') times.push(this.lastHeartbeat(node) + this.gracePeriodMs + 1);
      for (const { at } of this.evictionPlan(node)) times.push(at);
    }
    const future = times.filter((t) => t > now);
    return future.length ? Math.min(...future) : undefined;
  }

  private event(component: string, object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record(component, object, type, reason, message);
    this.writes++;
  }

  private lastHeartbeat(node: Node): number {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    let beat = parseTime(ready?.lastHeartbeatTime ?? node.metadata.creationTimestamp);
    try {
      const lease = this.ctx.store.peek<KubeObject & { spec?: { renewTime?: string } }>('Lease', 'kube-node-lease', node.metadata.name);
      const renew = parseTime(lease?.spec?.renewTime);
      if (!Number.isNaN(renew) && (Number.isNaN(beat) || renew > beat)) beat = renew;
    } catch {
      // A store that does not know Leases: the Ready heartbeat alone decides.
    }
    return Number.isNaN(beat) ? this.ctx.now() : beat;
  }

  private monitorHealth(node: Node): Node {
    const now = this.ctx.now();
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready?.status === 'Unknown' || now - this.lastHeartbeat(node) <= this.gracePeriodMs) return node;
    const t = rfc3339(now);
    const updated = updateIfChanged(this.ctx.store, node, (copy) => {
      copy.status = copy.status ?? ({ capacity: {}, allocatable: {}, conditions: [], addresses: [] } as unknown as NonNullable<Node['status']>);
      const conditions = copy.status.conditions ?? (copy.status.conditions = []);
      for (const type of WATCHED) {
        const c = conditions.find((x) => x.type === type);
        if (c) {
          if (c.status !== 'Unknown') c.lastTransitionTime = t;
          Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
        } else {
          const created = node.metadata.creationTimestamp ?? t;
          conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: created, lastTransitionTime: t });
        }
      }
    });
    if (!updated) return node;
    this.writes++;
    this.event(NODE_COMPONENT, updated, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
    for (const pod of this.podsOn(node.metadata.name)) {
      const marked = updateIfChanged(this.ctx.store, pod, (copy) => {
        for (const c of copy.status?.conditions ?? []) {
          if (c.type === 'Ready' && c.status !== 'False') Object.assign(c, { status: 'False', lastTransitionTime: t });
        }
      });
      if (marked) {
        this.writes++;
        this.event(NODE_COMPONENT, marked, 'Warning', 'NodeNotReady', 'Node is not ready');
      }
    }
    return updated;
  }

  private syncTaints(node: Node): void {
    const want = conditionTaints(node);
    const have = node.spec.taints ?? [];
    const keep = have.filter((t) => !MANAGED.has(t.key) || want.some((w) => w.key === t.key && w.effect === t.effect));
    const t = rfc3339(this.ctx.now());
    for (const w of want) {
      if (!keep.some((k) => k.key === w.key && k.effect === w.effect)) keep.push(w.effect === 'NoExecute' ? { ...w, timeAdded: t } : { ...w });
    }
    const updated = updateIfChanged(this.ctx.store, node, (copy) => {
      if (keep.length) copy.spec.taints = keep;
      else delete copy.spec.taints;
    });
    if (updated) this.writes++;
  }

  private podsOn(nodeName: string): Pod[] {
    return this.ctx.store.list<Pod>('Pod').filter((p) => p.spec.nodeName === nodeName && isPodActive(p));
  }

  /** When each pod on the node is due for eviction (skipping pods that tolerate the taints forever). */
  private evictionPlan(node: Node): { pod: Pod; at: number }[] {
    const noExecute = (node.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (!noExecute.length) return [];
    const since = Math.max(...noExecute.map((t) => parseTime(t.timeAdded) || this.ctx.now()));
    const plan: { pod: Pod; at: number }[] = [];
    for (const pod of this.podsOn(node.metadata.name)) {
      const delay = evictionDelayMs(pod.spec.tolerations, noExecute);
      if (delay >= 0) plan.push({ pod, at: delay === 0 ? 0 : since + delay });
    }
    return plan;
  }

  private evict(): void {
    const now = this.ctx.now();
    for (const node of this.ctx.store.list<Node>('Node')) {
      for (const { pod, at } of this.evictionPlan(node)) {
        if (at > now || isTerminating(pod)) continue;
        this.event(EVICTION_COMPONENT, pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`);
        deletePod(this.ctx.store, pod);
        this.writes++;
      }
    }
  }
}
