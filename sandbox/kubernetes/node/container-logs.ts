/**
 * A pod container's output as the CRI keeps it on its node: one file per run,
 * /var/log/pods/<ns>_<pod>_<uid>/<name>/<restartCount>.log, one line per write in the CRI format
 * (`<time> stdout F <text>`). `kubectl logs` reads the current run's back through the kubelet,
 * `--previous` the one before; being files on the node, they survive a snapshot of the world.
 */
import type { Host } from '../../host';
import type { Lan } from '../../net/lan';
import type { Pod } from '../api/types';
import { writeNodeFile } from './host-files';

/** The run a container is on: its restart count (the first run is 0). */
export function attemptOf(pod: Readonly<Pod>, container: string): number {
  return pod.status?.containerStatuses?.find((s) => s.name === container)?.restartCount ?? 0;
}

export function containerLogPath(pod: Readonly<Pod>, container: string, attempt = attemptOf(pod, container)): string {
  return `/var/log/pods/${pod.metadata.namespace ?? 'default'}_${pod.metadata.name}_${pod.metadata.uid ?? ''}/${container}/${attempt}.log`;
}

function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

function criLines(stream: 'stdout' | 'stderr', text: string, at: number): string {
  return text.replace(/\n$/, '').split('\n').map((l) => `${timestamp(at)} ${stream} F ${l}\n`).join('');
}

export async function appendContainerLog(host: Host, pod: Readonly<Pod>, container: string, stream: 'stdout' | 'stderr', text: string, now: number, attempt?: number): Promise<void> {
  if (!text) return;
  const path = containerLogPath(pod, container, attempt);
  await host.rootfs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
  await host.rootfs.appendFile(path, criLines(stream, text, now));
}

/** A run's whole output written at once (a run the kubelet replays, a component's own lines). */
export function writeContainerLog(host: Host, pod: Readonly<Pod>, container: string, attempt: number, output: { stream: 'stdout' | 'stderr'; text: string }[], now: number): void {
  writeNodeFile(host, containerLogPath(pod, container, attempt), output.filter((o) => o.text).map((o) => criLines(o.stream, o.text, now)).join(''));
}

/** The container's output as `kubectl logs` prints it, or undefined when it has written nothing. */
export async function readContainerLog(host: Host, pod: Readonly<Pod>, container: string): Promise<{ time: string; text: string }[] | undefined> {
  let content: string;
  try {
    content = await host.rootfs.readFile(containerLogPath(pod, container));
  } catch {
    return undefined;
  }
  return content
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const match = /^(\S+) (?:stdout|stderr) [FP] (.*)$/.exec(line);
      return match ? { time: match[1], text: match[2] } : { time: '', text: line };
    });
}

/** What a pod container wrote, read from its node as the kubelet serves `kubectl logs`; undefined if nothing. */
export async function nodeLogLines(lan: Lan | undefined, pod: Readonly<Pod>, container: string): Promise<string[] | undefined> {
  const node = lan?.find(pod.spec.nodeName ?? '');
  if (!node) return undefined;
  return (await readContainerLog(node, pod, container))?.map((l) => l.text);
}
