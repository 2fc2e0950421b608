/**
 * A pod container's own program, run for real as Docker runs one: a shell bound to the container's
 * process, seeing the container's root filesystem (its image's layers), runs the image's command
 * (`node server.js`, `npm start`, `python app.py`, `flask run`). The app's server registers what it
 * answers with (kept in the node's containerd state, so it survives a snapshot) and its start-up
 * lines go to the container's log file. Only these app programs run in the background: a shell
 * script with `sleep` would move the world's clock, so those stay modelled (container-program.ts).
 */
import type { CommandResult } from '../../shell/commands/result';
import { findImage } from '../../docker/catalogue/images';
import { serveExpress, serveFlask, serveHttpd, serveNginx, serveNodeHttp, servePythonHttp, type Served } from '../../docker/http-servers';
import { isLayer } from '../../docker/image-spec';
import type { ServerState } from '../../docker/state';
import { MountTable } from '../../fs/mount-table';
import type { Host } from '../../host';
import type { HttpRequest } from '../../net/http';
import type { Container, Pod } from '../api/types';
import { containerArgv } from './container-program';
import { unpackImage } from './containerd-import';
import type { ContainerdImage } from './containerd-images';
import { appendContainerLog, writeContainerLog } from './container-logs';
import { containerImage, containerSnapshotDir, podRootfs, rootSpecOf } from './pod-rootfs';

/** The programs handed to the sandbox's app runtimes (node, npm, python, flask): these run for real. */
const APP_PROGRAMS = new Set(['node', 'npm', 'python', 'python3', 'flask']);

interface Task {
  key: string;
  pod: { namespace: string; name: string; uid: string };
  container: string;
  /** Which run of the container this is (its log file). */
  attempt: number;
  controller: AbortController;
  /** Settles once the program listens or has ended. */
  ready: Promise<void>;
  markReady: () => void;
}

/** Runtime-only: the programs running now, by their host and main pid (gone after a restore; servers stay). */
const running = new WeakMap<Host, Map<number, Task>>();

function tasksOf(host: Host): Map<number, Task> {
  const map = running.get(host) ?? new Map<number, Task>();
  running.set(host, map);
  return map;
}

export function taskKey(pod: Readonly<Pod>, container: string): string {
  return `${pod.metadata.uid ?? pod.metadata.name}/${container}`;
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function hasBash(image: ContainerdImage): boolean {
  return image.layers.some((l) => l.catalogue && typeof findImage(l.catalogue.repository, l.catalogue.tag)?.steps.filter(isLayer)[l.catalogue.index]?.files['/usr/bin/bash'] === 'object');
}

/** The command a container runs when it is one of the app programs, else undefined. */
export function appArgv(container: Container, image: ContainerdImage | undefined): string[] | undefined {
  const argv = containerArgv(container, image?.config);
  let args = argv;
  while (args.length > 0 && /(^|\/)docker-entrypoint\.sh$/.test(args[0])) args = args.slice(1);
  return APP_PROGRAMS.has((args[0] ?? '').split('/').pop()!) ? args : undefined;
}

/**
 * Starts the container's app program in the background, when it has one; `pid` is its main process,
 * `attempt` the run (0 first, then the restart count), `at` when the kubelet started it. A program that ended by itself before, from
 * the same image, is not run again: the kubelet's restart replays its output, as it would repeat it.
 */
export function startPodProgram(host: Host, pod: Pod, container: Container, pid: number, attempt = 0, at = host.kernel.clock.now()): void {
  const image = containerImage(host, container);
  const argv = appArgv(container, image);
  if (!image || !argv) return;
  const key = taskKey(pod, container.name);
  const ended = host.containerd.exitOf(key);
  if (ended && ended.imageId === image.id) {
    writeContainerLog(host, pod, container.name, attempt, [{ stream: 'stdout', text: ended.stdout }, { stream: 'stderr', text: ended.stderr }], at);
    return;
  }
  host.containerd.setExit(key, null);
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const task: Task = { key, pod: { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, uid: pod.metadata.uid ?? '' }, container: container.name, attempt, controller: new AbortController(), ready, markReady };
  tasksOf(host).set(pid, task);
  const env = [...(image.config.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]), ['HOSTNAME', pod.metadata.name], ...(container.env ?? []).map((e) => [e.name, e.value ?? ''])];
  void (async () => {
    try {
      await unpackImage(host, image);
      const process = host.kernel.get(pid);
      if (!process || task.controller.signal.aborted) return;
      const upper = containerSnapshotDir(pod, container.name);
      const spec = rootSpecOf(image, upper);
      const root = podRootfs(host, pod, container.name)!;
      const procSpec = { kind: 'proc' as const, pidNamespace: process.ns.pid };
      host.setMountTable(process.ns.mnt, new MountTable(root, [
        ...(spec ? [{ source: 'overlay', target: '/', fstype: 'overlay', options: `rw,relatime,lowerdir=${spec.lower.join(':')},upperdir=${spec.upper},workdir=${spec.work}`, spec }] : []),
        { source: 'proc', target: '/proc', fstype: 'proc', options: 'rw,nosuid,nodev,noexec,relatime', fs: host.mountFilesystem(procSpec), spec: procSpec },
      ], spec));
      const shell = host.openShell(pid, image.config.WorkingDir || '/', host.mountsOf(process.ns.mnt).view, hasBash(image) ? 'bash' : 'ash');
      shell.stdoutIsTerminal = false;
      const exports = env.map(([k, v]) => `export ${k}=${quote(v)}`).join('; ');
      const result = await shell.run(`${exports ? `${exports}; ` : ''}${argv.map(quote).join(' ')}`, task.controller.signal);
      if (task.controller.signal.aborted) return;
      // The program ended by itself (a script, or an app that failed to start): its output is its
      // log, and the kubelet learns how it ended (the container exits; with restartPolicy Always it
      // is restarted after the back-off, into CrashLoopBackOff).
      const now = host.kernel.clock.now();
      await appendContainerLog(host, pod, container.name, 'stdout', result.stdout, now, attempt);
      await appendContainerLog(host, pod, container.name, 'stderr', result.stderr, now, attempt);
      // It ended as it started: the lab's programs never wait on the clock (a script runs straight
      // through, a server that fails does so while starting), so the run took no time of the cluster's.
      host.containerd.setExit(key, { exitCode: result.exitCode, ms: 0, imageId: image.id, stdout: result.stdout, stderr: result.stderr });
    } finally {
      task.markReady();
    }
  })();
}

