/**
 * What a kubelet posts about its node: the Node it registers (labels, capacity, nodeInfo; control
 * planes tainted and labelled as kubeadm marks them) and its Ready condition. The pod CIDR is not
 * the kubelet's to set: the node IPAM controller allocates it (a model without a controller-manager
 * may hand one in, as the tests do).
 */
import { findImage, normaliseReference } from '../../docker/catalogue/images';
import { manifestDigest } from '../../docker/image-ids';
import type { Random } from '../../core/random';
import type { Node, NodeCondition } from '../api/types';
import { rfc3339 } from '../controllers/time';

export const KUBERNETES_VERSION = 'v1.31.4';

export interface Registration {
  hostname: string;
  address: string;
  podCIDR?: string;
  controlPlane: boolean;
}

export function registration(node: Registration, now: number, ready: boolean, random: Random): Node {
  const time = rfc3339(now);
  const pressure = (type: NodeCondition['type'], reason: string, message: string): NodeCondition => ({ type, status: 'False', reason, message, lastHeartbeatTime: time, lastTransitionTime: time });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.hostname,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': node.hostname,
        'kubernetes.io/os': 'linux',
        ...(node.controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
      },
      annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock', 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: {
      ...(node.podCIDR ? { podCIDR: node.podCIDR, podCIDRs: [node.podCIDR] } : {}),
      ...(node.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const }] } : {}),
    },
    status: {
      capacity: { cpu: '2', 'ephemeral-storage': '30297152Ki', 'hugepages-2Mi': '0', memory: '4005732Ki', pods: '110' },
      allocatable: { cpu: '2', 'ephemeral-storage': '27921738554', 'hugepages-2Mi': '0', memory: '3903332Ki', pods: '110' },
      conditions: [
        pressure('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        readyCondition(ready, now, now),
      ],
      addresses: [{ type: 'InternalIP', address: node.address }, { type: 'Hostname', address: node.hostname }],
      nodeInfo: {
        machineID: random.hex(32),
        systemUUID: uuidOf(random.hex(32)),
        bootID: uuidOf(random.hex(32)),
        kernelVersion: '6.8.0-49-generic',
        osImage: 'Ubuntu 24.04.1 LTS',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: KUBERNETES_VERSION,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

export function uuidOf(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function readyCondition(ready: boolean, now: number, transition: number): NodeCondition {
  return ready
    ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: rfc3339(now), lastTransitionTime: rfc3339(transition) }
    : { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized', lastHeartbeatTime: rfc3339(now), lastTransitionTime: rfc3339(transition) };
}

/** `nginx` → `docker.io/library/nginx:latest`, as the CRI reports an image. */
export function imageName(image: string): string {
  const { repository, tag } = normaliseReference(image);
  if (/^[a-z0-9.-]+\.[a-z]+\//.test(repository)) return `${repository}:${tag}`;
  return `docker.io/${repository.includes('/') ? repository : `library/${repository}`}:${tag}`;
}

/** The catalogue's image for a pod's `image:` (`nginx`, `nginx:1.27`, `registry.k8s.io/pause:3.10`). */
export function catalogued(image: string) {
  const { repository, tag } = normaliseReference(image);
  return findImage(repository, tag);
}

/** The repo digest the CRI reports as the container's imageID. */
export function findDigest(image: string): string {
  const definition = catalogued(image);
  return definition ? manifestDigest(definition) : '';
}
