/**
 * Deployment status and its conditions (deployment/sync.go calculateStatus, progress.go
 * syncRolloutStatus): Available with MinimumReplicasAvailable / MinimumReplicasUnavailable, and
 * Progressing with NewReplicaSetCreated, FoundNewReplicaSet, ReplicaSetUpdated,
 * NewReplicaSetAvailable, ProgressDeadlineExceeded, DeploymentPaused, DeploymentResumed.
 */
import type { Deployment, ReplicaSet } from '../api/types';
import { maxUnavailable, replicasOf, sumAvailable, sumReady, sumSpec, sumStatus } from './deployment-util';
import { clone } from './objects';
import { parseTime, rfc3339 } from './time';

export type DeploymentStatus = NonNullable<Deployment['status']>;
export type DeploymentCondition = NonNullable<DeploymentStatus['conditions']>[number];

export function newCondition(type: DeploymentCondition['type'], status: DeploymentCondition['status'], reason: string, message: string, now: number): DeploymentCondition {
  const t = rfc3339(now);
  return { type, status, reason, message, lastUpdateTime: t, lastTransitionTime: t };
}

export function getCondition(status: DeploymentStatus | undefined, type: DeploymentCondition['type']): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** SetDeploymentCondition: no-op for the same status and reason; keeps lastTransitionTime for the same status. */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  if (current && current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), condition];
}

export function removeCondition(status: DeploymentStatus, type: DeploymentCondition['type']): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}

/** The status fields and the Available condition (calculateStatus). */
export function calculateStatus(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined, now: number): DeploymentStatus {
  const available = sumAvailable(all);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sumStatus(all),
    updatedReplicas: newRS ? sumStatus([newRS]) : 0,
    readyReplicas: sumReady(all),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumSpec(all) - available),
    conditions: clone(d.status?.conditions ?? []),
  };
  const collisionCount = (d.status as { collisionCount?: number } | undefined)?.collisionCount;
  if (collisionCount !== undefined) (status as { collisionCount?: number }).collisionCount = collisionCount;
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
  }
  return status;
}

function isComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = replicasOf(d);
  return s.updatedReplicas === want && s.replicas === want && s.availableReplicas === want && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1);
}

function isProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

export function progressDeadlineMs(d: Deployment): number {
  return (d.spec.progressDeadlineSeconds ?? 600) * 1000;
}

/** syncRolloutStatus: the Progressing condition from the progress since the last status. */
export function rolloutStatus(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined, now: number): DeploymentStatus {
  const status = calculateStatus(d, all, newRS, now);
  const current = getCondition(d.status, 'Progressing');
  const rsName = newRS?.metadata.name;
  const complete = status.replicas === status.updatedReplicas && current?.reason === 'NewReplicaSetAvailable';
  if (complete) return status;
  if (isComplete(d, status)) {
    const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
    setCondition(status, newCondition('Progressing', 'True', 'NewReplicaSetAvailable', msg, now));
  } else if (isProgressing(d, status)) {
    const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
    const condition = newCondition('Progressing', 'True', 'ReplicaSetUpdated', msg, now);
    if (current) {
      if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
      removeCondition(status, 'Progressing');
    }
    setCondition(status, condition);
  } else if (current && current.reason !== 'ProgressDeadlineExceeded' && parseTime(current.lastUpdateTime) + progressDeadlineMs(d) < now) {
    const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
    setCondition(status, newCondition('Progressing', 'False', 'ProgressDeadlineExceeded', msg, now));
  }
  return status;
}
