/**
 * kubectl's durations: k8s.io/apimachinery/pkg/util/duration.HumanDuration (the AGE column,
 * `RESTARTS (5s ago)`, the Age of describe's events) and ShortHumanDuration, plus the helpers
 * kubectl's printers wrap them in. Times are RFC 3339 strings; `now` is passed in, never read.
 */

/**
 * HumanDuration: about two or three significant figures. Seconds up to 2m, `XmYs` under 10m,
 * minutes up to 3h, `XhYm` under 8h, hours up to 48h, `XdYh` under 8d, days up to 2y, `XyYd`
 * under 8y, then years. A zero second or minute part is left out (`5m`, `3h`). Up to 2s in the
 * future reads `0s` (clock skew); further is `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24) % 365;
    const years = Math.floor(hours / 24 / 365);
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** ShortHumanDuration: one unit only (`45s`, `3m`, `5h`, `12d`, `2y`); used by `kubectl get events -w` and others. */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.floor(hours / 24)}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** printers' translateTimestampSince: `<unknown>` for an unset time, else HumanDuration of the time since. */
export function since(timestamp: string | undefined | null, now: number): string {
  if (!timestamp) return '<unknown>';
  const then = Date.parse(timestamp);
  if (Number.isNaN(then)) return '<unknown>';
  return humanDuration(now - then);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Go's time.RFC1123Z (`Mon, 02 Jan 2006 15:04:05 -0700`), as describe prints Start Time and
 * CreationTimestamp. kubectl prints in the machine's local zone; the sandbox's hosts run in UTC.
 */
export function rfc1123z(timestamp: string | undefined): string {
  // Go formats the zero time.Time for an unset field.
  if (!timestamp) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(Date.parse(timestamp));
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}
