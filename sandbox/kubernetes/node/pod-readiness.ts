/**
 * The kubelet's status manager, for the Ready and ContainersReady conditions: it regenerates them
 * from its containers on every sync (pkg/kubelet/status/generate.go), so whatever else wrote them
 * meanwhile is overwritten. That is how pods come back: while a node's kubelet was down the node
 * lifecycle controller marked its pods Ready=False; once the kubelet runs again, its next sync
 * posts the containers' readiness, and the pods are Ready again within seconds.
 */
import type { Pod, PodCondition } from '../api/types';
import { rfc3339 } from '../controllers/time';

/** Whether the pod's Ready/ContainersReady disagree with its containers (a running pod only). */
export function readinessDrifted(pod: Readonly<Pod>): boolean {
  if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) return false;
  const ready = containersReady(pod);
  return (pod.status.conditions ?? []).some((c) => (c.type === 'Ready' || c.type === 'ContainersReady') && (c.status === 'True') !== ready);
}

/** Sets Ready and ContainersReady from the containers, as the kubelet's next status update does. */
export function resyncReadiness(pod: Pod, now: number): void {
  const ready = containersReady(pod);
  const unready = (pod.status?.containerStatuses ?? []).filter((s) => !s.ready).map((s) => s.name);
  const time = rfc3339(now);
  pod.status!.conditions = (pod.status!.conditions ?? []).map((c): PodCondition => {
    if ((c.type !== 'Ready' && c.type !== 'ContainersReady') || (c.status === 'True') === ready) return c;
    if (ready) return { type: c.type, status: 'True', lastProbeTime: null, lastTransitionTime: time };
    return { type: c.type, status: 'False', lastProbeTime: null, lastTransitionTime: time, reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
  });
}

function containersReady(pod: Readonly<Pod>): boolean {
  const statuses = pod.status?.containerStatuses ?? [];
  return statuses.length > 0 && statuses.every((s) => s.ready);
}
