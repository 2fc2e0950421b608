/** Objects for the printers' golden tests: a small cluster frozen at NOW. */
import type { ContainerStatus, Deployment, Event, Node, Pod, Service } from '../../api/types';

export const NOW = Date.parse('2025-01-15T12:00:00Z');
/** An RFC 3339 time `seconds` before NOW. */
export const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function pod(name: string, opts: { phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown'; statuses?: Partial<ContainerStatus>[]; age?: number; node?: string; ip?: string; ready?: boolean; labels?: Record<string, string>; namespace?: string } = {}): Pod {
  const statuses = (opts.statuses ?? []).map((s) => ({ name: 'app', image: 'nginx:1.27', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ...s }) as ContainerStatus);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: opts.namespace ?? 'default', creationTimestamp: ago(opts.age ?? 300), labels: opts.labels },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], nodeName: opts.node },
    status: {
      phase: opts.phase ?? 'Running',
      podIP: opts.ip,
      podIPs: opts.ip ? [{ ip: opts.ip }] : undefined,
      containerStatuses: statuses,
      conditions: opts.ready ? [{ type: 'Ready', status: 'True' }] : [],
    },
  };
}

export const running = (extra: Partial<ContainerStatus> = {}): Partial<ContainerStatus> => ({ ready: true, started: true, state: { running: { startedAt: ago(290) } }, ...extra });

export function node(name: string, opts: { ready?: boolean; roles?: string[]; ip: string; age?: number; unschedulable?: boolean }): Node {
  const labels: Record<string, string> = { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': 'amd64' };
  for (const r of opts.roles ?? []) labels[`node-role.kubernetes.io/${r}`] = '';
  const ready = opts.ready ?? true;
  const condition = (type: 'Ready' | 'MemoryPressure' | 'DiskPressure' | 'PIDPressure', status: 'True' | 'False', reason: string, message: string) =>
    ({ type, status, reason, message, lastHeartbeatTime: ago(30), lastTransitionTime: ago(opts.age ?? 3600) });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, creationTimestamp: ago(opts.age ?? 3600), labels, annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock', 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' } },
    spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], unschedulable: opts.unschedulable, taints: opts.roles?.includes('control-plane') ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : undefined },
    status: {
      capacity: { cpu: '2', 'ephemeral-storage': '19221248Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '4015360Ki', pods: '110' },
      allocatable: { cpu: '2', 'ephemeral-storage': '17714119247', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '3912960Ki', pods: '110' },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        ready ? condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status') : condition('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'),
      ],
      addresses: [{ type: 'InternalIP', address: opts.ip }, { type: 'Hostname', address: name }],
      nodeInfo: {
        machineID: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', systemUUID: 'a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90', bootID: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
        kernelVersion: '6.8.0-49-generic', osImage: 'Ubuntu 24.04.1 LTS', containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.31.4', kubeProxyVersion: 'v1.31.4', operatingSystem: 'linux', architecture: 'amd64',
      },
    },
  };
}

export const deployment: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(600), labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '1' }, generation: 1 },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
  },
  status: {
    observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 1,
    conditions: [
      { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.', lastUpdateTime: ago(600), lastTransitionTime: ago(600) },
      { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-7d4b9c5f8" is progressing.', lastUpdateTime: ago(590), lastTransitionTime: ago(600) },
    ],
  },
};

export const service: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(120), labels: { app: 'web' } },
  spec: { type: 'NodePort', selector: { app: 'web' }, clusterIP: '10.96.140.12', clusterIPs: ['10.96.140.12'], ports: [{ port: 80, targetPort: 80, nodePort: 30080, protocol: 'TCP' }], sessionAffinity: 'None', externalTrafficPolicy: 'Cluster' },
  status: { loadBalancer: {} },
};

export function event(reason: string, message: string, opts: { type?: 'Normal' | 'Warning'; kind?: string; name: string; component: string; first: number; last?: number; count?: number }): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${opts.name}.181a2b3c4d5e6f70`, namespace: 'default', creationTimestamp: ago(opts.first) },
    involvedObject: { apiVersion: 'v1', kind: opts.kind ?? 'Pod', name: opts.name, namespace: 'default' },
    reason,
    message,
    type: opts.type ?? 'Normal',
    source: { component: opts.component },
    firstTimestamp: ago(opts.first),
    lastTimestamp: ago(opts.last ?? opts.first),
    count: opts.count ?? 1,
  };
}
