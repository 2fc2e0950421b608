/**
 * A pod container's output as the CRI keeps it on its node: /var/log/pods/<ns>_<pod>_<uid>/<name>/0.log,
 * one line per write in the CRI format (`<time> stdout F <text>`). `kubectl logs` reads it back
 * through the kubelet; being a file on the node, it survives a snapshot of the world.
 */
import type { Host } from '../../host';
import type { Lan } from '../../net/lan';
import type { Pod } from '../api/types';

export function containerLogPath(pod: Pod, container: string): string {
  return `/var/log/pods/${pod.metadata.namespace ?? 'default'}_${pod.metadata.name}_${pod.metadata.uid ?? ''}/${container}/0.log`;
}

function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export async function appendContainerLog(host: Host, pod: Pod, container: string, stream: 'stdout' | 'stderr', text: string, now: number): Promise<void> {
  if (!text) return;
  const lines = text.replace(/\n$/, '').split('\n');
  const path = containerLogPath(pod, container);
  await host.rootfs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
  await host.rootfs.appendFile(path, lines.map((l) => `${timestamp(now)} ${stream} F ${l}\n`).join(''));
}

/** The container's output as `kubectl logs` prints it, or undefined when it has written nothing. */
export async function readContainerLog(host: Host, pod: Pod, container: string): Promise<{ time: string; text: string }[] | undefined> {
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
export async function nodeLogLines(lan: Lan | undefined, pod: Pod, container: string): Promise<string[] | undefined> {
  const node = lan?.find(pod.spec.nodeName ?? '');
  if (!node) return undefined;
  return (await readContainerLog(node, pod, container))?.map((l) => l.text);
}
