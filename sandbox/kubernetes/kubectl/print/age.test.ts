import { describe, expect, it } from 'vitest';
import { humanDuration, rfc1123z, shortHumanDuration, since } from './age';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-3 * s, '<invalid>'], [-1.5 * s, '0s'], [0, '0s'], [5 * s, '5s'], [59 * s, '59s'], [119 * s, '119s'],
    [2 * m, '2m'], [2 * m + 30 * s, '2m30s'], [9 * m + 59 * s, '9m59s'], [10 * m + 30 * s, '10m'],
    [179 * m, '179m'], [3 * h, '3h'], [3 * h + 20 * m, '3h20m'], [7 * h + 59 * m, '7h59m'], [8 * h + 30 * m, '8h'],
    [47 * h, '47h'], [48 * h, '2d'], [2 * d + 5 * h, '2d5h'], [7 * d + 23 * h, '7d23h'], [8 * d + 5 * h, '8d'],
    [729 * d, '729d'], [2 * y, '2y'], [2 * y + 10 * d, '2y10d'], [8 * y + 10 * d, '8y'],
  ])('%d ms is %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('shortHumanDuration', () => {
  it.each([[59 * s, '59s'], [90 * s, '1m'], [59 * m, '59m'], [23 * h, '23h'], [400 * d, '1y'], [-2 * s, '<invalid>']])('%d ms is %s', (ms, text) =>
    expect(shortHumanDuration(ms)).toBe(text));
});

describe('since and rfc1123z', () => {
  const now = Date.parse('2025-01-15T12:00:00Z');
  it('is the HumanDuration since a timestamp, <unknown> when unset', () => {
    expect(since('2025-01-15T11:55:00Z', now)).toBe('5m');
    expect(since(undefined, now)).toBe('<unknown>');
  });
  it('formats describe times as Go time.RFC1123Z in UTC', () => {
    expect(rfc1123z('2025-01-05T09:04:03Z')).toBe('Sun, 05 Jan 2025 09:04:03 +0000');
  });
});
