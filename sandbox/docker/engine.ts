/**
 * The Docker engine: images and containers, changed only through these methods, never printing.
 * The CLI (docker/cli) parses, calls, and formats; the kernel holds the processes.
 */
import { SIGNALS } from '../kernel/process';
import type { EngineHost } from './engine-host';
import { Builder } from './build/builder';
import { DockerError, noSuchContainer } from './errors';
import { EventLog } from './events';
import { ImageStore } from './images';
import type { ImageArchive } from './image-archive';
import { loadImages, saveImages, type LoadResult } from './image-transfer';
import { randomName } from './names';
import { plug, unplug } from './container-network';
import { attachmentsOf, DockerNetworks, networkNameOf } from './networks';
import { programFor, type Program } from './programs';
import { removeLayerDirectory } from './layer-store';
import { cleanupContainer, containerDir, prepareLayers, startContainer } from './runtime';
import type { ContainerRecord, DockerSnapshot, LogLine, PortBinding, ServerState, StoredImage, VolumeMount } from './state';

export interface CreateOptions {
  image: StoredImage;
  imageName: string;
  name?: string;
  cmd?: string[];
  entrypoint?: string[];
  env: string[];
  workdir?: string;
  hostname?: string;
  tty: boolean;
  interactive: boolean;
  autoRemove: boolean;
  memory: number;
  memorySwap: number;
  nanoCpus: number;
  pidsLimit: number | null;
  restart: ContainerRecord['hostConfig']['restartPolicy'];
  ports: PortBinding[];
  network: string;
  user?: string;
  mounts?: VolumeMount[];
}

/** Real milliseconds a detached start waits at most for its script to settle (a safety net). */
const DETACHED_SETTLE_MS = 1500;

export type StartOutcome =
  | { kind: 'running' }
  | { kind: 'exited'; exitCode: number; stdout: string; stderr: string }
  | { kind: 'interactive'; pid: number; style: 'bash' | 'ash'; workdir: string };

export class DockerEngine {
  readonly images: ImageStore;
  readonly builder: Builder;
  private readonly containers = new Map<string, ContainerRecord>();
  readonly networks: DockerNetworks;
  readonly events: EventLog;
  readonly volumes = new Map<string, { name: string; created: number }>();
  /** Background scripts of detached containers, stopped by `docker stop`. */
  private readonly jobs = new Map<string, AbortController>();
  /** `docker run -d` waiting for its container's program to start serving. */
  private readonly servingWaiters = new Map<string, () => void>();
  /** Attached clients (`docker run` in the foreground, `docker logs -f`) told of each new log line. */
  private readonly logListeners = new Map<string, Set<(line: LogLine) => void>>();

  constructor(
    private readonly host: EngineHost,
    saved?: DockerSnapshot,
  ) {
    this.events = new EventLog(() => host.kernel.clock.now());
    this.images = new ImageStore(host, saved, this.events);
    this.builder = new Builder(host, this.images, saved?.buildCache);
    for (const c of saved?.containers ?? []) this.containers.set(c.id, c);
    this.networks = new DockerNetworks(host.random, saved?.networks, saved?.nextIp, this.events);
    for (const volume of saved?.volumes ?? []) this.volumes.set(volume.name, volume);
    host.kernel.onExit((p) => this.noticeExit(p.pid, p.exit?.signal ?? null, p.exit?.code ?? 0));
  }

  daemonRunning(): boolean {
    return this.host.services.state('docker')?.active === true;
  }

  list(all: boolean): ContainerRecord[] {
    this.reconcile();
    return [...this.containers.values()].filter((c) => all || c.status === 'running').sort((a, b) => b.created - a.created);
  }

