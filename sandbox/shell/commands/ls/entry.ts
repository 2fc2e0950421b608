/** What ls knows about one name: its stat, its link target, and how GNU ls would show it. */
import type { FsStat, IFileSystem } from 'just-bash';
import { deviceOf, isCharDevice, type DeviceNumber } from '../../../fs/special-files';

export interface LsEntry {
  name: string;
  path: string;
  stat: FsStat;
  linkTarget?: string;
  device?: DeviceNumber;
  nlink: number;
}

/** Pseudo filesystems report directory sizes of 0; disk filesystems a block. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

export async function describe(fs: IFileSystem, path: string, name: string): Promise<LsEntry> {
  const stat = await fs.lstat(path);
  const entry: LsEntry = { name, path, stat, nlink: 1 };
  if (stat.isSymbolicLink) entry.linkTarget = await fs.readlink(path);
  if (isCharDevice(stat)) entry.device = deviceOf(stat);
  if (stat.isDirectory) {
    const pseudo = PSEUDO_ROOTS.some((root) => path === root || path.startsWith(root + '/'));
    if (!pseudo && stat.size === 0) entry.stat = { ...stat, size: 4096 };
    entry.nlink = 2;
    try {
      const children = fs.readdirWithFileTypes ? await fs.readdirWithFileTypes(path) : [];
      entry.nlink += children.filter((c) => c.isDirectory).length;
    } catch {
      // unreadable directory: keep the minimum
    }
  }
  return entry;
}

export function modeString(entry: LsEntry): string {
  const { stat } = entry;
  const type = stat.isSymbolicLink ? 'l' : stat.isDirectory ? 'd' : entry.device ? 'c' : '-';
  const bits = stat.isSymbolicLink ? 0o777 : stat.mode & 0o777;
  let out = type;
  for (const shift of [6, 3, 0]) {
    const triple = (bits >> shift) & 7;
    out += (triple & 4 ? 'r' : '-') + (triple & 2 ? 'w' : '-') + (triple & 1 ? 'x' : '-');
  }
  if (stat.mode & 0o1000) out = out.slice(0, 9) + (out[9] === 'x' ? 't' : 'T');
  return out;
}

/** The name as ls prints it to a terminal: quoted when it holds characters a shell would read. */
export function quoteName(name: string, tty: boolean): string {
  if (!tty || /^[\w@%+=:,./~-]+$/.test(name) && !/[[\]]/.test(name)) return name;
  return `'${name.replace(/'/g, `'\\''`)}'`;
}

export function classify(entry: LsEntry): string {
  if (entry.stat.isDirectory) return '/';
  if (entry.stat.isSymbolicLink) return '@';
  if (entry.stat.mode & 0o111 && entry.stat.isFile) return '*';
  return '';
}
