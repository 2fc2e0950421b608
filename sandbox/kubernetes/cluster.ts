/**
 * A Kubernetes cluster in the world: the API store, the control loops of kube-controller-manager
 * and kube-scheduler, and one kubelet per node. Time drives it: `settle()` runs every loop until
 * nothing changes, then lets whatever fell due by now happen (a heartbeat, a container that has
 * finished starting), so what kubectl reads is what a real cluster would show at this moment.
 */
import type { Clock } from '../core/clock';
import { createRandom, type Random } from '../core/random';
import { ApiStore } from './api/store';
import type { StoreSnapshot } from './api/store-types';
import type { Pod, Service } from './api/types';
import { createControllerContext, nextDeadline, runUntilIdle, type ControllerContext, type Reconciler } from './controllers/context';
import { DaemonSetController } from './controllers/daemonset';
import { DeploymentController } from './controllers/deployment';
import { EndpointsController } from './controllers/endpoints';
import { GarbageCollector } from './controllers/garbage-collector';
import { LeaseHolders } from './controllers/leases';
import { NodeIpamController } from './controllers/node-ipam';
import { NodeLifecycleController } from './controllers/node-lifecycle';
import { ReplicaSetController } from './controllers/replicaset';
import { newLook } from './node/cni';
import { containerdRuntime, type ContainerRuntime } from './node/cri';
import type { Lan } from '../net/lan';
import { Kubelet, type NodeIdentity } from './node/kubelet';
import { Scheduler } from './scheduler/scheduler';

/** A node as data, for snapshots: the kubelet's wiring is rebuilt from it. */
export type NodeRecord = Omit<NodeIdentity, 'networkReady' | 'running'>;

export interface ClusterSnapshot {
  store: StoreSnapshot;
  nodes: NodeRecord[];
  /** The cluster's moment when saved. */
  cursor?: number;
}

/**
 * At most this many catch-up steps per settle (a heartbeat every 10 s per node: a day of absence
 * is caught up in a few thousand), so a loop that keeps falling due cannot hang the page.
 */
const MAX_STEPS = 20_000;

