/**
 * The kubelet's prober (pkg/kubelet/prober): startup, liveness and readiness probes of the
 * running containers on its node. A startup probe holds the other two back until it succeeds;
 * readiness decides the container's `ready` and the pod's Ready and ContainersReady conditions (so
 * the READY column and which Endpoints list the pod's address); a liveness or startup probe that
 * fails `failureThreshold` times in a row gets the container killed and restarted. Each failed
 * probe is a `Warning Unhealthy` Event, as the real worker records it.
 *
 * Outcomes come from probe-answers.ts and the history from probe-history.ts, on the simulated
 * clock: the kubelet acts at the moments things change (a probe trips, readiness flips) rather
 * than at every tick, and catches up the Events of the ticks in between.
 */
import type { Container, ContainerStatus, Pod } from '../api/types';
import type { ControllerContext } from '../controllers/context';
import { updateIfChanged } from '../controllers/objects';
import { parseTime, rfc3339 } from '../controllers/time';
import { backoffMs, containerProgram } from './container-program';
import type { ContainerRuntime } from './cri';
import { probeAnswer, type Answer } from './probe-answers';
import { failuresBetween, firstSuccess, firstTrip, readinessAt, ticksOf, type Ticks } from './probe-history';

type Kind = 'Startup' | 'Liveness' | 'Readiness';

interface Plan {
  started: boolean;
  ready: boolean;
  /** When a failing liveness or startup probe gets the container killed. */
  kill?: { at: number; kind: Kind };
  /** The next moment this container's probing changes something. */
  next?: number;
  /** The probes whose failed ticks become Events, with the window they ran in. */
  probes: { kind: Kind; answer: Answer; ticks: Ticks; until: number }[];
}

const hasProbes = (c: Container) => !!(c.startupProbe || c.livenessProbe || c.readinessProbe);

