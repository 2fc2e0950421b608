/** GNU ls's two layouts: the long listing (`-l`) and names in columns down the screen. */
import { classify, modeString, quoteName, type LsEntry } from './entry';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SIX_MONTHS_MS = (365.2425 / 2) * 86_400_000;

export interface LongOptions {
  now: number;
  human: boolean;
  numeric: boolean;
  classify: boolean;
  tty: boolean;
}

function timestamp(mtime: Date, now: number): string {
  const month = MONTHS[mtime.getUTCMonth()];
  const day = String(mtime.getUTCDate()).padStart(2);
  const recent = Math.abs(now - mtime.getTime()) < SIX_MONTHS_MS;
  const tail = recent ? `${String(mtime.getUTCHours()).padStart(2, '0')}:${String(mtime.getUTCMinutes()).padStart(2, '0')}` : ` ${mtime.getUTCFullYear()}`;
  return `${month} ${day} ${tail}`;
}

export function humanSize(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  const units = ['K', 'M', 'G', 'T'];
  let value = bytes;
  let unit = -1;
  do {
    value /= 1024;
    unit++;
  } while (value >= 1024 && unit < units.length - 1);
  return (value < 10 ? (Math.ceil(value * 10) / 10).toFixed(1) : String(Math.ceil(value))) + units[unit];
}

/** 1 KiB blocks used, as `total` adds them up (4 KiB allocation units). */
export function blocks(entry: LsEntry): number {
  if (entry.stat.isSymbolicLink || entry.device) return 0;
  return Math.ceil(entry.stat.size / 4096) * 4;
}

export function longListing(entries: LsEntry[], options: LongOptions): string[] {
  const owner = (uid: number) => (options.numeric ? String(uid) : uid === 0 ? 'root' : String(uid));
  const sizes = entries.map((e) => (e.device ? `${e.device.major}, ${e.device.minor}` : options.human ? humanSize(e.stat.size) : String(e.stat.size)));
  const linkWidth = Math.max(...entries.map((e) => String(e.nlink).length));
  const sizeWidth = Math.max(...sizes.map((s) => s.length));
  return entries.map((entry, i) => {
    const name = quoteName(entry.name, options.tty) + (options.classify ? classify(entry) : '');
    const target = entry.linkTarget !== undefined ? ` -> ${quoteName(entry.linkTarget, options.tty)}` : '';
    return `${modeString(entry)} ${String(entry.nlink).padStart(linkWidth)} ${owner(0)} ${owner(0)} ${sizes[i].padStart(sizeWidth)} ${timestamp(entry.stat.mtime, options.now)} ${name}${target}`;
  });
}

/** Names in columns, filled top to bottom then left to right, two spaces apart, within `width`. */
export function columns(names: string[], width: number): string[] {
  if (names.length === 0) return [];
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const column = names.slice(c * rows, (c + 1) * rows);
      if (column.length === 0) break;
      widths.push(Math.max(...column.map((n) => n.length)));
    }
    const total = widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
    if (total > width && cols > 1) continue;
    const lines: string[] = [];
    for (let r = 0; r < rows; r++) {
      let line = '';
      widths.forEach((w, c) => {
        const name = names[c * rows + r];
        if (name === undefined) return;
        const last = c === widths.length - 1 || names[(c + 1) * rows + r] === undefined;
        line += last ? name : name.padEnd(w + 2);
      });
      lines.push(line);
    }
    return lines;
  }
  return names;
}
