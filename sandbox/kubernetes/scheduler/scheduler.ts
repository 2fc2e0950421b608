/**
 * kube-scheduler's default profile, reduced to what the course shows: it takes Pending pods with
 * no nodeName (highest priority, then oldest, first), filters the nodes (filters.ts), scores the
 * survivors by least requested cpu/memory, then fewest pods, then name (the real one breaks ties
 * at random), and binds: `spec.nodeName` plus the PodScheduled condition, and a `Scheduled` event.
 * A pod that fits nowhere gets PodScheduled=False/Unschedulable and a `FailedScheduling` event
 * with the real aggregated message; it is tried again when the nodes or the pods on them change,
 * or after 5 minutes (podMaxInUnschedulablePodsDuration), never on every pass.
 * Preemption is not modelled: its part of the message says what the real one concludes when no
 * lower-priority pod could make room.
 */
import type { Node, Pod, PodCondition } from '../api/types';
import type { ControllerContext, Reconciler } from '../controllers/context';
import { stableStringify, updateIfChanged } from '../controllers/objects';
import { readyStatus } from '../controllers/taints';
import { parseTime, rfc3339 } from '../controllers/time';
import { hostPorts, leastAllocatedScore, newNodeInfo, runFilters, type NodeInfo } from './filters';
import { nonZeroRequests, podRequests } from './resources';

export const SCHEDULER_NAME = 'default-scheduler';
export const UNSCHEDULABLE_RETRY_MS = 5 * 60_000;

interface Attempt {
  signature: string;
  podVersion: string | undefined;
  at: number;
}

