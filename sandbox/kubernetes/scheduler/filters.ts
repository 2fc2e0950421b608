/**
 * The scheduler's Filter plugins, in the default profile's order (NodeUnschedulable, TaintToleration,
 * NodeAffinity, NodePorts, NodeResourcesFit); the first plugin that rejects a node gives its
 * reasons, in the words of kube-scheduler v1.31. `resolvable` says whether preemption could help.
 */
import type { Node, Pod } from '../api/types';
import { matchesMap } from '../controllers/labels';
import { effectiveTaints, firstUntolerated, TAINT_UNSCHEDULABLE, tolerates } from '../controllers/taints';
import { allocatable, podRequests, type ResourceList } from './resources';

/** A node and what the pods already on it ask for. */
export interface NodeInfo {
  node: Node;
  allocatable: ResourceList;
  requested: ResourceList;
  /** Requests with the scoring defaults (100m, 200Mi) for containers that ask for nothing. */
  nonZero: { cpu: number; memory: number };
  pods: number;
  hostPorts: Set<string>;
}

export interface FilterFailure {
  reasons: string[];
  resolvable: boolean;
}

export function newNodeInfo(node: Node): NodeInfo {
  return { node, allocatable: allocatable(node), requested: {}, nonZero: { cpu: 0, memory: 0 }, pods: 0, hostPorts: new Set() };
}

export function hostPorts(pod: Pod): string[] {
  return pod.spec.containers.flatMap((c) => (c.ports ?? []).filter((p) => p.hostPort).map((p) => `${p.protocol ?? 'TCP'}/${p.hostPort}`));
}

interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}
interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function requirementMatches(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In': return value !== undefined && values.includes(value);
    case 'NotIn': return value === undefined || !values.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt': return value !== undefined && Number(value) < Number(values[0]);
  }
}

/** nodeSelector and required node affinity (terms ORed, requirements within a term ANDed). */
export function matchesNodeAffinity(pod: Pod, node: Node): boolean {
  if (!matchesMap(pod.spec.nodeSelector, node.metadata.labels)) return false;
  const spec = pod.spec as { affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } } };
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  const labels = node.metadata.labels ?? {};
  return terms.some(
    (term) =>
      (term.matchExpressions?.length || term.matchFields?.length) &&
      (term.matchExpressions ?? []).every((r) => requirementMatches(r, labels[r.key])) &&
      (term.matchFields ?? []).every((r) => requirementMatches(r, r.key === 'metadata.name' ? node.metadata.name : undefined)),
  );
}

export function runFilters(pod: Pod, info: NodeInfo, want: ResourceList = podRequests(pod)): FilterFailure | undefined {
  const node = info.node;
  if (node.spec.unschedulable && !tolerates(pod.spec.tolerations, { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' })) {
    return { reasons: ['node(s) were unschedulable'], resolvable: false };
  }
  const taint = firstUntolerated(effectiveTaints(node), pod.spec.tolerations);
  if (taint) return { reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`], resolvable: false };
  if (!matchesNodeAffinity(pod, node)) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvable: false };
  if (hostPorts(pod).some((p) => info.hostPorts.has(p))) {
    return { reasons: ["node(s) didn't have free ports for the requested pod ports"], resolvable: true };
  }
  const reasons: string[] = [];
  if (info.pods + 1 > (info.allocatable.pods ?? 110)) reasons.push('Too many pods');
  for (const name of Object.keys(want).sort((a, b) => (a === 'cpu' ? -1 : b === 'cpu' ? 1 : a === 'memory' ? -1 : b === 'memory' ? 1 : a < b ? -1 : 1))) {
    if (!want[name]) continue;
    const free = (info.allocatable[name] ?? 0) - (info.requested[name] ?? 0);
    if (want[name] > free) reasons.push(`Insufficient ${name}`);
  }
  return reasons.length ? { reasons, resolvable: true } : undefined;
}

/** LeastAllocated over cpu and memory (0–100), with the scoring defaults for request-less containers. */
export function leastAllocatedScore(info: NodeInfo, podNonZero: { cpu: number; memory: number }): number {
  const score = (alloc: number, used: number) => (alloc <= 0 || used > alloc ? 0 : Math.floor(((alloc - used) * 100) / alloc));
  const cpu = score(info.allocatable.cpu ?? 0, info.nonZero.cpu + podNonZero.cpu);
  const memory = score(info.allocatable.memory ?? 0, info.nonZero.memory + podNonZero.memory);
  return Math.floor((cpu + memory) / 2);
}
