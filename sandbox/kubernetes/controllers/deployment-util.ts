/** Arithmetic and bookkeeping of the Deployment controller (pkg/controller/deployment/util). */
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../api/types';
import { stableStringify } from './objects';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Deployment annotations never copied onto its ReplicaSets (or back by a rollback). */
export const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

export function replicasOf(d: Deployment): number {
  return d.spec.replicas ?? 1;
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean, fallback: string): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number.parseInt(v, 10) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** ResolveFenceposts: maxSurge rounds up, maxUnavailable down, and both zero means one unavailable. */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec.strategy?.rollingUpdate;
  const replicas = replicasOf(d);
  const surge = scaledValue(ru?.maxSurge, replicas, true, '25%');
  let unavailable = scaledValue(ru?.maxUnavailable, replicas, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function isRolling(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

export function maxSurge(d: Deployment): number {
  return isRolling(d) ? fenceposts(d).surge : 0;
}

export function maxUnavailable(d: Deployment): number {
  if (!isRolling(d) || replicasOf(d) === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicasOf(d));
}

export function revisionOf(rs: { metadata: { annotations?: Record<string, string> } }): number {
  return Number.parseInt(rs.metadata.annotations?.[REVISION] ?? '', 10) || 0;
}

export function maxRevision(sets: readonly ReplicaSet[]): number {
  return sets.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/** The template without the pod-template-hash label, for EqualIgnoreHash. */
export function withoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH];
  return { ...template, metadata: { ...(template.metadata ?? {}), labels } };
}

export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return stableStringify(withoutHash(a)) === stableStringify(withoutHash(b));
}

export const sumSpec = (sets: readonly ReplicaSet[]) => sets.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
export const sumStatus = (sets: readonly ReplicaSet[]) => sets.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
export const sumReady = (sets: readonly ReplicaSet[]) => sets.reduce((n, rs) => n + (rs.status?.readyReplicas ?? 0), 0);
export const sumAvailable = (sets: readonly ReplicaSet[]) => sets.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);

/** NewRSNewReplicas: how far the new ReplicaSet may grow in one step. */
export function newRSReplicas(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined): number {
  const target = replicasOf(d);
  const current = newRS?.spec.replicas ?? 0;
  if (!isRolling(d)) return target;
  const maxTotal = target + maxSurge(d);
  const podCount = sumSpec(all);
  if (podCount >= maxTotal) return current;
  return current + Math.max(0, Math.min(maxTotal - podCount, target - current));
}
