/** The docker CLI's formatting helpers: go-units sizes and durations, and tabwriter tables. */

/** units.HumanSizeWithPrecision(size, 3): SI units, three significant digits: `192MB`, `13.3kB`. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${Number(value.toPrecision(3))}${units[unit]}`;
}

/** units.HumanDuration: `Less than a second`, `4 seconds`, `About a minute`, `7 weeks`, `17 months`. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

/**
 * text/tabwriter as the docker CLI sets it up (`tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`):
 * each column as wide as its widest cell plus three spaces, and never narrower than ten.
 */
export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0].map((_, i) => Math.max(10, 3 + Math.max(...rows.map((r) => (r[i] ?? '').length))));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('').trimEnd() + '\n').join('');
}

export const CANNOT_CONNECT = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n';

/**
 * `--format` as the docker CLI applies it to a listing: a Go template per row; with a `table `
 * prefix, a header row of the fields' column names first and `\t` separated cells aligned by
 * tabwriter.
 */
export function formatListing(format: string, rows: Record<string, string>[], headers: Record<string, string>): string {
  const tableMode = format.startsWith('table');
  const template = (tableMode ? format.slice(5).trimStart() : format).replace(/\\t/g, '\t');
  const render = (values: Record<string, string>) => template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => values[key] ?? '<no value>');
  if (!tableMode) return rows.map((r) => `${render(r)}\n`).join('');
  const cells = [render(headers), ...rows.map(render)].map((line) => line.split('\t'));
  return table(cells);
}
