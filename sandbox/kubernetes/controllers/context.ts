/**
 * What every controller of the control plane is built from: the API store it reads and writes
 * through, the simulated clock, the seeded generator for names, and one event recorder shared by
 * all of them (as kube-controller-manager shares its broadcaster).
 */
import type { Random } from '../../core/random';
import type { Store } from '../api/store-types';
import { EventRecorder } from './events';

export interface ControllerContext {
  store: Store;
  /** Milliseconds since the epoch on the simulated clock. */
  now: () => number;
  random: Random;
  events: EventRecorder;
}

/** One control loop. `reconcile()` makes a single pass and returns how many writes it made (0 = idle). */
export interface Reconciler {
  readonly name: string;
  reconcile(): number;
  /**
   * The earliest simulated time (ms) at which a pass could act although nothing else changed
   * (a heartbeat grace period, a toleration running out, a scheduling retry), so the world can
   * fast-forward to it. Undefined when only a change in the store can give it work.
   */
  nextDeadline?(): number | undefined;
}

export function createControllerContext(store: Store, now: () => number, random: Random): ControllerContext {
  return { store, now, random, events: new EventRecorder(store, now) };
}

/**
 * Runs the reconcilers round-robin until a whole round writes nothing; returns the writes made.
 * Throws after `maxRounds` so a controller that never settles fails loudly instead of hanging.
 */
export function runUntilIdle(reconcilers: readonly Reconciler[], maxRounds = 200): number {
  let total = 0;
  for (let round = 0; round < maxRounds; round++) {
    let writes = 0;
    for (const r of reconcilers) writes += r.reconcile();
    total += writes;
    if (writes === 0) return total;
  }
  throw new Error(`controllers did not settle within ${maxRounds} rounds`);
}

/** The earliest `nextDeadline()` of the reconcilers, if any. */
export function nextDeadline(reconcilers: readonly Reconciler[]): number | undefined {
  let best: number | undefined;
  for (const r of reconcilers) {
    const d = r.nextDeadline?.();
    if (d !== undefined && (best === undefined || d < best)) best = d;
  }
  return best;
}
