/**
 * `kubectl logs POD|TYPE/NAME [-c C] [-p] [--tail N] [-f]`: what a container's program wrote in
 * its current run (or, with --previous, the run before its last restart), for the programs the lab
 * models (nginx, httpd, redis, hello-world). `-f` prints what is there and then follows on the
 * clock until Ctrl-C, as on a terminal; without one it returns what is there.
 */
import type { Store } from '../../api/store-types';
import type { Container, ContainerStatus, Pod } from '../../api/types';
import { containerProgram } from '../../node/container-program';
import { lastValue, type KubectlArgs } from '../args';
import { attachablePod } from './exec';
import type { KubectlResult } from './result';

const fail = (stderr: string): KubectlResult => ({ stdout: '', stderr, exitCode: 1 });

/** What one run of the container, started at `startedAt`, has written. */
function runOutput(container: Container, startedAt: number): string[] {
  const program = containerProgram(container);
  if (program.kind === 'daemon') return program.log(startedAt);
  if (program.kind === 'exit') return `${program.stdout}${program.stderr}`.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
  return [];
}

export interface Follow {
  /** Whether a terminal is attached (output can be shown before the command ends). */
  live: boolean;
  write: (text: string) => void;
  /** Waits on the clock until Ctrl-C. */
  block: () => Promise<void>;
}

/** `nodeOutput`: what the container wrote, as its node keeps it (an app from the student's image), if anything. */
export async function logs(store: Store, args: KubectlArgs, namespace: string, now: number, follow: Follow, nodeOutput?: (pod: Pod, container: string) => Promise<string[] | undefined>): Promise<KubectlResult> {
  const [first] = args.operands;
  if (!first) return fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
  const found = attachablePod(store, first, namespace);
  if ('exitCode' in found) return found;
  const pod: Pod = found;
  const name = pod.metadata.name;
  let stderr = '';
  let wanted = lastValue(args, 'container');
  if (!wanted) {
    wanted = pod.spec.containers[0].name;
    if (pod.spec.containers.length > 1) stderr += `Defaulted container "${wanted}" out of: ${[...pod.spec.containers.map((c) => c.name), ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`)].join(', ')}\n`;
  }
  const container = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((c) => c.name === wanted);
  if (!container) return fail(`${stderr}Error from server (BadRequest): container ${wanted} is not valid for pod ${name}\n`);
  const status: ContainerStatus | undefined = pod.status?.containerStatuses?.find((s) => s.name === container.name);
  const last = status?.lastState && 'terminated' in status.lastState ? status.lastState.terminated : undefined;
  let startedAt: string | undefined;
  // The run whose output is asked for, as the kubelet picks it (validateContainerLogStatus): with
  // --previous the last terminated one; else the running or terminated one, or, for a container
  // waiting to restart (CrashLoopBackOff), the run that just ended.
  let run = status;
  if (args.flags.has('previous')) {
    if (!last || !status) return fail(`${stderr}Error from server (BadRequest): previous terminated container "${container.name}" in pod "${name}" not found\n`);
    startedAt = last.startedAt;
    if ('running' in status.state) run = { ...status, restartCount: status.restartCount - 1 };
  } else if (status && 'running' in status.state) startedAt = status.state.running.startedAt;
  else if (status && 'terminated' in status.state) startedAt = status.state.terminated.startedAt;
  else if (last) startedAt = last.startedAt;
  else {
    const reason = status && 'waiting' in status.state ? status.state.waiting.reason : 'ContainerCreating';
    return fail(`${stderr}Error from server (BadRequest): container "${container.name}" in pod "${name}" is waiting to start: ${reason}\n`);
  }
  // The node keeps each run's output by its restart count: the pod as it was during that run.
  const during: Pod = run === status ? pod : { ...pod, status: { ...pod.status!, containerStatuses: pod.status!.containerStatuses!.map((s) => (s === status ? run! : s)) } };
  let lines = (await nodeOutput?.(during, container.name)) ?? runOutput(container, Date.parse(startedAt ?? '') || now);
  const tail = lastValue(args, 'tail');
  if (tail !== undefined) {
    if (!/^-?\d+$/.test(tail)) return fail(`${stderr}error: invalid argument "${tail}" for "--tail" flag: strconv.ParseInt: parsing "${tail}": invalid syntax\nSee 'kubectl logs --help' for usage.\n`);
    if (Number(tail) >= 0) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
  }
  const text = lines.map((l) => `${l}\n`).join('');
  const running = status !== undefined && 'running' in status.state && !args.flags.has('previous');
  if (args.flags.has('follow') && running && follow.live) {
    follow.write(stderr + text);
    // Nothing more arrives from the modelled programs; the stream stays open until Ctrl-C.
    await follow.block();
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  return { stdout: text, stderr, exitCode: 0 };
}