/** FitError.Error(): the histogram of reasons, sorted as strings, then the preemption verdict. */
export function fitErrorMessage(nodeCount: number, failures: { reasons: string[]; resolvable: boolean }[]): string {
  const histogram = (entries: string[]) => {
    const counts = new Map<string, number>();
    for (const e of entries) counts.set(e, (counts.get(e) ?? 0) + 1);
    return [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
  };
  const filter = histogram(failures.flatMap((f) => f.reasons));
  const preemption = histogram(failures.map((f) => (f.resolvable ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling')));
  return `0/${nodeCount} nodes are available: ${filter.join(', ')}. preemption: 0/${nodeCount} nodes are available: ${preemption.join(', ')}.`;
}

export class Scheduler implements Reconciler {
  readonly name = SCHEDULER_NAME;
  private readonly attempts = new Map<string, Attempt>();

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): number {
    const { store } = this.ctx;
    const pods = store.peekList<Pod>('Pod');
    const pending = pods.filter(isSchedulable).sort(queueOrder);
    if (!pending.length) {
      this.attempts.clear();
      return 0;
    }
    const nodes = store.list<Node>('Node').sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const infos = new Map(nodes.map((n) => [n.metadata.name, newNodeInfo(n)]));
    for (const pod of pods) {
      const info = pod.spec.nodeName ? infos.get(pod.spec.nodeName) : undefined;
      if (info && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') addPod(info, pod);
    }
    let writes = 0;
    const live = new Set<string>();
    // The signature only changes when a pod is bound, so it is computed once per binding at most.
    let signature: string | undefined;
    const currentSignature = () => (signature ??= clusterSignature(nodes, infos));
    for (const pod of pending) {
      const key = pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`;
      live.add(key);
      const last = this.attempts.get(key);
      if (last && last.podVersion === pod.metadata.resourceVersion && this.ctx.now() < last.at + UNSCHEDULABLE_RETRY_MS && last.signature === currentSignature()) continue;
      const bound = this.scheduleOne(pod, nodes, infos, key, currentSignature);
      if (bound) signature = undefined;
      writes += bound ? 2 : this.lastFailureWrites;
    }
    for (const key of [...this.attempts.keys()]) if (!live.has(key)) this.attempts.delete(key);
    return writes;
  }

  nextDeadline(): number | undefined {
    let best: number | undefined;
    for (const a of this.attempts.values()) {
      const at = a.at + UNSCHEDULABLE_RETRY_MS;
      if (best === undefined || at < best) best = at;
    }
    return best;
  }

  private lastFailureWrites = 0;

  /** Binds the pod (true) or records why it fits nowhere (false, with the writes in lastFailureWrites). */
  private scheduleOne(pod: Pod, nodes: Node[], infos: Map<string, NodeInfo>, key: string, signature: () => string): boolean {
    const { store, events, now } = this.ctx;
    const failures: { reasons: string[]; resolvable: boolean }[] = [];
    let best: { info: NodeInfo; score: number } | undefined;
    const weight = nonZeroRequests(pod);
    const requests = podRequests(pod);
    for (const node of nodes) {
      const info = infos.get(node.metadata.name)!;
      const failure = runFilters(pod, info, requests);
      if (failure) {
        failures.push(failure);
        continue;
      }
      const score = leastAllocatedScore(info, weight);
      if (!best || score > best.score || (score === best.score && info.pods < best.info.pods)) best = { info, score };
    }
    const t = rfc3339(now());
    const namespaced = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    if (best) {
      const nodeName = best.info.node.metadata.name;
      const bound = updateIfChanged(store, pod, (copy) => {
        copy.spec.nodeName = nodeName;
        copy.status = copy.status ?? { phase: 'Pending' };
        setPodCondition(copy.status, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: t });
      });
      addPod(best.info, bound ?? pod);
      this.attempts.delete(key);
      events.record(SCHEDULER_NAME, pod, 'Normal', 'Scheduled', `Successfully assigned ${namespaced} to ${nodeName}`);
      return true;
    }
    const message = nodes.length ? fitErrorMessage(nodes.length, failures) : 'no nodes available to schedule pods';
    const updated = updateIfChanged(store, pod, (copy) => {
      copy.status = copy.status ?? { phase: 'Pending' };
      setPodCondition(copy.status, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: t });
    });
    events.record(SCHEDULER_NAME, pod, 'Warning', 'FailedScheduling', message);
    this.attempts.set(key, { signature: signature(), podVersion: (updated ?? pod).metadata.resourceVersion, at: now() });
    this.lastFailureWrites = updated ? 2 : 1;
    return false;
  }
}

function isSchedulable(pod: Pod): boolean {
  const phase = pod.status?.phase ?? 'Pending';
  return !pod.spec.nodeName && !pod.metadata.deletionTimestamp && phase === 'Pending' && (pod.spec.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME;
}

function queueOrder(a: Pod, b: Pod): number {
  const pa = a.spec.priority ?? 0;
  const pb = b.spec.priority ?? 0;
  if (pa !== pb) return pb - pa;
  const ta = parseTime(a.metadata.creationTimestamp) || 0;
  const tb = parseTime(b.metadata.creationTimestamp) || 0;
  if (ta !== tb) return ta - tb;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

function addPod(info: NodeInfo, pod: Pod): void {
  for (const [name, v] of Object.entries(podRequests(pod))) info.requested[name] = (info.requested[name] ?? 0) + v;
  const nz = nonZeroRequests(pod);
  info.nonZero.cpu += nz.cpu;
  info.nonZero.memory += nz.memory;
  info.pods++;
  for (const p of hostPorts(pod)) info.hostPorts.add(p);
}

/** What a scheduling decision depends on; an unschedulable pod is retried only when it changes. */
function clusterSignature(nodes: Node[], infos: Map<string, NodeInfo>): string {
  const parts = nodes.map((n) => {
    const info = infos.get(n.metadata.name)!;
    return stableStringify([n.metadata.name, n.metadata.labels, n.spec.taints, n.spec.unschedulable, readyStatus(n), n.status?.allocatable, info.requested, info.pods, [...info.hostPorts]]);
  });
  return parts.join('\n');
}

function setPodCondition(status: NonNullable<Pod['status']>, condition: PodCondition): void {
  const conditions = status.conditions ?? (status.conditions = []);
  const i = conditions.findIndex((c) => c.type === condition.type);
  if (i < 0) {
    conditions.push(condition);
    return;
  }
  const current = conditions[i];
  if (current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
  conditions[i] = condition;
}
