/**
 * What the API server does to an object of each kind before it first stores it (the registry
 * strategies' PrepareForCreate and the defaulting the store models): status a client sent is
 * reset, containers get their default imagePullPolicy, a Pod starts Pending with its QoS class, a Namespace gets its finalizer and name label.
 */
import { parseQuantity } from './quantity';
import { defaultPodSpec } from './defaults';
import type { Container, KubeObject, Namespace, Pod, PodSpec } from './types';

const QOS_RESOURCES = ['cpu', 'memory'] as const;

function amount(text: string | undefined): bigint {
  if (text === undefined) return 0n;
  try {
    return parseQuantity(String(text)).nanos;
  } catch {
    return 0n;
  }
}

/** qos.GetPodQOS: Guaranteed when every container limits cpu and memory and requests equal limits. */
export function podQosClass(pod: Pick<Pod, 'spec'>): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const containers: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const container of containers) {
    const found = new Set<string>();
    for (const name of QOS_RESOURCES) {
      const limit = amount(container.resources?.limits?.[name]);
      // the API defaults a missing request to the limit
      const request = container.resources?.requests?.[name] !== undefined ? amount(container.resources.requests[name]) : limit;
      if (request > 0n) requests.set(name, (requests.get(name) ?? 0n) + request);
      if (limit > 0n) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0n) + limit);
      }
    }
    if (!QOS_RESOURCES.every((name) => found.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed && requests.size === limits.size && [...requests].every(([name, value]) => limits.get(name) === value)) return 'Guaranteed';
  return 'Burstable';
}

/** Applied to the store's own copy of a new object, after it is named and before it is validated. */
export function prepareForCreate(object: KubeObject): void {
  const record = object as KubeObject & { status?: unknown; spec?: Record<string, unknown> };
  switch (object.kind) {
    case 'Pod':
      defaultPodSpec((object as Pod).spec);
      record.status = { phase: 'Pending', qosClass: podQosClass(object as Pod) };
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      defaultPodSpec((record.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec);
      delete record.status;
      break;
    case 'Service':
      record.status = { loadBalancer: {} };
      break;
    case 'Namespace': {
      const namespace = object as Namespace;
      const finalizers = namespace.spec?.finalizers ?? [];
      namespace.spec = { ...namespace.spec, finalizers: finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'] };
      namespace.status = { phase: 'Active' };
      namespace.metadata.labels = { ...namespace.metadata.labels, 'kubernetes.io/metadata.name': namespace.metadata.name };
      break;
    }
  }
}
