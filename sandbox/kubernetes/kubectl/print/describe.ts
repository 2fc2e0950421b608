/**
 * `kubectl describe` for pods, nodes, deployments and services, in kubectl v1.31's layout
 * (k8s.io/kubectl/pkg/describe): `Name:`-style fields aligned by tabwriter, then Containers,
 * Conditions, Volumes and the Events table. The caller passes the related objects kubectl would
 * fetch (events for the object, a node's pods, a deployment's replicasets, a service's endpoints).
 */
import type { Deployment, Endpoints, Event, Node, Pod, ReplicaSet, Service } from '../../api/types';
import { rfc1123z, since } from './age';
import { writeContainers, writePodTemplate, writeVolumes } from './describe-containers';
import { PrefixWriter, writeAnnotations, writeEvents, writeLabels, writeTaints, writeTolerations } from './describe-writer';
import { formatEndpoints, nodeRoles } from './get';
import { formatLabels, selectorString } from './labels';
import type { PrintablePod } from './pod-status';
import { addQuantity, parseQuantity, type Quantity, quantityString, quantityValue, ZERO } from './quantity';

/** qos.GetPodQOS, for when status.qosClass is not set. */
function qosClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const containers = pod.spec.containers;
  const all = containers.map((c) => c.resources ?? {});
  if (all.every((r) => Object.keys(r.requests ?? {}).length === 0 && Object.keys(r.limits ?? {}).length === 0)) return 'BestEffort';
  const guaranteed = all.every((r) => ['cpu', 'memory'].every((k) => r.limits?.[k] && (r.requests?.[k] ?? r.limits[k]) === r.limits[k]));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function describePod(pod: Pod, events: Event[], now: number): string {
  const p = pod as PrintablePod;
  const w = new PrefixWriter();
  const status = p.status ?? { phase: 'Pending' as const };
  w.write(0, `Name:\t${p.metadata.name}\n`);
  w.write(0, `Namespace:\t${p.metadata.namespace ?? 'default'}\n`);
  if (p.spec.priority !== undefined) w.write(0, `Priority:\t${p.spec.priority}\n`);
  if (p.spec.priorityClassName) w.write(0, `Priority Class Name:\t${p.spec.priorityClassName}\n`);
  if (p.spec.serviceAccountName) w.write(0, `Service Account:\t${p.spec.serviceAccountName}\n`);
  w.write(0, p.spec.nodeName ? `Node:\t${p.spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  writeLabels(w, 'Labels', p.metadata.labels);
  writeAnnotations(w, 'Annotations', p.metadata.annotations);
  if (p.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(p.metadata.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${p.spec.terminationGracePeriodSeconds ?? 30}s\n`);
  } else {
    w.write(0, `Status:\t${status.phase}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  if (status.podIPs?.length) {
    w.write(0, 'IPs:\n');
    for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  } else {
    w.write(0, 'IPs:\t<none>\n');
  }
  const controller = p.metadata.ownerReferences?.find((o) => o.controller);
  if (controller) w.write(0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (p.spec.initContainers?.length) writeContainers(w, 'Init Containers', p.spec.initContainers, status.initContainerStatuses ?? [], '');
  writeContainers(w, 'Containers', p.spec.containers, status.containerStatuses ?? [], '');
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, p.spec.volumes, '');
  w.write(0, `QoS Class:\t${qosClass(p)}\n`);
  writeLabels(w, 'Node-Selectors', p.spec.nodeSelector);
  writeTolerations(w, 'Tolerations', p.spec.tolerations);
  writeEvents(w, events, now);
  return w.toString();
}

type Resources = Record<string, Quantity>;

/** resourcehelper.PodRequestsAndLimits, summing the app containers (init containers left out). */
function podRequestsAndLimits(pod: Pod): { requests: Resources; limits: Resources } {
  const requests: Resources = {};
  const limits: Resources = {};
  for (const c of pod.spec.containers) {
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) requests[k] = addQuantity(requests[k] ?? ZERO, parseQuantity(v));
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) limits[k] = addQuantity(limits[k] ?? ZERO, parseQuantity(v));
  }
  // A limit without a request defaults the request to the limit.
  for (const [k, v] of Object.entries(limits)) if (!requests[k]) requests[k] = v;
  return { requests, limits };
}

const percent = (part: Quantity, whole: Quantity, milli: boolean) => {
  const total = milli ? whole.milli : quantityValue(whole);
  return total === 0 ? 0 : Math.trunc(((milli ? part.milli : quantityValue(part)) / total) * 100);
};

export interface NodeLease {
  holderIdentity?: string;
  acquireTime?: string;
  renewTime?: string;
}

/** describeNode; `pods` are the node's non-terminated pods. */
export function describeNode(node: Node, pods: Pod[], events: Event[], now: number, lease?: NodeLease): string {
  const w = new PrefixWriter();
  const status = node.status;
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
  writeLabels(w, 'Labels', node.metadata.labels);
  writeAnnotations(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  writeTaints(w, 'Taints', node.spec.taints);
  w.write(0, `Unschedulable:\t${node.spec.unschedulable === true}\n`);
  if (lease) {
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${lease.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${lease.acquireTime ? rfc1123z(lease.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${lease.renewTime ? rfc1123z(lease.renewTime) : '<unset>'}\n`);
  }
  if (status?.conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason} \t${c.message}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const resourceList = (title: string, list: Record<string, string> | undefined) => {
    if (!list || Object.keys(list).length === 0) return;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(list).sort()) w.write(0, `  ${k}:\t${quantityString(parseQuantity(list[k]))}\n`);
  };
  resourceList('Capacity', status?.capacity);
  resourceList('Allocatable', status?.allocatable);
  const info = status?.nodeInfo;
  w.write(0, 'System Info:\n');
  for (const [label, value] of [['Machine ID', info?.machineID], ['System UUID', info?.systemUUID], ['Boot ID', info?.bootID], ['Kernel Version', info?.kernelVersion], ['OS Image', info?.osImage], ['Operating System', info?.operatingSystem], ['Architecture', info?.architecture], ['Container Runtime Version', info?.containerRuntimeVersion], ['Kubelet Version', info?.kubeletVersion], ['Kube-Proxy Version', info?.kubeProxyVersion]]) {
    w.write(0, `  ${label}:\t${value ?? ''}\n`);
  }
  if (node.spec.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);

  const allocatableList = Object.keys(status?.allocatable ?? {}).length ? status!.allocatable : (status?.capacity ?? {});
  const allocatable = (k: string) => parseQuantity(allocatableList[k] ?? '0');
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totals = { requests: {} as Resources, limits: {} as Resources };
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    for (const [k, v] of Object.entries(requests)) totals.requests[k] = addQuantity(totals.requests[k] ?? ZERO, v);
    for (const [k, v] of Object.entries(limits)) totals.limits[k] = addQuantity(totals.limits[k] ?? ZERO, v);
    const cell = (q: Quantity | undefined, k: string) => `${quantityString(q ?? ZERO)} (${percent(q ?? ZERO, allocatable(k), k === 'cpu')}%)`;
    w.write(1, `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(requests.cpu, 'cpu')}\t${cell(limits.cpu, 'cpu')}\t${cell(requests.memory, 'memory')}\t${cell(limits.memory, 'memory')}\t${since(pod.metadata.creationTimestamp, now)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const hugepages = Object.keys(allocatableList).filter((k) => k.startsWith('hugepages-')).sort();
  for (const k of ['cpu', 'memory', 'ephemeral-storage', ...hugepages]) {
    const req = totals.requests[k] ?? ZERO;
    const lim = totals.limits[k] ?? ZERO;
    w.write(1, `${k}\t${quantityString(req)} (${percent(req, allocatable(k), k === 'cpu')}%)\t${quantityString(lim)} (${percent(lim, allocatable(k), k === 'cpu')}%)\n`);
  }
  writeEvents(w, events, now);
  return w.toString();
}

const intOrPercent = (v: number | string | undefined, fallback: string) => (v === undefined ? fallback : String(v));

/** describeDeployment: the deployment's old replicasets and the one that matches its template. */
export function describeDeployment(d: Deployment, oldReplicaSets: ReplicaSet[], newReplicaSet: ReplicaSet | undefined, events: Event[], now: number): string {
  const w = new PrefixWriter();
  const s = d.status ?? {};
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace ?? 'default'}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  writeLabels(w, 'Labels', d.metadata.labels);
  writeAnnotations(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${selectorString(d.spec.selector)}\n`);
  w.write(0, `Replicas:\t${d.spec.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`);
  const strategy = d.spec.strategy ?? { type: 'RollingUpdate' as const, rollingUpdate: {} };
  w.write(0, `StrategyType:\t${strategy.type}\n`);
  w.write(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
  if (strategy.type === 'RollingUpdate') {
    const ru = strategy.rollingUpdate ?? {};
    w.write(0, `RollingUpdateStrategy:\t${intOrPercent(ru.maxUnavailable, '25%')} max unavailable, ${intOrPercent(ru.maxSurge, '25%')} max surge\n`);
  }
  writePodTemplate(w, d.spec.template);
  if (s.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of s.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason}\n`);
  }
  const rsList = (list: ReplicaSet[]) => list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`).join(', ') || '<none>';
  w.write(0, `OldReplicaSets:\t${rsList(oldReplicaSets)}\n`);
  w.write(0, `NewReplicaSet:\t${rsList(newReplicaSet ? [newReplicaSet] : [])}\n`);
  writeEvents(w, events, now);
  return w.toString();
}

