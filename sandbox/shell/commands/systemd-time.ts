/** Timestamps the way systemd prints them: `Mon 2026-03-02 09:00:00 UTC; 5min ago`, `Mar 02 09:00:00`. */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

export function fullTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
}

export function journalTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** systemd's relative form: `2s ago`, `5min 3s ago`, `1h 12min ago`, `2 days ago`. */
export function relative(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 1) return `${Math.max(0, Math.floor(ms))}ms ago`;
  if (s < 60) return `${s}s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return s % 60 ? `${min}min ${s % 60}s ago` : `${min}min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h}h ${min % 60}min ago` : `${h}h ago`;
  const days = Math.floor(h / 24);
  return `${days} day${days > 1 ? 's' : ''} ${h % 24 ? `${h % 24}h ` : ''}ago`;
}

/** A duration such as systemd's `Duration: 10min 2.503s`. */
export function duration(ms: number): string {
  const min = Math.floor(ms / 60000);
  const rest = ((ms % 60000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return min > 0 ? `${min}min ${rest}s` : `${rest}s`;
}

export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)}K`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)}M`;
  return `${(bytes / 1024 ** 3).toFixed(1)}G`;
}
