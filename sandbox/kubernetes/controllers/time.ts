export { rfc3339 } from '../api/time';

/** Milliseconds from an RFC 3339 timestamp; NaN when absent or malformed. */
export function parseTime(value: string | undefined | null): number {
  return value ? Date.parse(value) : NaN;
}
