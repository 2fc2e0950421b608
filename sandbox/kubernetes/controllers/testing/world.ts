/**
 * A tiny cluster for the controllers' tests: a store, a manual clock, the control-plane loops,
 * nodes, and stand-in kubelets that post heartbeats, start bound pods (Running, Ready, an IP)
 * and finish the deletion of terminating pods, as the lead's real kubelets will.
 */
import { createManualClock, type ManualClock } from '../../../core/clock';
import { createRandom } from '../../../core/random';
import { ApiStore } from '../../api/store';
import type { Store } from '../../api/store-types';
import type { Deployment, Node, Pod, Taint } from '../../api/types';
import { runUntilIdle, type Reconciler } from '../context';
import { createControlPlaneLoops } from '../index';
import { rfc3339 } from '../time';
import { FakeStore } from './fake-store';

export interface TestWorld {
  store: Store;
  clock: ManualClock;
  loops: Reconciler[];
  /** Nodes whose kubelet is running (posts heartbeats, starts pods). */
  kubelets: Set<string>;
  /** One round of controllers plus kubelets until nothing changes. */
  settle(): number;
  /** Moves the clock, with heartbeats from live kubelets every 10 s, settling as it goes. */
  advance(ms: number): void;
}

export function createWorld(options: { store?: 'api' | 'fake'; seed?: number } = {}): TestWorld {
  const clock = createManualClock();
  const random = createRandom(options.seed ?? 1);
  const store: Store = options.store === 'fake' ? new FakeStore(clock.now) : new ApiStore({ clock, random: createRandom((options.seed ?? 1) + 1000) });
  if (!store.get('Namespace', undefined, 'default')) store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const { reconcilers } = createControlPlaneLoops(store, clock.now, random);
  const kubelets = new Set<string>();
  const kubeletLoop: Reconciler = { name: 'fake-kubelets', reconcile: () => runKubelets(store, clock.now(), kubelets) };
  const world: TestWorld = {
    store,
    clock,
    loops: reconcilers,
    kubelets,
    settle: () => runUntilIdle([...reconcilers, kubeletLoop]),
    advance(ms) {
      const end = clock.now() + ms;
      while (clock.now() < end) {
        clock.tick(Math.min(10_000, end - clock.now()));
        heartbeat(store, clock.now(), kubelets);
        world.settle();
      }
    },
  };
  return world;
}

export function addNode(world: TestWorld, name: string, options: { ready?: boolean; taints?: Taint[]; labels?: Record<string, string>; cpu?: string; memory?: string; kubelet?: boolean } = {}): Node {
  const t = rfc3339(world.clock.now());
  const ready = options.ready ?? true;
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(options.labels ?? {}) } },
    spec: options.taints ? { taints: options.taints } : {},
    status: {
      capacity: { cpu: options.cpu ?? '2', memory: options.memory ?? '4026084Ki', pods: '110' },
      allocatable: { cpu: options.cpu ?? '2', memory: options.memory ?? '3923684Ki', pods: '110' },
      conditions: [
        ready
          ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: t, lastTransitionTime: t }
          : { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized', lastHeartbeatTime: t, lastTransitionTime: t },
      ],
      addresses: [{ type: 'InternalIP', address: `192.168.1.${10 + world.kubelets.size}` }, { type: 'Hostname', address: name }],
      nodeInfo: {
        machineID: name, systemUUID: name, bootID: name, kernelVersion: '6.8.0-49-generic', osImage: 'Ubuntu 24.04.1 LTS',
        containerRuntimeVersion: 'containerd://1.7.24', kubeletVersion: 'v1.31.4', kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64',
      },
    },
  };
  if (options.kubelet ?? true) world.kubelets.add(name);
  return world.store.create(node);
}

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

export function deployment(name: string, replicas: number, image = 'nginx:1.27', extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: image.split(':')[0], image, ports: [{ containerPort: 80 }] }] } },
      ...extra,
    },
  };
}

/** Sets a node's Ready condition as its kubelet would report it. */
export function setReady(world: TestWorld, name: string, status: 'True' | 'False'): void {
  const node = world.store.get<Node>('Node', undefined, name)!;
  const t = rfc3339(world.clock.now());
  for (const c of node.status!.conditions) {
    if (c.type !== 'Ready') continue;
    if (c.status !== status) c.lastTransitionTime = t;
    Object.assign(c, status === 'True'
      ? { status, reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: t }
      : { status, reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized', lastHeartbeatTime: t });
  }
  world.store.update(node);
}

export function setUnschedulable(world: TestWorld, name: string, unschedulable: boolean): void {
  const node = world.store.get<Node>('Node', undefined, name)!;
  if (unschedulable) node.spec.unschedulable = true;
  else delete node.spec.unschedulable;
  world.store.update(node);
}

function heartbeat(store: Store, now: number, kubelets: Set<string>): void {
  for (const node of store.list<Node>('Node')) {
    if (!kubelets.has(node.metadata.name)) continue;
    const ready = node.status?.conditions.find((c) => c.type === 'Ready');
    if (!ready) continue;
    if (ready.status === 'Unknown') Object.assign(ready, { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastTransitionTime: rfc3339(now) });
    ready.lastHeartbeatTime = rfc3339(now);
    store.update(node);
  }
}

let ipCounter = 0;

/** What kubelets do that the controllers wait for: start bound pods and finish terminating ones. */
export function runKubelets(store: Store, now: number, kubelets: Set<string>): number {
  let writes = 0;
  const t = rfc3339(now);
  const nodes = new Map(store.list<Node>('Node').map((n) => [n.metadata.name, n]));
  for (const pod of store.list<Pod>('Pod')) {
    const nodeName = pod.spec.nodeName;
    if (!nodeName || !kubelets.has(nodeName) || !nodes.has(nodeName)) continue;
    if (pod.metadata.deletionTimestamp) {
      store.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
      writes++;
      continue;
    }
    if (pod.status?.phase !== 'Pending') continue;
    const ready = nodes.get(nodeName)!.status?.conditions.find((c) => c.type === 'Ready')?.status === 'True';
    if (!ready) continue;
    pod.status = {
      ...pod.status,
      phase: 'Running',
      podIP: `10.244.${(ipCounter >> 8) & 255}.${(ipCounter++ & 255) + 1}`,
      startTime: t,
      conditions: [
        ...(pod.status?.conditions ?? []).filter((c) => c.type === 'PodScheduled'),
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: t },
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: t },
        { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: t },
      ],
    };
    store.update(pod);
    writes++;
  }
  return writes;
}

export function podsOf(world: TestWorld, prefix: string): Pod[] {
  return world.store.list<Pod>('Pod').filter((p) => p.metadata.name.startsWith(prefix));
}

export function eventMessages(world: TestWorld, reason?: string): string[] {
  return world.store
    .list<import('../../api/types').Event>('Event')
    .filter((e) => !reason || e.reason === reason)
    .sort((a, b) => {
      const na = BigInt(`0x${a.metadata.name.slice(a.metadata.name.lastIndexOf('.') + 1)}`);
      const nb = BigInt(`0x${b.metadata.name.slice(b.metadata.name.lastIndexOf('.') + 1)}`);
      return na < nb ? -1 : na > nb ? 1 : 0;
    })
    .map((e) => `${e.type} ${e.reason} ${e.source?.component}: ${e.message}`);
}
