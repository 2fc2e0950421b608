/**
 * A node's kubelet, as a control loop on the simulated clock: it registers its Node, posts the
 * Ready condition every 10 s (NotReady while the runtime has no CNI configuration: node/cni.ts), and
 * brings the pods bound to it to life: ContainerCreating, the image pulled (once per node, and only
 * images the lab's registry knows: others end in ErrImagePull and ImagePullBackOff), the sandbox's
 * network (which flannel's plugin may refuse), then Running and Ready with an address from the
 * node's pod CIDR. Containers end as their programs do (container-lifetime.ts) and are restarted
 * with back-off; each sync also puts the pods' readiness right (pod-readiness.ts), so a kubelet
 * started again after an outage brings its pods back. It never prints; its Events are what
 * `kubectl describe` shows.
 */
import type { Container, Node, Pod } from '../api/types';
import type { ControllerContext, Reconciler } from '../controllers/context';
import { parseTime, rfc3339 } from '../controllers/time';
import { sandboxNetworkError } from './cni';
import { lifetimeFor } from './container-lifetime';
import { backoffMs } from './container-program';
import type { ContainerRuntime } from './cri';
import { runInitContainers, startFlanneld } from './flannel';
import { Prober } from './probes';
import { blockingImage, pullAction } from './image-policy';
import { failPull } from './pull-failure';
import { catalogued, findDigest, imageName, readyCondition, registration } from './node-registration';
import { readinessDrifted, resyncReadiness } from './pod-readiness';

export { KUBERNETES_VERSION } from './node-registration';
/** How often the kubelet posts its status, and how long a container takes to come up. */
const HEARTBEAT_MS = 10_000;
const CREATE_MS = 2_000;
const PULL_MS = 3_000;
const BACKOFF_MS = 10_000;
const STOP_MS = 1_000;

export interface NodeIdentity {
  hostname: string;
  address: string;
  /**
   * `10.244.1.0/24`, when the node is registered with its range already decided (a model without
   * a controller-manager); otherwise the node IPAM controller allocates `spec.podCIDR`.
   */
  podCIDR?: string;
  controlPlane: boolean;
  /** Whether the runtime's network is ready (a CNI configuration is installed: the node turns Ready). */
  networkReady: () => boolean;
  /** Whether the kubelet runs at all (systemctl stop kubelet silences it). */
  running: () => boolean;
  /** The host's container runtime, when the node is a host of the world (tests may leave it out). */
  runtime?: ContainerRuntime;
}

