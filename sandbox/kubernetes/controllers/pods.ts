/** Pod facts the workload controllers share: active, ready, available, and how a pod is made from a template. */
import type { KubeObject, Pod, PodTemplateSpec } from '../api/types';
import type { Random } from '../../core/random';
import type { Store } from '../api/store-types';
import { clone, ownerRefFor } from './objects';
import { randomSuffix } from './names';
import { parseTime } from './time';

/** Counted by controllers: not being deleted and not finished. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Ready for at least `minReadySeconds`. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = parseTime(pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime);
  return Number.isNaN(since) || since + minReadySeconds * 1000 <= now;
}

/** When an available-after-minReadySeconds pod turns available, for `nextDeadline`. */
export function availableAt(pod: Pod, minReadySeconds: number): number | undefined {
  if (!isPodReady(pod) || !minReadySeconds) return undefined;
  const since = parseTime(pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime);
  return Number.isNaN(since) ? undefined : since + minReadySeconds * 1000;
}

function qosClass(template: PodTemplateSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...template.spec.containers, ...(template.spec.initContainers ?? [])];
  const any = containers.some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  if (!any) return 'BestEffort';
  const guaranteed = containers.every((c) => {
    const limits = c.resources?.limits ?? {};
    const requests = { ...limits, ...(c.resources?.requests ?? {}) };
    return ['cpu', 'memory'].every((r) => limits[r] !== undefined && requests[r] === limits[r]);
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * A Pod built from a controller's template, as the controller's `CreatePods` does: labels and
 * annotations from the template, `generateName: <owner>-` with the name already drawn from the
 * seeded generator, a controller ownerReference, and status Pending.
 */
export function podFromTemplate(store: Store, random: Random, owner: KubeObject, template: PodTemplateSpec, extraLabels: Record<string, string> = {}): Pod {
  const namespace = owner.metadata.namespace ?? 'default';
  const generateName = `${owner.metadata.name}-`;
  let name = generateName + randomSuffix(random);
  while (store.peek('Pod', namespace, name)) name = generateName + randomSuffix(random);
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName,
      namespace,
      labels: { ...(meta.labels ?? {}), ...extraLabels },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [ownerRefFor(owner)],
    },
    spec: clone(template.spec),
    status: { phase: 'Pending', qosClass: qosClass(template) },
  };
  return pod;
}

/** Deletes a pod as controllers do: with its grace period, so a bound pod turns Terminating until its kubelet confirms. */
export function deletePod(store: Store, pod: Pod): void {
  if (!store.peek('Pod', pod.metadata.namespace, pod.metadata.name)) return;
  store.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: pod.spec.terminationGracePeriodSeconds ?? 30 });
}
