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
}

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
  };
}

/**
 * A clock that starts at `startMs` and advances with an elapsed-time source supplied by the host
 * environment (the worker passes `performance.now`), so the sandbox itself never reads real time.
 */
export function createElapsedClock(elapsedMs: () => number, startMs: number = DEFAULT_EPOCH_MS): Clock {
  const origin = elapsedMs();
  return {
    now: () => startMs + Math.floor(elapsedMs() - origin),
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
      }),
  };
}

function waitForAbort(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (!signal || signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
