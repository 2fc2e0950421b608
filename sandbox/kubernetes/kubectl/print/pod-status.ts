/**
 * The READY, STATUS and RESTARTS cells of `kubectl get pods`, computed as kubectl's printPod
 * does (pkg/printers/internalversion/printers.go, v1.31): the phase, overridden by the pod's
 * reason, by init containers (`Init:0/1`, `Init:CrashLoopBackOff`), by the last container that
 * is waiting or terminated (`ContainerCreating`, `ErrImagePull`, `CrashLoopBackOff`, `Completed`,
 * `Error`), and by deletion (`Terminating`, or `Unknown` for a pod lost with its node).
 */
import type { Container, ContainerStatus, Pod, PodCondition } from '../../api/types';
import { since } from './age';

/** Fields of the real API that the contract's types leave out but printPod reads. */
type SidecarContainer = Container & { restartPolicy?: 'Always' };

export type PrintablePod = Pod & {
  spec: Pod['spec'] & {
    /** An init container with `restartPolicy: Always` is a sidecar (counted in READY). */
    initContainers?: SidecarContainer[];
    readinessGates?: { conditionType: string }[];
  };
  status?: Pod['status'] & {
    initContainerStatuses?: ContainerStatus[];
    nominatedNodeName?: string;
  };
};

export interface PodCells {
  ready: string;
  status: string;
  restarts: string;
}

const terminated = (s: ContainerStatus['state'] | ContainerStatus['lastState'] | undefined) =>
  s && 'terminated' in s ? s.terminated : undefined;
const waiting = (s: ContainerStatus['state'] | undefined) => (s && 'waiting' in s ? s.waiting : undefined);
const running = (s: ContainerStatus['state'] | undefined) => (s && 'running' in s ? s.running : undefined);

/** The later of two RFC 3339 times, treating unset as the zero time. */
const later = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : Date.parse(b) > Date.parse(a) ? b : a);

export function podCells(pod: PrintablePod, now: number): PodCells {
  const status = pod.status ?? { phase: 'Pending' as const };
  const initSpecs = new Map(((pod.spec.initContainers ?? []) as SidecarContainer[]).map((c) => [c.name, c]));
  const isSidecar = (name: string) => initSpecs.get(name)?.restartPolicy === 'Always';
  const totalContainers = pod.spec.containers.length + [...initSpecs.values()].filter((c) => c.restartPolicy === 'Always').length;
  let readyContainers = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: string | undefined;
  let lastSidecarRestart: string | undefined;
  let reason: string = status.reason || status.phase;
  const conditions: PodCondition[] = status.conditions ?? [];
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount;
    const lastTerm = terminated(c.lastState);
    if (lastTerm?.finishedAt) lastRestart = later(lastRestart, lastTerm.finishedAt);
    if (isSidecar(c.name)) {
      sidecarRestarts += c.restartCount;
      if (lastTerm?.finishedAt) lastSidecarRestart = later(lastSidecarRestart, lastTerm.finishedAt);
    }
    const term = terminated(c.state);
    const wait = waiting(c.state);
    if (term && term.exitCode === 0) continue;
    if (isSidecar(c.name) && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.size}`;
    }
    initializing = true;
    break;
  }

  const initialized = conditions.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount;
      const lastTerm = terminated(c.lastState);
      if (lastTerm?.finishedAt) lastRestart = later(lastRestart, lastTerm.finishedAt);
      const wait = waiting(c.state);
      const term = terminated(c.state);
      if (wait && wait.reason) reason = wait.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && running(c.state)) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';

  const restartsCell = restarts !== 0 && lastRestart ? `${restarts} (${since(lastRestart, now)} ago)` : String(restarts);
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsCell };
}

/** The READINESS GATES cell of `-o wide`: `<none>`, or how many of the pod's gates are True. */
export function readinessGates(pod: PrintablePod): string {
  const gates = pod.spec.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
  const trueCount = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${trueCount}/${gates.length}`;
}
