/**
 * containerd's side of a pod on its host, as the kubelet asks for it through the CRI: a shim, the
 * pod's sandbox (`/pause`, holding the pod's network, IPC and UTS namespaces) and each container's
 * process in its own pid and mount namespaces, all in the pod's cgroup under kubepods.slice. So
 * `ps` on node01 shows nginx, `lsns` its namespaces and /sys/fs/cgroup/kubepods.slice its limits.
 */
import type { Host } from '../../host';
import type { Container, Pod } from '../api/types';
import type { ImageConfig } from '../../docker/image-spec';
import { programFor } from '../../docker/programs';
import { cniStatus, writeHostFile, type CniStatus } from './cni';
import { writeContainerLog } from './container-logs';
import { containerArgv, type Lifetime } from './container-program';
import { containerImage } from './pod-rootfs';
import { startPodProgram, stopPodProgram, taskKey } from './pod-program';

export interface ContainerRuntime {
  /** The pod's sandbox and this container's run `attempt` (its restart count), started; returns the container's host pid. */
  start(pod: Pod, container: Container, attempt?: number, at?: number): number;
  /** One container's processes, ended (its program exited). */
  stopContainer(pod: Pod, name: string): void;
  /** Every process of the pod, ended (the pod deleted, or its containers exited). */
  stop(pod: Pod): void;
  /** Ends the processes of pods the API no longer has (force-deleted): the kubelet's housekeeping. */
  removeOrphans(podUids: Set<string>): void;
  /** Whether the node's containerd (namespace k8s.io) has the image a pod names. */
  hasImage?(image: string): boolean;
  /** Pulls an image from the lab's registry into the node's store; false when the registry lacks it. */
  pullImage?(image: string): boolean;
  /** The image's id as the CRI reports it (`docker.io/library/nginx@sha256:…`, or `sha256:…` for an imported one). */
  imageRef?(image: string): string | undefined;
  /** The runtime's network status as the kubelet last polled it (the CNI configuration on the host). */
  cniStatus?(): CniStatus;
  /** A pod writes a file on the host through a hostPath volume. */
  writeHostFile?(path: string, content: string, mode?: number): void;
  /** A container's run written to its log at once (lines on stderr, as components log). */
  writeLog?(pod: Readonly<Pod>, container: string, attempt: number, lines: string[], at: number): void;
  /** How the container's program ended by itself last time, when it did (and the image is the same). */
  exitOf?(pod: Readonly<Pod>, container: Container): Lifetime | undefined;
}

/** kubepods.slice/kubepods-<qos>.slice/kubepods-<qos>-pod<uid>.slice, as the systemd cgroup driver names it. */
export function podSlice(pod: Pod): string {
  const uid = (pod.metadata.uid ?? '').replace(/-/g, '_');
  const qos = (pod.status?.qosClass ?? 'BestEffort').toLowerCase();
  if (qos === 'guaranteed') return `/kubepods.slice/kubepods-pod${uid}.slice`;
  return `/kubepods.slice/kubepods-${qos}.slice/kubepods-${qos}-pod${uid}.slice`;
}

function ensureCgroup(host: Host, path: string): void {
  const parts = path.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const prefix = `/${parts.slice(0, i).join('/')}`;
    if (!host.kernel.cgroups.get(prefix)) host.kernel.makeCgroup(prefix);
  }
}

/** What the container runs, as `ps` shows it: the image's program, with the spec's command and args. */
function argvOf(container: Container, config?: ImageConfig): { argv: string[]; workers: string[]; rssKiB: number } {
  const argv = containerArgv(container, config);
  const program = programFor(argv, 'ash', false);
  if (program.kind === 'daemon') return { argv: program.title, workers: program.workers, rssKiB: program.rssKiB };
  return { argv: argv.length > 0 ? argv : ['/pause'], workers: [], rssKiB: 1_024 };
}

const SANDBOX_IMAGE = 'registry.k8s.io/pause:3.10';

