/** Timestamps as the API writes them, from the simulated clock's milliseconds. */

/** metav1.Time: RFC 3339 to the second, `2026-03-02T09:00:00Z`. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** metav1.MicroTime (Lease renewTime, events.k8s.io eventTime): `2026-03-02T09:00:00.123000Z`. */
export function rfc3339Micro(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Milliseconds since the epoch of an API timestamp, NaN when it is not one. */
export function parseTimestamp(text: string): number {
  return Date.parse(text);
}
