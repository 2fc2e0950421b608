/**
 * The Endpoints controller (pkg/controller/endpoint): for every Service with a selector, an
 * Endpoints object of the same name listing the matching pods that have an IP: ready ones under
 * `addresses`, the others under `notReadyAddresses`, each port resolved from the Service's
 * targetPort (a number, or a container port's name, looked up pod by pod). Subsets are packed as
 * RepackSubsets does: pods with the same resolved ports share a subset, addresses sorted by IP.
 * Endpoints of a deleted Service are deleted; Services without a selector are left to their owner.
 * The controller marks what it writes with `endpoints.kubernetes.io/last-change-trigger-time`
 * (here: when it noticed the change), and only Endpoints with that mark are removed.
 */
import type { EndpointSubset, Endpoints, Pod, Service, ServicePort } from '../api/types';
import type { ControllerContext, Reconciler } from './context';
import { matchesMap } from './labels';
import { stableStringify, updateIfChanged } from './objects';
import { isPodReady } from './pods';
import { rfc3339 } from './time';

export const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

type Address = NonNullable<EndpointSubset['addresses']>[number];
type EndpointPort = NonNullable<EndpointSubset['ports']>[number];

/** The container port a Service port sends to on this pod, or undefined when a named port is missing. */
export function resolveTargetPort(port: ServicePort, pod: Pod): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec.containers) {
    const found = c.ports?.find((p) => p.name === target && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
    if (found) return found.containerPort;
  }
  return undefined;
}

function ipKey(ip: string): string {
  return ip.split('.').map((o) => o.padStart(3, '0')).join('.');
}

export function endpointSubsets(service: Service, pods: Pod[]): EndpointSubset[] {
  const groups = new Map<string, { ports: EndpointPort[]; ready: Address[]; notReady: Address[] }>();
  const publishNotReady = !!(service.spec as { publishNotReadyAddresses?: boolean }).publishNotReadyAddresses;
  for (const pod of pods) {
    const ip = pod.status?.podIP;
    if (!ip || pod.metadata.deletionTimestamp) continue;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    const ports: EndpointPort[] = [];
    for (const sp of service.spec.ports ?? []) {
      const port = resolveTargetPort(sp, pod);
      if (port === undefined) continue;
      ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' });
    }
    if (!ports.length && (service.spec.ports ?? []).length) continue;
    const key = stableStringify(ports);
    const group = groups.get(key) ?? { ports, ready: [], notReady: [] };
    groups.set(key, group);
    const address: Address = {
      ip,
      ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, uid: pod.metadata.uid ?? '' },
    };
    (isPodReady(pod) || publishNotReady ? group.ready : group.notReady).push(address);
  }
  const byIp = (a: Address, b: Address) => (ipKey(a.ip) < ipKey(b.ip) ? -1 : ipKey(a.ip) > ipKey(b.ip) ? 1 : 0);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({
      ...(g.ready.length ? { addresses: g.ready.sort(byIp) } : {}),
      ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
      ports: g.ports,
    }));
}

export class EndpointsController implements Reconciler {
  readonly name = 'endpoint-controller';

  constructor(private readonly ctx: ControllerContext) {}

  reconcile(): number {
    const { store } = this.ctx;
    let writes = 0;
    const services = store.list<Service>('Service');
    const serviceKeys = new Set(services.map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
    const podsByNs = new Map<string, Pod[]>();
    for (const s of services) {
      if (!s.spec.selector || s.spec.type === 'ExternalName') continue;
      const ns = s.metadata.namespace ?? 'default';
      if (!podsByNs.has(ns)) podsByNs.set(ns, store.list<Pod>('Pod', { namespace: ns }));
      const pods = podsByNs.get(ns)!.filter((p) => matchesMap(s.spec.selector, p.metadata.labels));
      const subsets = endpointSubsets(s, pods);
      const existing = store.get<Endpoints>('Endpoints', ns, s.metadata.name);
      const labels = { ...(s.metadata.labels ?? {}) };
      if (!existing) {
        store.create<Endpoints>({
          apiVersion: 'v1',
          kind: 'Endpoints',
          metadata: {
            name: s.metadata.name,
            namespace: ns,
            ...(Object.keys(labels).length ? { labels } : {}),
            annotations: { [TRIGGER_TIME]: rfc3339(this.ctx.now()) },
          },
          ...(subsets.length ? { subsets } : {}),
        });
        writes++;
      } else {
        const changed = stableStringify(existing.subsets ?? []) !== stableStringify(subsets) || stableStringify(existing.metadata.labels ?? {}) !== stableStringify(labels);
        if (!changed) continue;
        updateIfChanged(store, existing, (c) => {
          if (subsets.length) c.subsets = subsets;
          else delete c.subsets;
          if (Object.keys(labels).length) c.metadata.labels = labels;
          else delete c.metadata.labels;
          c.metadata.annotations = { ...(c.metadata.annotations ?? {}), [TRIGGER_TIME]: rfc3339(this.ctx.now()) };
        });
        writes++;
      }
    }
    for (const ep of store.list<Endpoints>('Endpoints')) {
      const key = `${ep.metadata.namespace}/${ep.metadata.name}`;
      if (!serviceKeys.has(key) && ep.metadata.annotations?.[TRIGGER_TIME]) {
        store.delete('Endpoints', ep.metadata.namespace, ep.metadata.name);
        writes++;
      }
    }
    return writes;
  }
}
