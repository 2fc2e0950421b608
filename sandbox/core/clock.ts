/**
 * Time in the sandbox comes only from an injected clock, so a world built from the same seed and
 * the same commands is the same world. Tests use a manual clock; the browser worker passes one that
 * follows real elapsed time from a fixed start.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, as the simulated hosts see it. */
  now(): number;
  /**
   * Lets `ms` of simulated time pass (`sleep 5`, `stress --timeout 10s`). A manual clock jumps ahead
   * at once; a real-time clock waits. Either way an abort (Ctrl-C) ends the wait early.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Lets `ms` of simulated time pass at once, for waits the student watches rather than sits
   * through (kubeadm's health checks, `kubectl rollout status`, `kubectl get -w`): a real-time
   * clock jumps ahead and pauses only a short real beat, so lines still appear one by one.
   */
  fastForward(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real pause of a fast-forwarded wait: a twentieth of it, never more than this. */
export const FAST_FORWARD_BEAT_MS = 150;

/** 2026-03-02 09:00:00 UTC: a Monday morning, the moment every fresh world boots. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 2, 2, 9, 0, 0);

export interface ManualClock extends Clock {
  tick(ms: number): void;
}

/** A clock that moves only when told: deterministic for tests and the headless CLI. */
export function createManualClock(startMs: number = DEFAULT_EPOCH_MS): ManualClock {
  let current = startMs;
  const tick = (ms: number) => {
    if (ms < 0) throw new RangeError('a clock cannot go backwards');
    current += ms;
  };
  return {
    now: () => current,
    tick,
    async sleep(ms, signal) {
      if (signal?.aborted) return;
      // An endless wait cannot be fast-forwarded: it lasts until it is interrupted.
      if (!Number.isFinite(ms)) return waitForAbort(signal);
      tick(ms);
    },
    async fastForward(ms, signal) {
      if (signal?.aborted || !Number.isFinite(ms)) return;
      tick(ms);
    },
  };
}

/**
 * A clock that starts at `startMs` and advances with an elapsed-time source supplied by the host
 * environment (the worker passes `performance.now`), so the sandbox itself never reads real time.
 */
export function createElapsedClock(elapsedMs: () => number, startMs: number = DEFAULT_EPOCH_MS): Clock {
  const origin = elapsedMs();
  let skipped = 0;
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  return {
    now: () => startMs + skipped + Math.floor(elapsedMs() - origin),
    sleep,
    async fastForward(ms, signal) {
      if (signal?.aborted || !Number.isFinite(ms)) return;
      skipped += ms;
      await sleep(Math.min(ms / 20, FAST_FORWARD_BEAT_MS), signal);
    },
  };
}

function waitForAbort(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