export function containerdRuntime(host: Host): ContainerRuntime {
  const sandboxOf = (pod: Pod) => host.kernel.members(`${podSlice(pod)}/cri-containerd-sandbox.scope`).find((p) => p.comm === 'pause');
  return {
    hasImage: (image) => host.containerd.find('k8s.io', image) !== undefined,
    pullImage: (image) => host.containerd.pullFromCatalogue(image) !== undefined,
    imageRef(image) {
      const stored = host.containerd.find('k8s.io', image);
      if (!stored) return undefined;
      return stored.managed ? `${stored.name.replace(/:[^:/]+$/, '')}@${stored.digest}` : stored.id;
    },
    cniStatus: () => cniStatus(host),
    writeHostFile: (path, content, mode) => writeHostFile(host, path, content, mode),
    writeLog: (pod, container, attempt, lines, at) => writeContainerLog(host, pod, container, attempt, [{ stream: 'stderr', text: lines.join('\n') }], at),
    exitOf(pod, container) {
      const ended = host.containerd.exitOf(taskKey(pod, container.name));
      return ended && ended.imageId === containerImage(host, container)?.id ? { ms: ended.ms, exitCode: ended.exitCode } : undefined;
    },
    start(pod, container, attempt = 0, at) {
      const slice = podSlice(pod);
      let pause = sandboxOf(pod);
      if (!pause) {
        // The sandbox image, pulled by containerd itself the first time a pod comes to this node.
        if (!host.containerd.find('k8s.io', SANDBOX_IMAGE)) host.containerd.pullFromCatalogue(SANDBOX_IMAGE);
        const scope = `${slice}/cri-containerd-sandbox.scope`;
        ensureCgroup(host, scope);
        const shim = host.kernel.spawn({ parent: 1, argv: ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'k8s.io', '-id', pod.metadata.uid ?? '', '-address', '/run/containerd/containerd.sock'], comm: 'containerd-shim', cgroup: '/system.slice/containerd.service', rssKiB: 11_264, vszKiB: 1_238_400, sessionLeader: true });
        // The sandbox holds the namespaces every container of the pod shares (not the host's network for hostNetwork pods).
        pause = host.kernel.spawn({ parent: shim.pid, argv: ['/pause'], comm: 'pause', cgroup: scope, rssKiB: 320, confined: true, sessionLeader: true, newNamespaces: pod.spec.hostNetwork ? ['pid', 'ipc', 'mnt', 'cgroup'] : ['pid', 'ipc', 'uts', 'net', 'mnt', 'cgroup'], hostname: pod.spec.hostNetwork ? undefined : pod.metadata.name });
      }
      const scope = `${slice}/cri-containerd-${container.name}.scope`;
      ensureCgroup(host, scope);
      const shimPid = pause.ppid;
      const { argv, workers, rssKiB } = argvOf(container, host.containerd.find('k8s.io', container.image)?.config);
      // Joins the sandbox's network, IPC and UTS; its own pid and mount namespaces, as runc makes them.
      const main = host.kernel.spawn({ parent: shimPid, argv, cgroup: scope, rssKiB, namespacesOf: pause.pid, newNamespaces: ['pid', 'mnt', 'cgroup'], confined: true, sessionLeader: true });
      for (const title of workers) host.kernel.spawn({ parent: main.pid, argv: [title], comm: argv[0].split(/[\s:]/)[0], rssKiB: 2_048 });
      startPodProgram(host, pod, container, main.pid, attempt, at);
      return main.pid;
    },
    stopContainer(pod, name) {
      stopPodProgram(host, pod, name);
      const scope = `${podSlice(pod)}/cri-containerd-${name}.scope`;
      for (const p of host.kernel.members(scope).reverse()) if (host.kernel.get(p.pid)) host.kernel.exit(p.pid, 0);
    },
    removeOrphans(podUids) {
      const known = new Set([...podUids].map((uid) => uid.replace(/-/g, '_')));
      for (const p of host.kernel.list()) {
        const uid = /kubepods-(?:[a-z]+-)?pod([0-9a-f_]+)\.slice/.exec(p.cgroup)?.[1];
        if (uid && !known.has(uid) && host.kernel.get(p.pid)) {
          const shim = p.comm === 'pause' ? host.kernel.get(p.ppid) : undefined;
          host.kernel.exit(p.pid, 0, 9);
          if (shim && host.kernel.get(shim.pid)) host.kernel.exit(shim.pid, 0);
        }
      }
    },
    stop(pod) {
      stopPodProgram(host, pod);
      const slice = podSlice(pod);
      const pause = sandboxOf(pod);
      const shim = pause ? host.kernel.get(pause.ppid) : undefined;
      for (const p of host.kernel.list().filter((q) => q.cgroup.startsWith(`${slice}/`)).reverse()) if (host.kernel.get(p.pid)) host.kernel.exit(p.pid, 0, 15);
      if (shim && host.kernel.get(shim.pid)) host.kernel.exit(shim.pid, 0);
    },
  };
}
