/**
 * The sandbox's only public API: a deterministic simulated world, built from a seed and a clock.
 * It runs in a Web Worker in the browser and in Node for tests and the headless CLI.
 */
import { createManualClock, type Clock } from './core/clock';
import { createRandom, type Random } from './core/random';
import { Host, type HostSnapshot } from './host';
import { Lan } from './net/lan';
import { Cluster, type ClusterSnapshot } from './kubernetes/cluster';
import type { Console } from './shell/console';

export { createElapsedClock, createManualClock, DEFAULT_EPOCH_MS, type Clock, type ManualClock } from './core/clock';
export type { Completion } from './shell/completion';
export type { RunResult, ShellSession } from './shell/session';
export type { Console, UiRequest } from './shell/console';
export { Host } from './host';

export interface SandboxOptions {
  seed?: number;
  clock?: Clock;
  /**
   * Monotonic milliseconds from the host environment (performance.now in a browser). It only paces
   * the cooperative yields that keep Ctrl-C working; simulated time comes from `clock`.
   */
  elapsed?: () => number;
  /** The hosts of the world, the terminal's first; by default one host, `lab` at 10.0.0.10. */
  hosts?: { hostname: string; address: string }[];
  /** The hosts have the Kubernetes tools installed. */
  kubernetes?: boolean;
  /** Each host's swap (see HostOptions.swap). */
  swap?: 'on' | 'off';
}

export interface SandboxSnapshot {
  version: typeof SNAPSHOT_VERSION;
  seed: number;
  /** The seeded generator's position, so ids keep their sequence across a restore. */
  randomState: number;
  /** The world's clock when saved: a restored world carries on from there, never back in time. */
  time?: number;
  hosts: HostSnapshot[];
  /** The Kubernetes cluster the hosts form, when there is one. */
  cluster?: { state: ClusterSnapshot; apiServerAddress: string };
}

/** Bumped whenever the snapshot's shape changes; older saves are set aside, not misread. */
export const SNAPSHOT_VERSION = 4;
export const DEFAULT_HOSTNAME = 'lab';

export class Sandbox {
  readonly clock: Clock;
  readonly random: Random;
  private readonly hosts: Host[];

  private constructor(readonly seed: number, clock: Clock, hosts: Host[], random: Random) {
    this.clock = clock;
    this.random = random;
    this.hosts = hosts;
    const lan = new Lan(hosts);
    for (const host of hosts) host.lan = lan;
  }

  /** Every host, the terminal's first. */
  allHosts(): readonly Host[] {
    return this.hosts;
  }

  /** A host of this world by name (`node01`). */
  hostNamed(hostname: string): Host | undefined {
    return this.hosts.find((h) => h.hostname === hostname);
  }

  /** The host the terminal starts on. */
  get host(): Host {
    return this.hosts[0];
  }

  /** The terminal's stack of shells: what a typed line runs in. */
  get console(): Console {
    return this.host.console;
  }

  async snapshot(): Promise<SandboxSnapshot> {
    const cluster = this.host.lan?.cluster;
    return {
      version: SNAPSHOT_VERSION,
      seed: this.seed,
      randomState: this.random.state(),
      time: this.clock.now(),
      hosts: await Promise.all(this.hosts.map((h) => h.snapshot())),
      ...(cluster ? { cluster: { state: cluster.cluster.snapshot(), apiServerAddress: cluster.apiServerAddress } } : {}),
    };
  }

  static async create(options: SandboxOptions = {}): Promise<Sandbox> {
    const seed = options.seed ?? 1;
    const clock = options.clock ?? createManualClock();
    const random = createRandom(seed);
    const hosts: Host[] = [];
    for (const { hostname, address } of options.hosts ?? [{ hostname: DEFAULT_HOSTNAME, address: '10.0.0.10' }]) {
      const mac = `52:54:00:${random.hex(2)}:${random.hex(2)}:${random.hex(2)}`;
      hosts.push(await Host.boot({ random, hostname, address, mac, clock, elapsed: elapsedOrZero(options), peers: options.hosts ?? [], kubernetes: options.kubernetes, swap: options.swap }));
    }
    return new Sandbox(seed, clock, hosts, random);
  }

  static async restore(saved: SandboxSnapshot, options: SandboxOptions = {}): Promise<Sandbox> {
    if (saved.version !== SNAPSHOT_VERSION) throw new Error(`snapshot version ${saved.version} is not ${SNAPSHOT_VERSION}`);
    const clock = options.clock ?? createManualClock(saved.time);
    const random = createRandom(saved.randomState);
    const hosts = await Promise.all(saved.hosts.map((h) => Host.restore(h, clock, elapsedOrZero(options), random)));
    const sandbox = new Sandbox(saved.seed, clock, hosts, random);
    const lan = sandbox.host.lan!;
    if (saved.cluster) lan.cluster = { cluster: Cluster.onLan(lan, clock, random, saved.cluster.state), apiServerAddress: saved.cluster.apiServerAddress };
    // Shells the terminal opened on other hosts (ssh) come back on top of its own.
    hosts.forEach((host, i) => host.reattachRemoteShells(saved.hosts[i], (name) => sandbox.hostNamed(name)));
    return sandbox;
  }
}

function elapsedOrZero(options: SandboxOptions): () => number {
  if (options.elapsed) return options.elapsed;
  // Without a time source, every loop iteration counts as one millisecond: loops still yield.
  let calls = 0;
  return () => ++calls;
}