/** The container's program is stopped (its process killed, or the pod deleted). */
export function stopPodProgram(host: Host, pod: Pod, container?: string): void {
  for (const [pid, task] of tasksOf(host)) {
    if (task.pod.uid !== (pod.metadata.uid ?? '') || (container && task.container !== container)) continue;
    task.controller.abort();
    tasksOf(host).delete(pid);
  }
  for (const c of pod.spec.containers) {
    if (container && c.name !== container) continue;
    host.containerd.setServer(taskKey(pod, c.name), null);
    // The pod is gone: how its programs ended is no longer anyone's concern.
    if (!container) host.containerd.setExit(taskKey(pod, c.name), null);
  }
}

/**
 * For `__dockyard_program` running as a pod container's process: the pod's address and how its
 * server registers (then runs until the container stops). Undefined for any other process.
 */
export function podProgramHook(host: Host, pid: number): { address: () => string; serve: (server: ServerState, startup: { stdout: string; stderr: string }, signal?: AbortSignal) => Promise<CommandResult> } | undefined {
  const task = tasksOf(host).get(pid);
  if (!task) return undefined;
  const podNow = () => host.lan?.cluster?.cluster.store.get<Pod>('Pod', task.pod.namespace, task.pod.name);
  return {
    address: () => podNow()?.status?.podIP ?? '127.0.0.1',
    serve: async (server, startup, signal) => {
      host.containerd.setServer(task.key, server);
      const pod = podNow();
      if (pod) {
        await appendContainerLog(host, pod, task.container, 'stdout', startup.stdout, host.kernel.clock.now(), task.attempt);
        await appendContainerLog(host, pod, task.container, 'stderr', startup.stderr, host.kernel.clock.now(), task.attempt);
      }
      task.markReady();
      const stop = new AbortController();
      const abort = () => stop.abort();
      signal?.addEventListener('abort', abort, { once: true });
      task.controller.signal.addEventListener('abort', abort, { once: true });
      await host.kernel.clock.sleep(Number.POSITIVE_INFINITY, stop.signal);
      if (host.containerd.serverOf(task.key) === server) host.containerd.setServer(task.key, null);
      return { stdout: '', stderr: '', exitCode: 143 };
    },
  };
}

/**
 * Before a connection into the cluster: the cluster caught up, and the app programs it just started
 * given their moment to start listening (a short real-time bound, as `docker run -d` waits).
 */
export async function programsSettled(host: Host): Promise<void> {
  host.lan?.cluster?.cluster.settle();
  const tasks = (host.lan?.all() ?? [host]).flatMap((h) => [...tasksOf(h).values()]);
  if (tasks.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([Promise.all(tasks.map((t) => t.ready)), new Promise<void>((resolve) => (timer = setTimeout(resolve, 1500)))]);
  clearTimeout(timer);
  // A program that neither serves nor ends (it waits on something) had its moment: never waited for again.
  for (const task of tasks) task.ready = Promise.resolve();
}

/** How a pod container's registered server answers (nginx-like servers read the container's own files). */
export function serveRegistered(host: Host, pod: Pod, container: string, server: ServerState): (request: HttpRequest, now: number) => Promise<Served> {
  return async (request, now) => {
    const fs = podRootfs(host, pod, container);
    const served =
      server.program === 'flask' ? serveFlask(server.routes ?? [], request, now)
      : server.program === 'express' ? serveExpress(server.routes ?? [], request, now)
      : server.program === 'node-http' ? serveNodeHttp(server.fallback ?? '', request, now)
      : server.program === 'nginx' && fs ? await serveNginx(fs, request, now)
      : server.program === 'httpd' && fs ? await serveHttpd(fs, request, now)
      : await servePythonHttp(fs!, server.root ?? '/', request, now);
    if (served.log) await appendContainerLog(host, pod, container, served.log.stream, served.log.text, now);
    return served;
  };
}