export class Cluster {
  readonly store: ApiStore;
  private readonly ctx: ControllerContext;
  private readonly controllers: Reconciler[];
  private readonly kubelets = new Map<string, { kubelet: Kubelet; record: NodeRecord }>();
  /**
   * The cluster's own moment: the last time it was brought up to date. Time that passed since
   * (the student typing, `sleep 60`, a cluster set up "ten minutes ago") is caught up step by step,
   * each loop acting when its deadline comes, as the real components would have meanwhile.
   */
  private cursor: number;
  /** The nodes whose CNI pod runs; forgotten when a CNI pod changes (see networkReady). */
  private cniNodes: Set<string> | undefined;
  private readonly leases: LeaseHolders;

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    saved?: ClusterSnapshot,
    /** Whether a host's kubelet service runs (systemctl stop kubelet stops its heartbeats). */
    private readonly kubeletRunning: (hostname: string) => boolean = () => true,
    /** The container runtime of a node's host, where its pods become processes. */
    private readonly runtimeOf: (hostname: string) => ContainerRuntime | undefined = () => undefined,
  ) {
    this.cursor = saved?.cursor ?? clock.now();
    const clusterClock: Clock = { now: () => this.cursor, sleep: (ms, signal) => clock.sleep(ms, signal), fastForward: (ms, signal) => clock.fastForward(ms, signal) };
    this.store = new ApiStore({ clock: clusterClock, random }, saved?.store);
    this.ctx = createControllerContext(this.store, () => clusterClock.now(), random);
    this.store.watch('Pod', undefined, (event) => {
      if (event.object.metadata.labels?.app === 'flannel') this.cniNodes = undefined;
    });
    // The leases' own generator, forked off the world's so the names drawn after them stay as they were.
    this.leases = new LeaseHolders(this.ctx, createRandom(random.state() ^ 0x6c656173));
    this.controllers = [
      new NodeIpamController(this.ctx),
      new DeploymentController(this.ctx),
      new ReplicaSetController(this.ctx),
      new DaemonSetController(this.ctx),
      new Scheduler(this.ctx),
      new EndpointsController(this.ctx),
      new NodeLifecycleController(this.ctx),
      new GarbageCollector(this.ctx),
      this.leases,
    ];
    for (const record of saved?.nodes ?? []) this.addNode(record);
  }

  /** A cluster whose nodes are the LAN's hosts: their kubelet services and their containerd. */
  static onLan(lan: Lan, clock: Clock, random: Random, saved?: ClusterSnapshot): Cluster {
    return new Cluster(clock, random, saved, (name) => lan.kubeletRunning(name), (name) => {
      const host = lan.find(name);
      return host ? containerdRuntime(host) : undefined;
    });
  }

  /** A host joins as a node: its kubelet registers it on the next settle. */
  addNode(record: NodeRecord): void {
    const runtime = this.runtimeOf(record.hostname);
    const networkReady = runtime?.cniStatus ? () => runtime.cniStatus!().configured : () => this.networkReady(record.hostname);
    const identity: NodeIdentity = { ...record, networkReady, running: () => this.kubeletRunning(record.hostname), runtime };
    this.kubelets.set(record.hostname, { kubelet: new Kubelet(this.ctx, identity), record });
  }

  /** A host leaves (kubeadm reset): its kubelet stops; its Node stays until deleted, going NotReady. */
  removeNode(hostname: string): void {
    this.kubelets.delete(hostname);
  }

  /** A free NodePort, 30000-32767, drawn as the API server draws one. */
  allocateNodePort(): number {
    const used = new Set(this.store.list<Service>('Service').flatMap((s) => (s.spec.ports ?? []).map((p) => p.nodePort)));
    let port = 30000 + this.random.int(2768);
    while (used.has(port)) port = port === 32767 ? 30000 : port + 1;
    return port;
  }

  /** A free ClusterIP from 10.96.0.0/12, past the addresses kubeadm reserves (.1 and .10). */
  allocateClusterIP(): string {
    const used = new Set(this.store.list<Service>('Service').map((s) => s.spec.clusterIP));
    for (;;) {
      const n = 11 + this.random.int((1 << 20) - 12);
      const ip = `10.${96 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
      if (!used.has(ip) && (n & 255) !== 0 && (n & 255) !== 255) return ip;
    }
  }

  nodeNames(): string[] {
    return [...this.kubelets.keys()];
  }

  /** Everything the cluster would have done by now, in the order it would have done it. */
  settle(): void {
    newLook();
    const loops = this.loops();
    const present = this.clock.now();
    for (let step = 0; step < MAX_STEPS; step++) {
      runUntilIdle(loops);
      const due = nextDeadline(loops);
      if (due === undefined || due > present) break;
      this.cursor = Math.max(due, this.cursor + 1);
    }
    this.cursor = Math.max(this.cursor, present);
    runUntilIdle(loops);
    this.leases.renew(this.cursor);
  }

  /** The cluster's clock (the world's, once caught up). */
  now(): number {
    return this.cursor;
  }

  /** Runs the loops until idle at the cluster's current moment, without catching up. */
  settleNow(): void {
    newLook();
    runUntilIdle(this.loops());
  }

  /** What follows happens `ms` in the past (a cluster set up before the student arrived). */
  backdate(ms: number): void {
    this.cursor = this.clock.now() - ms;
  }

  /** When the cluster will next change by itself (for `kubectl get -w` and `kubectl wait`). */
  nextChange(): number | undefined {
    return nextDeadline(this.loops());
  }

  snapshot(): ClusterSnapshot {
    return { store: this.store.snapshot(), nodes: [...this.kubelets.values()].map((k) => k.record), cursor: this.cursor };
  }

  private loops(): Reconciler[] {
    return [...this.controllers, ...[...this.kubelets.values()].map((k) => k.kubelet)];
  }

  /**
   * For a node that is not a host of the world (the model's own tests): its pod network is up once
   * the CNI's own pod runs on it, as if its install-cni step had written the configuration. A host's
   * node reads its /etc/cni/net.d instead (node/cni.ts).
   */
  private networkReady(hostname: string): boolean {
    // Asked for every pod a kubelet starts: worked out for all nodes until a CNI pod changes.
    this.cniNodes ??= new Set(this.store.peekList<Pod>('Pod', { labelSelector: 'app=flannel' }).filter((p) => p.status?.phase === 'Running').map((p) => p.spec.nodeName ?? ''));
    return this.cniNodes.has(hostname);
  }
}