export class Prober {
  /** `uid/container/restartCount/kind` → up to when its failed ticks have been recorded as Events. */
  private readonly recorded = new Map<string, number>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly hostname: string,
    private readonly runtime?: ContainerRuntime,
  ) {}

  /** Applies what the probes decided by now to each running pod; returns the writes made. */
  sync(pods: readonly Pod[]): number {
    let writes = 0;
    for (const listed of pods) {
      if (!listed.spec.containers.some(hasProbes)) continue;
      // Asking early sends the HTTP probes' first requests while the containers are still being created.
      for (const c of listed.spec.containers) for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) if (probe) probeAnswer(listed, c, probe);
      if (listed.status?.phase !== 'Running' || listed.metadata.deletionTimestamp) continue;
      const pod = this.ctx.store.get<Pod>('Pod', listed.metadata.namespace, listed.metadata.name);
      if (pod?.status?.phase === 'Running') writes += this.syncPod(pod);
    }
    return writes;
  }

  /** The earliest moment a probe of these pods changes something. */
  deadline(pods: readonly Pod[]): number | undefined {
    let best: number | undefined;
    const now = this.ctx.now();
    for (const pod of pods) {
      if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp || !pod.spec.containers.some(hasProbes)) continue;
      for (const status of pod.status.containerStatuses ?? []) {
        const container = pod.spec.containers.find((c) => c.name === status.name);
        const plan = container && hasProbes(container) ? this.plan(pod, container, status, now) : undefined;
        const due = plan?.next;
        if (due !== undefined && (best === undefined || due < best)) best = due;
      }
    }
    return best;
  }

  private syncPod(pod: Pod): number {
    const now = this.ctx.now();
    const statuses = pod.status!.containerStatuses ?? [];
    const next = statuses.map((status) => {
      const container = pod.spec.containers.find((c) => c.name === status.name);
      if (!container || !hasProbes(container) || !('running' in status.state)) return status;
      const plan = this.plan(pod, container, status, now);
      this.recordFailures(pod, status, plan, now);
      if (plan.kill && plan.kill.at <= now) return this.kill(pod, container, status, plan.kill);
      return { ...status, started: plan.started, ready: plan.ready };
    });
    const updated = updateIfChanged(this.ctx.store, pod, (copy) => {
      copy.status!.containerStatuses = next;
      const unready = next.filter((s) => !s.ready).map((s) => s.name);
      const time = rfc3339(now);
      copy.status!.conditions = (copy.status!.conditions ?? []).map((c) => {
        if (c.type !== 'Ready' && c.type !== 'ContainersReady') return c;
        if ((c.status === 'True') === (unready.length === 0)) return c;
        if (unready.length === 0) return { type: c.type, status: 'True', lastProbeTime: null, lastTransitionTime: time };
        return { type: c.type, status: 'False', lastProbeTime: null, lastTransitionTime: time, reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
      });
    });
    return updated ? 1 : 0;
  }

  /** What the container's probes make of it at `now`. */
  private plan(pod: Pod, container: Container, status: ContainerStatus, now: number): Plan {
    const start = 'running' in status.state ? parseTime(status.state.running.startedAt) : Number.NaN;
    const plan: Plan = { started: true, ready: true, probes: [] };
    if (Number.isNaN(start)) return plan;
    let gate = start;
    const earliest = (at: number | undefined) => {
      if (at !== undefined && at > now && (plan.next === undefined || at < plan.next)) plan.next = at;
    };
    if (container.startupProbe) {
      const answer = probeAnswer(pod, container, container.startupProbe);
      if (!answer) return { started: false, ready: false, probes: [] };
      const ticks = ticksOf(container.startupProbe, start);
      const success = firstSuccess(answer, ticks);
      const trip = firstTrip(answer, ticks, container.startupProbe, true);
      const until = Math.min(success ?? Infinity, trip ?? Infinity);
      plan.probes.push({ kind: 'Startup', answer, ticks, until });
      if (trip !== undefined && (success === undefined || trip < success)) plan.kill = { at: trip, kind: 'Startup' };
      earliest(until);
      if (success === undefined || success > now) return { ...plan, started: false, ready: false };
      gate = success;
    }
    if (container.livenessProbe) {
      const answer = probeAnswer(pod, container, container.livenessProbe);
      const ticks = ticksOf(container.livenessProbe, start, gate);
      const trip = answer ? firstTrip(answer, ticks, container.livenessProbe) : undefined;
      if (answer) plan.probes.push({ kind: 'Liveness', answer, ticks, until: trip ?? Infinity });
      if (trip !== undefined) plan.kill = { at: trip, kind: 'Liveness' };
      earliest(trip);
    }
    if (container.readinessProbe) {
      const answer = probeAnswer(pod, container, container.readinessProbe);
      const ticks = ticksOf(container.readinessProbe, start, gate);
      const readiness = answer ? readinessAt(answer, ticks, container.readinessProbe, now) : { ready: false };
      if (answer) plan.probes.push({ kind: 'Readiness', answer, ticks, until: plan.kill?.at ?? Infinity });
      plan.ready = readiness.ready;
      earliest(readiness.next);
    }
    return plan;
  }

  /** Each failed tick since the last pass, as `Unhealthy` Events (one Event, counted, per message). */
  private recordFailures(pod: Pod, status: ContainerStatus, plan: Plan, now: number): void {
    for (const { kind, answer, ticks, until } of plan.probes) {
      const key = `${pod.metadata.uid}/${status.name}/${status.restartCount}/${kind}`;
      const after = this.recorded.get(key);
      const to = Math.min(now, until, plan.kill?.at ?? Infinity);
      const { count, message } = failuresBetween(answer, ticks, after === undefined ? ticks.first : after + 1, to);
      this.recorded.set(key, Math.max(after ?? -Infinity, to));
      if (count > 0) this.ctx.events.record('kubelet', pod, 'Warning', 'Unhealthy', `${kind} probe failed: ${message}`, this.hostname, count);
    }
  }

  /** A tripped liveness or startup probe: the container is killed and, as its restartPolicy says, restarted. */
  private kill(pod: Pod, container: Container, status: ContainerStatus, kill: { at: number; kind: Kind }): ContainerStatus {
    const { events } = this.ctx;
    events.record('kubelet', pod, 'Normal', 'Killing', `Container ${container.name} failed ${kill.kind.toLowerCase()} probe, will be restarted`, this.hostname);
    this.runtime?.stopContainer(pod, container.name);
    // Servers stop cleanly on SIGTERM; a shell script as PID 1 ignores it and is SIGKILLed.
    const exitCode = containerProgram(container).kind === 'daemon' ? 0 : 137;
    const startedAt = 'running' in status.state ? status.state.running.startedAt : undefined;
    const terminated = { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt, finishedAt: rfc3339(kill.at) };
    const policy = pod.spec.restartPolicy ?? 'Always';
    if (policy === 'Never' || (policy === 'OnFailure' && exitCode === 0)) return { ...status, ready: false, started: false, state: { terminated } };
    if (status.restartCount === 0) {
      // The first restart is immediate; the back-off starts counting from it.
      this.runtime?.start(pod, container, 1);
      events.record('kubelet', pod, 'Normal', 'Pulled', `Container image "${container.image}" already present on machine`, this.hostname);
      events.record('kubelet', pod, 'Normal', 'Created', `Created container ${container.name}`, this.hostname);
      events.record('kubelet', pod, 'Normal', 'Started', `Started container ${container.name}`, this.hostname);
      return { ...status, ready: false, started: !container.startupProbe, restartCount: 1, state: { running: { startedAt: rfc3339(kill.at) } }, lastState: { terminated } };
    }
    const wait = backoffMs(status.restartCount);
    const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
    events.record('kubelet', pod, 'Warning', 'BackOff', `Back-off restarting failed container ${container.name} in pod ${podRef}`, this.hostname);
    const shown = wait / 1000 >= 60 ? `${wait / 60_000}m0s` : `${wait / 1000}s`;
    return { ...status, ready: false, started: false, state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${shown} restarting failed container=${container.name} pod=${podRef}` } }, lastState: { terminated } };
  }
}
