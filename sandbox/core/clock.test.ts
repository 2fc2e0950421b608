import { describe, expect, it, vi } from 'vitest';
import { createElapsedClock, createManualClock, FAST_FORWARD_BEAT_MS } from './clock';

describe('createElapsedClock', () => {
  it('follows elapsed time from its start', () => {
    let elapsed = 1_000;
    const clock = createElapsedClock(() => elapsed, 0);
    elapsed += 2_500;
    expect(clock.now()).toBe(2_500);
  });

  it('fast-forwards: the simulated time jumps, the real wait is a short beat', async () => {
    vi.useFakeTimers();
    try {
      const clock = createElapsedClock(() => 0, 0);
      const waited = clock.fastForward(300_000);
      await vi.advanceTimersByTimeAsync(FAST_FORWARD_BEAT_MS);
      await waited;
      expect(clock.now()).toBe(300_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends a fast-forward early on Ctrl-C, and skips nothing once aborted', async () => {
    const clock = createElapsedClock(() => 0, 0);
    const abort = new AbortController();
    abort.abort();
    await clock.fastForward(60_000, abort.signal);
    expect(clock.now()).toBe(0);
  });
});

describe('createManualClock', () => {
  it('fast-forwards as it sleeps: at once', async () => {
    const clock = createManualClock(0);
    await clock.fastForward(5_000);
    expect(clock.now()).toBe(5_000);
  });
});
