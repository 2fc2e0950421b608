/**
 * A probe's history on the simulated clock, worked out from its answer rather than run tick by
 * tick: ticks fall `initialDelaySeconds` after the start and then every `periodSeconds`; where the
 * answer no longer changes, a whole run of ticks is taken at once, so a probe that has failed for
 * a day costs no more than one that failed once. The thresholds act as the kubelet's worker does:
 * `failureThreshold` failures in a row trip a liveness or startup probe (and turn a ready
 * container not ready), `successThreshold` successes in a row make it ready again.
 */
import type { Probe } from '../api/types';
import type { Answer, Outcome } from './probe-answers';

export interface Ticks {
  /** When the container started (the answer's clock). */
  start: number;
  /** The first tick: start + initialDelaySeconds, or later when a startup probe held it back. */
  first: number;
  period: number;
}

export function ticksOf(probe: Probe, start: number, gate = start): Ticks {
  const period = Math.max(1, probe.periodSeconds ?? 10) * 1000;
  let first = start + Math.max(0, probe.initialDelaySeconds ?? 0) * 1000;
  if (first < gate) first += Math.ceil((gate - first) / period) * period;
  return { start, first, period };
}

export const failureThreshold = (probe: Probe) => Math.max(1, probe.failureThreshold ?? 3);
export const successThreshold = (probe: Probe) => Math.max(1, probe.successThreshold ?? 1);

/**
 * Visits the outcomes of the ticks in [from, to] in runs: one tick at a time while the answer may
 * change, then the rest as one run (`count` may be Infinity when `to` is). Stops when `visit` says so.
 */
export function walk(answer: Answer, ticks: Ticks, from: number, to: number, visit: (outcome: Outcome, count: number, firstAt: number) => boolean | void): void {
  const { start, first, period } = ticks;
  for (let k = Math.max(0, Math.ceil((from - first) / period)); ; k++) {
    const at = first + k * period;
    if (at > to) return;
    if (at - start >= answer.stableFrom) {
      const count = to === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : Math.floor((to - first) / period) - k + 1;
      visit(answer.at(at - start), count, at);
      return;
    }
    if (visit(answer.at(at - start), 1, at)) return;
  }
}

/** When `failureThreshold` failures in a row first come (a liveness or startup probe trips), if ever. */
export function firstTrip(answer: Answer, ticks: Ticks, probe: Probe, stopAtSuccess = false): number | undefined {
  const threshold = failureThreshold(probe);
  let failures = 0;
  let trip: number | undefined;
  walk(answer, ticks, ticks.first, Number.POSITIVE_INFINITY, (outcome, count, firstAt) => {
    if (outcome.ok) {
      failures = 0;
      return stopAtSuccess;
    }
    if (failures + count >= threshold) {
      trip = firstAt + (threshold - failures - 1) * ticks.period;
      return true;
    }
    failures += count;
  });
  return trip;
}

/** When a startup probe first succeeds, if ever. */
export function firstSuccess(answer: Answer, ticks: Ticks): number | undefined {
  let at: number | undefined;
  walk(answer, ticks, ticks.first, Number.POSITIVE_INFINITY, (outcome, _count, firstAt) => {
    if (outcome.ok) at = firstAt;
    return outcome.ok;
  });
  return at;
}

/** Whether a readiness probe passes at `now` (a container starts not ready), and when that next changes. */
export function readinessAt(answer: Answer, ticks: Ticks, probe: Probe, now: number): { ready: boolean; next?: number } {
  const needed = { ok: successThreshold(probe), fail: failureThreshold(probe) };
  let ready = false;
  let okRun = 0;
  let failRun = 0;
  let next: number | undefined;
  walk(answer, ticks, ticks.first, Number.POSITIVE_INFINITY, (outcome, count, firstAt) => {
    let flip: number | undefined;
    if (outcome.ok) {
      if (!ready && okRun + count >= needed.ok) flip = firstAt + (needed.ok - okRun - 1) * ticks.period;
      okRun += count;
      failRun = 0;
    } else {
      if (ready && failRun + count >= needed.fail) flip = firstAt + (needed.fail - failRun - 1) * ticks.period;
      failRun += count;
      okRun = 0;
    }
    if (flip === undefined) return false;
    if (flip > now) {
      next = flip;
      return true;
    }
    ready = !ready;
    return false;
  });
  return { ready, next };
}

/** The failed ticks in [from, to]: how many, and the last one's message. */
export function failuresBetween(answer: Answer, ticks: Ticks, from: number, to: number): { count: number; message: string } {
  let count = 0;
  let message = '';
  if (to < from) return { count, message };
  walk(answer, ticks, from, to, (outcome, n) => {
    if (outcome.ok) return;
    count += n;
    message = outcome.message;
  });
  return { count, message };
}