/**
 * describeService. kubectl v1.31 reads EndpointSlices; the sandbox keeps Endpoints, which give
 * the same `Endpoints:` line. IP Family Policy, IP Families and Internal Traffic Policy show the
 * API server's defaults when the object does not carry them.
 */
export function describeService(service: Service, endpoints: Endpoints | undefined, events: Event[], now: number): string {
  const w = new PrefixWriter();
  const spec = service.spec as Service['spec'] & { ipFamilyPolicy?: string; ipFamilies?: string[]; internalTrafficPolicy?: string; externalIPs?: string[] };
  const type = spec.type ?? 'ClusterIP';
  w.write(0, `Name:\t${service.metadata.name}\n`);
  w.write(0, `Namespace:\t${service.metadata.namespace ?? 'default'}\n`);
  writeLabels(w, 'Labels', service.metadata.labels);
  writeAnnotations(w, 'Annotations', service.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${type}\n`);
  w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy ?? 'SingleStack'}\n`);
  w.write(0, `IP Families:\t${(spec.ipFamilies ?? ['IPv4']).join(',')}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : spec.clusterIP ?? '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const protocol = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${p.port}/${protocol}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${protocol}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpoints(endpoints, p.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (type === 'NodePort' || type === 'LoadBalancer') w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy ?? 'Cluster'}\n`);
  if (type !== 'ExternalName') w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy ?? 'Cluster'}\n`);
  writeEvents(w, events, now);
  return w.toString();
}
