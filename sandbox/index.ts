/**
 * The sandbox's only public API: a deterministic simulated world, built from a seed and a clock.
 * It runs in a Web Worker in the browser and in Node for tests and the headless CLI.
 */
import { createManualClock, type Clock } from './core/clock';
import { createRandom, type Random } from './core/random';
import { Host, type HostSnapshot } from './host';

export { createElapsedClock, createManualClock, DEFAULT_EPOCH_MS, type Clock, type ManualClock } from './core/clock';
export type { Completion } from './shell/completion';
export type { RunResult, ShellSession } from './shell/session';
export { Host } from './host';

export interface SandboxOptions {
  seed?: number;
  clock?: Clock;
  /**
   * Monotonic milliseconds from the host environment (performance.now in a browser). It only paces
   * the cooperative yields that keep Ctrl-C working; simulated time comes from `clock`.
   */
  elapsed?: () => number;
}

export interface SandboxSnapshot {
  version: typeof SNAPSHOT_VERSION;
  seed: number;
  /** The seeded generator's position, so ids keep their sequence across a restore. */
  randomState: number;
  hosts: HostSnapshot[];
}

/** Bumped whenever the snapshot's shape changes; older saves are set aside, not misread. */
export const SNAPSHOT_VERSION = 1;
export const DEFAULT_HOSTNAME = 'lab';

export class Sandbox {
  readonly clock: Clock;
  readonly random: Random;
  private readonly hosts: Host[];

  private constructor(readonly seed: number, clock: Clock, hosts: Host[], randomState: number = seed) {
    this.clock = clock;
    this.random = createRandom(randomState);
    this.hosts = hosts;
  }

  /** The host the terminal starts on. */
  get host(): Host {
    return this.hosts[0];
  }

  async snapshot(): Promise<SandboxSnapshot> {
    return { version: SNAPSHOT_VERSION, seed: this.seed, randomState: this.random.state(), hosts: await Promise.all(this.hosts.map((h) => h.snapshot())) };
  }

  static async create(options: SandboxOptions = {}): Promise<Sandbox> {
    const seed = options.seed ?? 1;
    const host = await Host.boot({ hostname: DEFAULT_HOSTNAME, address: '10.0.0.10', elapsed: elapsedOrZero(options) });
    return new Sandbox(seed, options.clock ?? createManualClock(), [host]);
  }

  static async restore(saved: SandboxSnapshot, options: SandboxOptions = {}): Promise<Sandbox> {
    if (saved.version !== SNAPSHOT_VERSION) throw new Error(`snapshot version ${saved.version} is not ${SNAPSHOT_VERSION}`);
    const hosts = await Promise.all(saved.hosts.map((h) => Host.restore(h, elapsedOrZero(options))));
    return new Sandbox(saved.seed, options.clock ?? createManualClock(), hosts, saved.randomState);
  }
}

function elapsedOrZero(options: SandboxOptions): () => number {
  if (options.elapsed) return options.elapsed;
  // Without a time source, every loop iteration counts as one millisecond: loops still yield.
  let calls = 0;
  return () => ++calls;
}