export class Kubelet implements Reconciler {
  readonly name: string;
  private readonly prober: Prober;
  /** Its Node as this pass read it (for the pod CIDR the IPAM controller gave it). */
  private self: Readonly<Node> | undefined;
  /** Pods whose sandbox failed on the node's network, already told in an Event (until it works). */
  private readonly sandboxFailed = new Set<string>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly node: NodeIdentity,
  ) {
    this.name = `kubelet/${node.hostname}`;
    this.prober = new Prober(ctx, node.hostname, node.runtime);
  }

  reconcile(): number {
    if (!this.node.running()) return 0;
    let writes = this.postStatus();
    this.self = this.ctx.store.peek<Node>('Node', undefined, this.node.hostname);
    const pods = this.ctx.store.list<Pod>('Pod', { fieldSelector: `spec.nodeName=${this.node.hostname}` });
    // The addresses in use on this node, kept current as pods start in this pass.
    const taken = new Set(pods.map((p) => p.status?.podIP).filter((ip): ip is string => !!ip));
    for (const pod of pods) writes += this.syncPod(pod, taken);
    writes += this.prober.sync(pods);
    this.node.runtime?.removeOrphans(new Set(pods.map((p) => p.metadata.uid ?? '')));
    return writes;
  }

  nextDeadline(): number | undefined {
    if (!this.node.running()) return undefined;
    const node = this.ctx.store.get<Node>('Node', undefined, this.node.hostname);
    const beat = parseTime(node?.status?.conditions.find((c) => c.type === 'Ready')?.lastHeartbeatTime);
    let next = Number.isNaN(beat) ? this.ctx.now() : beat + HEARTBEAT_MS;
    this.self = node;
    const pods = this.ctx.store.peekList<Pod>('Pod', { fieldSelector: `spec.nodeName=${this.node.hostname}` });
    const usable = this.networkUsable();
    for (const pod of pods) {
      // A pod waiting on the node's network is looked at again at the next heartbeat, or when the network changes.
      if (!usable && pod.status?.phase === 'Pending' && !pod.spec.hostNetwork && !pod.metadata.deletionTimestamp) continue;
      const due = this.podDeadline(pod);
      if (due !== undefined && due < next) next = due;
    }
    const probe = this.prober.deadline(pods);
    return probe !== undefined && probe < next ? probe : next;
  }

  /** Registers the Node, then refreshes its Ready condition when the heartbeat is due or readiness changed. */
  private postStatus(): number {
    const now = this.ctx.now();
    const existing = this.ctx.store.get<Node>('Node', undefined, this.node.hostname);
    const ready = this.node.networkReady();
    if (!existing) {
      this.ctx.store.create<Node>(registration(this.node, now, ready, this.ctx.random));
      this.ctx.events.record('kubelet', { apiVersion: 'v1', kind: 'Node', metadata: { name: this.node.hostname } }, 'Normal', 'Starting', 'Starting kubelet.', this.node.hostname);
      return 1;
    }
    const current = existing.status!.conditions.find((c) => c.type === 'Ready')!;
    const due = parseTime(current.lastHeartbeatTime) + HEARTBEAT_MS <= now;
    const changed = (current.status === 'True') !== ready;
    if (!due && !changed) return 0;
    existing.status!.conditions = existing.status!.conditions.map((c) => (c.type === 'Ready' ? readyCondition(ready, now, changed ? now : parseTime(c.lastTransitionTime)) : { ...c, lastHeartbeatTime: rfc3339(now) }));
    if (changed && ready) this.ctx.events.record('kubelet', existing, 'Normal', 'NodeReady', `Node ${this.node.hostname} status is now: NodeReady`, this.node.hostname);
    this.ctx.store.update(existing);
    return 1;
  }

  /** One step of a pod's life on this node, when its time has come. */
  private syncPod(pod: Pod, taken: Set<string>): number {
    const now = this.ctx.now();
    if (pod.metadata.deletionTimestamp) return this.finishDeletion(pod, now);
    const status = pod.status ?? { phase: 'Pending' };
    if (status.phase === 'Running') return this.syncRunning(pod, now);
    if (status.phase !== 'Pending' && !isWaiting(pod)) return 0;
    const due = this.podDeadline(pod);
    if (due === undefined) return 0;
    if (due > now) return this.creating(pod, now);
    const hostNetwork = pod.spec.hostNetwork === true;
    if (!hostNetwork && !this.node.networkReady()) return 0;
    const podCIDR = this.self?.spec.podCIDR ?? this.node.podCIDR;
    if (!hostNetwork && (this.sandboxError(pod) || !podCIDR)) return 0;
    const blocked = blockingImage(pod.spec.containers, this.node.runtime);
    if (blocked) {
      failPull(this.ctx, pod, { hostname: this.node.hostname, address: this.node.address }, blocked.container.image, now, blocked.action === 'never');
      return 1;
    }
    for (const container of pod.spec.containers) {
      if (pullAction(container, this.node.runtime) === 'present') this.ctx.events.record('kubelet', pod, 'Normal', 'Pulled', `Container image "${container.image}" already present on machine`, this.node.hostname);
      else if (this.node.runtime?.pullImage?.(container.image) ?? true) this.ctx.events.record('kubelet', pod, 'Normal', 'Pulled', `Successfully pulled image "${container.image}" in 2.871s (2.871s including waiting). Image size: ${catalogued(container.image)?.steps.reduce((sum, step) => sum + ('size' in step ? step.size : 0), 0) ?? 0} bytes.`, this.node.hostname);
      this.ctx.events.record('kubelet', pod, 'Normal', 'Created', `Created container ${container.name}`, this.node.hostname);
      this.ctx.events.record('kubelet', pod, 'Normal', 'Started', `Started container ${container.name}`, this.node.hostname);
    }
    runInitContainers(pod, this.ctx.store, this.node.runtime);
    for (const container of pod.spec.containers) this.startContainer(pod, container, 0, now);
    const time = rfc3339(now);
    const ip = hostNetwork ? this.node.address : this.allocateIp(podCIDR!, taken);
    taken.add(ip);
    pod.status = {
      ...status,
      phase: 'Running',
      hostIP: this.node.address,
      podIP: ip,
      podIPs: [{ ip }],
      startTime: status.startTime ?? time,
      conditions: (['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'] as const).map((type) => ({ type, status: 'True' as const, lastProbeTime: null, lastTransitionTime: time })),
      containerStatuses: pod.spec.containers.map((c) => ({
        name: c.name,
        image: imageName(c.image),
        imageID: this.node.runtime?.imageRef?.(c.image) ?? `${imageName(c.image).replace(/:[^:/]+$/, '')}@${findDigest(c.image)}`,
        containerID: `containerd://${this.ctx.random.hex(64)}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: time } },
        lastState: {},
      })),
    };
    this.ctx.store.update(pod);
    return 1;
  }

  /**
   * A running pod's containers over time: a program that ends (`sh`, `sleep 30`) is Completed or
   * Error; with restartPolicy Always it is restarted after the back-off (CrashLoopBackOff in
   * between), otherwise the pod Succeeds or Fails.
   */
  private syncRunning(pod: Pod, now: number): number {
    const policy = pod.spec.restartPolicy ?? 'Always';
    let changed = false;
    for (let pass = 0; pass < 20; pass++) {
      let step = false;
      pod.status!.containerStatuses = (pod.status!.containerStatuses ?? []).map((s) => {
        const container = pod.spec.containers.find((c) => c.name === s.name);
        if (!container) return s;
        if ('running' in s.state) {
          const started = parseTime(s.state.running.startedAt);
          const life = lifetimeFor(pod, container, this.self, this.node.runtime);
          if (started + life.ms > now) return s;
          step = true;
          this.node.runtime?.stopContainer(pod, s.name);
          const terminated = { exitCode: life.exitCode, reason: life.exitCode === 0 ? 'Completed' : 'Error', startedAt: s.state.running.startedAt, finishedAt: rfc3339(started + life.ms) };
          if (!(policy === 'Always' || (policy === 'OnFailure' && life.exitCode !== 0))) return { ...s, ready: false, started: false, state: { terminated } };
          const wait = backoffMs(s.restartCount);
          this.ctx.events.record('kubelet', pod, 'Warning', 'BackOff', `Back-off restarting failed container ${s.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, this.node.hostname);
          return { ...s, ready: false, started: false, state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${wait / 1000 >= 60 ? `${wait / 60_000}m0s` : `${wait / 1000}s`} restarting failed container=${s.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})` } }, lastState: { terminated } };
        }
        if ('waiting' in s.state && s.state.waiting.reason === 'CrashLoopBackOff') {
          const finished = parseTime((s.lastState as { terminated?: { finishedAt?: string } }).terminated?.finishedAt);
          const restartAt = finished + backoffMs(s.restartCount);
          if (restartAt > now) return s;
          step = true;
          this.startContainer(pod, container, s.restartCount + 1, restartAt);
          this.ctx.events.record('kubelet', pod, 'Normal', 'Pulled', `Container image "${container.image}" already present on machine`, this.node.hostname);
          this.ctx.events.record('kubelet', pod, 'Normal', 'Created', `Created container ${container.name}`, this.node.hostname);
          this.ctx.events.record('kubelet', pod, 'Normal', 'Started', `Started container ${container.name}`, this.node.hostname);
          return { ...s, ready: true, started: true, restartCount: s.restartCount + 1, state: { running: { startedAt: rfc3339(restartAt) } } };
        }
        return s;
      });
      if (!step) break;
      changed = true;
    }
    if (!changed) {
      // Nothing happened to its containers; what others wrote of its readiness is put right.
      if (!readinessDrifted(pod)) return 0;
      resyncReadiness(pod, now);
      this.ctx.store.update(pod);
      return 1;
    }
    const statuses = pod.status!.containerStatuses!;
    const ready = statuses.every((s) => s.ready);
    const finished = statuses.every((s) => 'terminated' in s.state);
    const time = rfc3339(now);
    pod.status!.phase = finished ? (statuses.every((s) => 'terminated' in s.state && s.state.terminated.exitCode === 0) ? 'Succeeded' : 'Failed') : 'Running';
    pod.status!.conditions = (pod.status!.conditions ?? []).map((c) => ((c.type === 'Ready' || c.type === 'ContainersReady') && (c.status === 'True') !== ready ? { ...c, status: ready ? 'True' : 'False', lastTransitionTime: time, ...(ready ? {} : { reason: finished ? 'PodCompleted' : 'ContainersNotReady' }) } : c));
    this.ctx.store.update(pod);
    return 1;
  }

  /** When a running pod's next container change is due (an exit, or a restart after back-off). */
  private runningDeadline(pod: Pod): number | undefined {
    let next: number | undefined;
    for (const s of pod.status?.containerStatuses ?? []) {
      const container = pod.spec.containers.find((c) => c.name === s.name);
      if (!container) continue;
      let due: number | undefined;
      if ('running' in s.state) due = parseTime(s.state.running.startedAt) + lifetimeFor(pod, container, this.self, this.node.runtime).ms;
      else if ('waiting' in s.state && s.state.waiting.reason === 'CrashLoopBackOff') due = parseTime((s.lastState as { terminated?: { finishedAt?: string } }).terminated?.finishedAt) + backoffMs(s.restartCount);
      if (due !== undefined && Number.isFinite(due) && (next === undefined || due < next)) next = due;
    }
    return next;
  }

  /** A pod just bound here: its sandbox and containers are being created (STATUS ContainerCreating). */
  private creating(pod: Pod, now: number): number {
    if (pod.status?.containerStatuses?.length) return 0;
    if (!pod.spec.hostNetwork && !this.node.networkReady()) return 0;
    for (const container of pod.spec.containers) if (['pull', 'fail'].includes(pullAction(container, this.node.runtime))) this.ctx.events.record('kubelet', pod, 'Normal', 'Pulling', `Pulling image "${container.image}"`, this.node.hostname);
    pod.status = {
      ...(pod.status ?? { phase: 'Pending' }),
      phase: 'Pending',
      hostIP: this.node.address,
      startTime: pod.status?.startTime ?? rfc3339(now),
      containerStatuses: pod.spec.containers.map((c) => ({ name: c.name, image: c.image, imageID: '', ready: false, started: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} })),
    };
    this.ctx.store.update(pod);
    return 1;
  }

  /**
   * A pod being deleted: its containers get SIGTERM and stop (the programs the lab runs all handle
   * it within a second), then the kubelet confirms the deletion and the pod is gone.
   */
  private finishDeletion(pod: Pod, now: number): number {
    const due = this.deletionDue(pod);
    if (due > now) return 0;
    this.node.runtime?.stop(pod);
    this.ctx.store.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
    return 1;
  }

  private deletionDue(pod: Pod): number {
    const deadline = parseTime(pod.metadata.deletionTimestamp);
    const requested = deadline - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
    return Math.min(deadline, requested + STOP_MS);
  }

  /** When the next step of a not-yet-running pod is due. */
  private podDeadline(pod: Pod): number | undefined {
    if (pod.metadata.deletionTimestamp) return this.deletionDue(pod);
    if (pod.status?.phase === 'Running') return this.runningDeadline(pod);
    if (pod.status?.phase !== 'Pending' && !isWaiting(pod)) return undefined;
    const scheduled = parseTime(pod.status?.conditions?.find((c) => c.type === 'PodScheduled')?.lastTransitionTime);
    const created = parseTime(pod.metadata.creationTimestamp);
    const start = Number.isNaN(scheduled) ? created : scheduled;
    const waiting = pod.status?.containerStatuses?.find((s) => 'waiting' in s.state);
    // Stuck on its image until the node has one it may use (imported with ctr meanwhile): then at the next sync.
    if (waiting && 'waiting' in waiting.state && ['ImagePullBackOff', 'ErrImageNeverPull'].includes(waiting.state.waiting.reason)) return blockingImage(pod.spec.containers, this.node.runtime) ? undefined : this.ctx.now();
    if (waiting && 'waiting' in waiting.state && waiting.state.waiting.reason === 'ErrImagePull') return start + CREATE_MS + PULL_MS + BACKOFF_MS;
    return start + CREATE_MS + PULL_MS;
  }


  /** One run of a container, through the runtime; flanneld also acts on its node as it starts. */
  private startContainer(pod: Pod, container: Container, attempt: number, at: number): void {
    this.node.runtime?.start(pod, container, attempt, at);
    startFlanneld(pod, container, this.self, this.ctx.store, this.node.runtime, attempt, at);
  }

  /**
   * Whether the pod's sandbox cannot get its network (the CNI configuration is there, its plugin not
   * ready: flannel without subnet.env). The pod stays ContainerCreating; the Event is told once.
   */
  private sandboxError(pod: Pod): boolean {
    const status = this.node.runtime?.cniStatus?.();
    const error = status ? sandboxNetworkError(status) : undefined;
    const uid = pod.metadata.uid ?? pod.metadata.name;
    if (!error) {
      this.sandboxFailed.delete(uid);
      return false;
    }
    if (!this.sandboxFailed.has(uid)) {
      this.sandboxFailed.add(uid);
      this.ctx.events.record('kubelet', pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${this.ctx.random.hex(64)}": ${error}`, this.node.hostname);
    }
    return true;
  }

  /** Whether pods can get a network on this node now: CNI ready, its plugin able, a pod CIDR given. */
  private networkUsable(): boolean {
    if (!this.node.networkReady() || !(this.self?.spec.podCIDR ?? this.node.podCIDR)) return false;
    const status = this.node.runtime?.cniStatus?.();
    return !status || !sandboxNetworkError(status);
  }

  /** The lowest free address of the node's pod CIDR, from .2 (the bridge holds .1). */
  private allocateIp(podCIDR: string, taken: Set<string>): string {
    const base = podCIDR.split('/')[0].split('.').slice(0, 3).join('.');
    let host = 2;
    while (taken.has(`${base}.${host}`)) host++;
    return `${base}.${host}`;
  }
}

function isWaiting(pod: Pod): boolean {
  return pod.status?.containerStatuses?.some((s) => 'waiting' in s.state) ?? false;
}