  /** By full or short id prefix, or by name. */
  resolve(reference: string): ContainerRecord {
    this.reconcile();
    const name = reference.replace(/^\//, '');
    const byName = [...this.containers.values()].find((c) => c.name === name);
    if (byName) return byName;
    const matches = [...this.containers.values()].filter((c) => c.id.startsWith(reference));
    if (matches.length === 1 && reference.length > 0) return matches[0];
    if (matches.length > 1) throw new DockerError(`multiple IDs found with provided prefix: ${reference}`);
    throw noSuchContainer(reference);
  }

  create(options: CreateOptions): ContainerRecord {
    const taken = (name: string) => [...this.containers.values()].some((c) => c.name === name);
    if (options.name !== undefined) {
      if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(options.name)) throw new DockerError(`Invalid container name (${options.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
      const holder = [...this.containers.values()].find((c) => c.name === options.name);
      if (holder) throw new DockerError(`Conflict. The container name "/${options.name}" is already in use by container "${holder.id}". You have to remove (or rename) that container to be able to reuse that name.`);
    }
    const id = this.host.random.hex(64);
    const config = this.images.configOf(options.image);
    const record: ContainerRecord = {
      id,
      name: options.name ?? randomName(this.host.random, taken),
      image: options.imageName,
      imageId: options.image.id,
      created: this.host.kernel.clock.now(),
      status: 'created',
      pid: 0,
      exitCode: 0,
      oomKilled: false,
      startedAt: null,
      finishedAt: null,
      restartCount: 0,
      config: {
        hostname: options.hostname ?? id.slice(0, 12),
        entrypoint: options.entrypoint ?? config?.Entrypoint ?? null,
        cmd: options.cmd && options.cmd.length > 0 ? options.cmd : (config?.Cmd ?? null),
        env: [...(config?.Env ?? []), ...options.env],
        workingDir: options.workdir ?? config?.WorkingDir ?? '',
        tty: options.tty,
        openStdin: options.interactive,
        user: options.user ?? config?.User ?? '',
      },
      hostConfig: {
        memory: options.memory,
        memorySwap: options.memorySwap,
        nanoCpus: options.nanoCpus,
        pidsLimit: options.pidsLimit,
        autoRemove: options.autoRemove,
        restartPolicy: options.restart,
        portBindings: options.ports,
        networkMode: options.network,
        mounts: options.mounts ?? [],
      },
      network: this.attachAtCreate(options.network),
      layerCacheId: this.host.random.hex(64),
      logs: [],
      plannedExit: null,
      gracefulStop: false,
      server: null,
    };
    this.containers.set(id, record);
    this.events.emit('container', 'create', id, this.attributesOf(record));
    return record;
  }

  /** Writes the container's layers (separate from create so create stays synchronous). */
  /** A named volume's directory on the host, made on first use as `docker volume create` does. */
  async ensureVolume(name: string): Promise<string> {
    if (!this.volumes.has(name)) this.volumes.set(name, { name, created: this.host.kernel.clock.now() });
    const dir = `/var/lib/docker/volumes/${name}/_data`;
    await this.host.layerRoot().mkdir(dir, { recursive: true });
    return dir;
  }

  async prepare(record: ContainerRecord): Promise<void> {
    for (const mount of record.hostConfig.mounts ?? []) {
      if (mount.type === 'volume') await this.ensureVolume(mount.source);
      else await this.host.layerRoot().mkdir(mount.source, { recursive: true });
    }
    const image = this.images.images.get(record.imageId)!;
    const imageLinks = [...image.layers].reverse().map((diff) => this.images.layers.get(diff)!.link);
    await prepareLayers(this.host, record, imageLinks, record.network?.ipAddress ?? '');
    // Mount points exist in the container's root (made in the init layer, so docker diff skips them).
    for (const mount of record.hostConfig.mounts ?? []) await this.host.layerRoot().mkdir(`/var/lib/docker/overlay2/${record.layerCacheId}-init/diff${mount.destination}`, { recursive: true });
  }

  /** Follows a container's logs from now on; returns how to stop following. */
  followLogs(record: ContainerRecord, listener: (line: LogLine) => void): () => void {
    const set = this.logListeners.get(record.id) ?? new Set();
    set.add(listener);
    this.logListeners.set(record.id, set);
    return () => set.delete(listener);
  }

  async start(record: ContainerRecord, attach: boolean, signal?: AbortSignal): Promise<StartOutcome> {
    if (record.status === 'running') return { kind: 'running' };
    const image = this.images.images.get(record.imageId);
    if (!image) throw new DockerError(`No such image: ${record.imageId}`);
    const argv = [...(record.config.entrypoint ?? []), ...(record.config.cmd ?? [])];
    if (argv.length === 0) throw new DockerError('no command specified', 125);
    // docker-proxy binds each published port on the host: one container per host port.
    for (const binding of record.hostConfig.portBindings) {
      const holder = this.byPublishedPort(binding.hostPort);
      if (holder && holder.record.id !== record.id) {
        throw new DockerError(`driver failed programming external connectivity on endpoint ${record.name} (${record.id}): Bind for 0.0.0.0:${binding.hostPort} failed: port is already allocated`);
      }
    }
    const program = programFor(argv, 'ash', this.images.hasBash(image));
    const started = startContainer(this.host, this.networks, record, this.images.lowerDirs(image), displayArgv(program, argv), program.kind === 'daemon' ? program.rssKiB : 1_024);
    for (const a of attachmentsOf(record)) this.events.emit('network', 'connect', this.networks.find(networkNameOf(a))?.id ?? '', { container: record.id, name: networkNameOf(a), type: 'bridge' });
    this.events.emit('container', 'start', record.id, this.attributesOf(record));
    Object.assign(record, { status: 'running', pid: started.initPid, startedAt: this.host.kernel.clock.now(), finishedAt: null, exitCode: 0, oomKilled: false, plannedExit: null });
    return this.run(record, program, started.initPid, attach, signal);
  }

  private async run(record: ContainerRecord, program: Program, pid: number, attach: boolean, signal?: AbortSignal): Promise<StartOutcome> {
    const now = this.host.kernel.clock.now();
    switch (program.kind) {
      case 'exit':
        this.log(record, 'stdout', program.stdout);
        this.log(record, 'stderr', program.stderr);
        this.host.kernel.exit(pid, program.code);
        return { kind: 'exited', exitCode: program.code, stdout: program.stdout, stderr: program.stderr };
      case 'daemon': {
        const init = this.host.kernel.require(pid);
        init.comm = program.comm;
        init.argv = program.title;
        for (const title of program.workers) this.host.kernel.spawn({ parent: pid, argv: [title], comm: program.comm, rssKiB: 2_048 });
        record.gracefulStop = true;
        record.server = { program: program.comm, ports: program.ports };
        const lines = program.log(now);
        const first = program.stdoutLines ?? 0;
        if (first > 0) this.log(record, 'stdout', lines.slice(0, first).join('\n') + '\n');
        this.log(record, program.stderr ? 'stderr' : 'stdout', lines.slice(first).join('\n') + '\n');
        return { kind: 'running' };
      }
      case 'sleep':
        record.plannedExit = Number.isFinite(program.seconds) ? now + program.seconds * 1000 : null;
        if (!attach) return { kind: 'running' };
        // In the foreground the client waits for it; Ctrl-C ends it (the sig-proxy's SIGINT).
        await this.host.kernel.clock.sleep(program.seconds * 1000, signal);
        if (this.host.kernel.get(pid)) this.host.kernel.exit(pid, signal?.aborted ? 130 : 0);
        return { kind: 'exited', exitCode: signal?.aborted ? 130 : 0, stdout: '', stderr: '' };
      case 'shell':
        if (record.config.openStdin && attach) return { kind: 'interactive', pid, style: program.style, workdir: record.config.workingDir || '/' };
        // -di / -dit: the shell waits on its open stdin, so the container stays up (docker exec into it).
        if (record.config.openStdin) return { kind: 'running' };
        // No terminal to read from: the shell reads end-of-file and exits at once.
        this.host.kernel.exit(pid, 0);
        return { kind: 'exited', exitCode: 0, stdout: '', stderr: '' };
      case 'script':
        return this.runScript(record, program.argv, pid, attach, signal);
    }
  }

  private async runScript(record: ContainerRecord, argv: string[], pid: number, attach: boolean, signal?: AbortSignal): Promise<StartOutcome> {
    const root = this.host.mountsOf(this.host.kernel.require(pid).ns.mnt).view;
    const shell = this.host.openShell(pid, record.config.workingDir || '/', root, 'ash');
    shell.stdoutIsTerminal = record.config.tty;
    const viaShell = ['sh', '/bin/sh', 'bash', '/bin/bash'].includes(argv[0]) && argv[1] === '-c';
    const script = viaShell ? (argv[2] ?? '') : argv.map(quote).join(' ');
    const execute = async (signal?: AbortSignal) => {
      const result = await shell.run(script, signal);
      const code = result.exitCode === 127 && /command not found/.test(result.stderr) ? 127 : result.exitCode;
      this.log(record, 'stdout', result.stdout);
      this.log(record, 'stderr', result.stderr);
      if (this.host.kernel.get(pid)) this.host.kernel.exit(pid, code);
      return { result, code };
    };
    if (!attach) {
      // Detached: the script runs on while the terminal is free again, as a real container would.
      // `docker run -d` returns once the script has finished, started serving, or had a moment
      // (so that what it set up is there for the next command, deterministically).
      const controller = new AbortController();
      this.jobs.set(record.id, controller);
      const finished = execute(controller.signal).finally(() => this.jobs.delete(record.id));
      const serving = new Promise<void>((resolve) => this.servingWaiters.set(record.id, resolve));
      const moment = new Promise<void>((resolve) => setTimeout(resolve, DETACHED_SETTLE_MS));
      await Promise.race([finished, serving, moment]);
      this.servingWaiters.delete(record.id);
      return { kind: 'running' };
    }
    // Attached, Ctrl-C on the client reaches the container's program (docker's sig-proxy).
    const { result, code } = await execute(signal);
    // The program itself is missing: runc cannot exec it, and says so through the daemon.
    if (code === 127 && !viaShell && new RegExp(`^[^\\n]*${escapeRegExp(argv[0])}: (command )?not found`).test(result.stderr)) {
      return { kind: 'exited', exitCode: 127, stdout: '', stderr: `docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${argv[0]}": executable file not found in $PATH: unknown\n` };
    }
    return { kind: 'exited', exitCode: code, stdout: result.stdout, stderr: result.stderr };
  }

  /**
   * docker stop: SIGTERM, then SIGKILL once the grace period (10 s, or `-t`) has passed on the
   * clock. A program that handles SIGTERM (nginx, redis) exits at once with status 0; one that
   * does not, as a container's PID 1, is ignored by the kernel and killed: status 137.
   */
  async stop(record: ContainerRecord, graceSeconds = 10, signal?: AbortSignal): Promise<void> {
    this.reconcile();
    if (record.status !== 'running') return;
    this.jobs.get(record.id)?.abort();
    const init = this.host.kernel.get(record.pid);
    if (!init) return;
    this.events.emit('container', 'kill', record.id, { ...this.attributesOf(record), signal: '15' });
    if (record.gracefulStop) this.host.kernel.exit(record.pid, 0);
    else if (!this.host.kernel.kill(record.pid, SIGNALS.TERM).died && this.host.kernel.get(record.pid)) {
      await this.host.kernel.clock.sleep(graceSeconds * 1000, signal);
      if (this.host.kernel.get(record.pid) && record.status === 'running') {
        this.events.emit('container', 'kill', record.id, { ...this.attributesOf(record), signal: '9' });
        this.host.kernel.kill(record.pid, SIGNALS.KILL);
      }
    }
    this.events.emit('container', 'stop', record.id, this.attributesOf(record));
  }

  kill(record: ContainerRecord, signal: number): void {
    if (record.status !== 'running') throw new DockerError(`cannot kill container: ${record.id.slice(0, 12)}: container ${record.id} is not running`);
    this.jobs.get(record.id)?.abort();
    this.events.emit('container', 'kill', record.id, { ...this.attributesOf(record), signal: String(signal) });
    this.host.kernel.kill(record.pid, signal);
  }

  remove(record: ContainerRecord, force: boolean): void {
    this.reconcile();
    if (record.status === 'running') {
      if (!force) throw new DockerError(`cannot remove container "/${record.name}": container is running: stop the container before removing or force remove`);
      this.events.emit('container', 'kill', record.id, { ...this.attributesOf(record), signal: '9' });
      this.host.kernel.kill(record.pid, SIGNALS.KILL);
    }
    if (this.containers.delete(record.id)) this.forget(record);
  }

  /** A removed container's traces: its layers and generated files on disk, and the destroy event. */
  private forget(record: ContainerRecord): void {
    void removeLayerDirectory(this.host.layerRoot(), record.layerCacheId);
    void removeLayerDirectory(this.host.layerRoot(), `${record.layerCacheId}-init`);
    void this.host.layerRoot().rm(containerDir(record.id), { recursive: true, force: true });
    this.events.emit('container', 'destroy', record.id, this.attributesOf(record));
  }

  logs(record: ContainerRecord): LogLine[] {
    return record.logs;
  }

  /** Ends what should have ended by now (a `sleep 30` after 30 s). Called before every read. */
  reconcile(): void {
    const now = this.host.kernel.clock.now();
    for (const record of this.containers.values()) {
      if (record.status === 'running' && record.plannedExit !== null && now >= record.plannedExit && this.host.kernel.get(record.pid)) this.host.kernel.exit(record.pid, 0);
    }
  }

  private noticeExit(pid: number, signal: number | null, code: number): void {
    for (const record of this.containers.values()) {
      if (record.pid !== pid || record.status !== 'running') continue;
      // Like dockerd on cgroup v2: OOMKilled once the OOM killer struck anywhere in the container.
      const oom = (this.host.kernel.cgroups.get(`/system.slice/docker-${record.id}.scope`)?.memoryEvents.oom_kill ?? 0) > 0;
      if (oom) this.events.emit('container', 'oom', record.id, this.attributesOf(record));
      this.events.emit('container', 'die', record.id, { ...this.attributesOf(record), exitCode: String(signal !== null ? 128 + signal : code) });
      for (const a of attachmentsOf(record)) this.events.emit('network', 'disconnect', this.networks.find(networkNameOf(a))?.id ?? '', { container: record.id, name: networkNameOf(a), type: 'bridge' });
      Object.assign(record, { status: 'exited', pid: 0, exitCode: signal !== null ? 128 + signal : code, finishedAt: this.host.kernel.clock.now(), oomKilled: oom, plannedExit: null, server: null });
      for (const p of this.host.kernel.list()) if (p.argv.includes(record.id) && p.comm === 'containerd-shim') this.host.kernel.exit(p.pid, 0);
      cleanupContainer(this.host, record);
      if (record.hostConfig.autoRemove && this.containers.delete(record.id)) this.forget(record);
    }
  }

  /** The running container that has `address` (its bridge IP), if any. */
  byAddress(address: string): ContainerRecord | undefined {
    this.reconcile();
    return [...this.containers.values()].find((c) => c.status === 'running' && attachmentsOf(c).some((a) => a.ipAddress === address));
  }

  /** The running container that publishes `hostPort` on the host, and the port inside it. */
  byPublishedPort(hostPort: number): { record: ContainerRecord; port: number } | undefined {
    this.reconcile();
    for (const c of this.containers.values()) {
      const binding = c.status === 'running' ? c.hostConfig.portBindings.find((p) => p.hostPort === hostPort) : undefined;
      if (binding) return { record: c, port: binding.containerPort };
    }
    return undefined;
  }

  /** The running container whose pid namespace holds process `pid` (a shell or program inside it). */
  containerOfProcess(pid: number): ContainerRecord | undefined {
    const process = this.host.kernel.get(pid);
    if (!process) return undefined;
    return [...this.containers.values()].find((c) => {
      const init = c.status === 'running' ? this.host.kernel.get(c.pid) : undefined;
      return !!init && this.host.kernel.isInPidNamespace(process, init.ns.pid);
    });
  }

  /** docker save: the named images and their layers, as an archive. */
  async saveImages(references: string[]): Promise<ImageArchive> {
    const archive = await saveImages(this.images, this.host, references);
    for (const image of archive.images) this.events.emit('image', 'save', image.id, { name: image.repoTags[0] ?? image.id });
    return archive;
  }

  /** docker load: an archive's images into the store. */
  async loadImages(archive: ImageArchive): Promise<LoadResult> {
    const loaded = await loadImages(this.images, this.host, archive);
    for (const image of loaded.images) this.events.emit('image', 'load', image.id, { name: image.repoTags[0] ?? image.id });
    return loaded;
  }

  /** A program in the container starts (or stops) listening. */
  setServer(record: ContainerRecord, server: ServerState | null): void {
    record.server = server;
    if (server) this.servingWaiters.get(record.id)?.();
  }

  /** Appends to a container's logs (servers log each request they answer). */
  appendLog(record: ContainerRecord, stream: LogLine['stream'], text: string): void {
    this.log(record, stream, text);
  }

  private log(record: ContainerRecord, stream: LogLine['stream'], text: string): void {
    if (!text) return;
    const time = this.host.kernel.clock.now();
    for (const line of text.replace(/\n$/, '').split('\n')) {
      const entry = { stream, text: line, time };
      record.logs.push(entry);
      for (const listener of this.logListeners.get(record.id) ?? []) listener(entry);
    }
  }

  /** `docker network connect`: one more network for the container, live when it runs. */
  connectNetwork(record: ContainerRecord, reference: string): void {
    const network = this.networks.require(reference);
    if (record.hostConfig.networkMode === 'host' || network.name === 'host' || network.name === 'none') {
      throw new DockerError('container sharing network namespace with another container or host cannot be connected to any other network', 1);
    }
    if (attachmentsOf(record).some((a) => networkNameOf(a) === network.name)) throw new DockerError(`endpoint with name ${record.name} already exists in network ${network.name}`, 1);
    const attachment = this.networks.allocate(network.name, [...this.containers.values()]);
    if (record.network === null) record.network = attachment;
    else record.moreNetworks = [...(record.moreNetworks ?? []), attachment];
    this.events.emit('network', 'connect', network.id, { container: record.id, name: network.name, type: 'bridge' });
    const init = record.status === 'running' ? this.host.kernel.get(record.pid) : undefined;
    if (init) plug(this.host, this.networks, record, init.ns.net, attachment, attachmentsOf(record).length - 1);
  }

  /** `docker network disconnect`. */
  disconnectNetwork(record: ContainerRecord, reference: string): void {
    const network = this.networks.require(reference);
    const all = attachmentsOf(record);
    const index = all.findIndex((a) => networkNameOf(a) === network.name);
    if (index === -1) throw new DockerError(`container ${record.id} is not connected to network ${network.name}`, 1);
    const init = record.status === 'running' ? this.host.kernel.get(record.pid) : undefined;
    if (init) unplug(this.host, record, init.ns.net, all[index], index);
    this.events.emit('network', 'disconnect', network.id, { container: record.id, name: network.name, type: 'bridge' });
    const rest = all.filter((_, i) => i !== index);
    record.network = rest[0] ?? null;
    record.moreNetworks = rest.slice(1);
  }

  /** What `docker events` prints after a container event: image, name, and the image's labels. */
  private attributesOf(record: ContainerRecord): Record<string, string> {
    const image = this.images.images.get(record.imageId);
    const labels = (image && this.images.configOf(image)?.Labels) ?? {};
    return { ...labels, image: record.image, name: record.name };
  }

  /** The first network's address; none for `--network none` and `host` (the host's own stack). */
  private attachAtCreate(mode: string): ContainerRecord['network'] {
    if (mode === 'none' || mode === 'host') return null;
    if (!this.networks.find(mode)) throw new DockerError(`network ${mode} not found`);
    return this.networks.allocate(mode, [...this.containers.values()]);
  }

  snapshot(): DockerSnapshot {
    return { ...this.images.snapshot(), volumes: [...this.volumes.values()], buildCache: this.builder.snapshot(), containers: structuredClone([...this.containers.values()]), ...this.networks.snapshot() };
  }
}

/** What ps shows for the main process: the program's own title where it sets one. */
function displayArgv(program: Program, argv: string[]): string[] {
  if (program.kind === 'daemon') return program.title;
  const skip = ['/docker-entrypoint.sh', 'docker-entrypoint.sh'];
  return argv.filter((a, i) => i > 0 || !skip.includes(a));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
