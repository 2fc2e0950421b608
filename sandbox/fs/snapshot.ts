/**
 * A filesystem as plain data and back: how a world survives a worker restart or a page reload.
 * Entries are listed parents first so that restoring them in order never needs `recursive`.
 */
import { InMemoryFs, type IFileSystem } from 'just-bash';

export type FsEntry =
  | { path: string; kind: 'dir'; mode: number; mtime: number }
  | { path: string; kind: 'file'; mode: number; mtime: number; text?: string; base64?: string }
  | { path: string; kind: 'symlink'; target: string };

export interface FsSnapshot {
  entries: FsEntry[];
}

const textDecoder = new TextDecoder('utf-8', { fatal: true });

export async function snapshotFs(fs: IFileSystem): Promise<FsSnapshot> {
  const entries: FsEntry[] = [];
  const paths = fs.getAllPaths().filter((p) => p !== '/' && !p.startsWith('/proc/') && p !== '/proc').sort();
  for (const path of paths) {
    const stat = await fs.lstat(path);
    if (stat.isSymbolicLink) {
      entries.push({ path, kind: 'symlink', target: await fs.readlink(path) });
    } else if (stat.isDirectory) {
      entries.push({ path, kind: 'dir', mode: stat.mode, mtime: stat.mtime.getTime() });
    } else {
      const bytes = await fs.readFileBuffer(path);
      const entry: FsEntry = { path, kind: 'file', mode: stat.mode, mtime: stat.mtime.getTime() };
      try {
        entry.text = textDecoder.decode(bytes);
      } catch {
        entry.base64 = toBase64(bytes);
      }
      entries.push(entry);
    }
  }
  return { entries };
}

export async function restoreFs(snapshot: FsSnapshot): Promise<InMemoryFs> {
  const fs = new InMemoryFs();
  for (const entry of snapshot.entries) {
    if (entry.kind === 'dir') {
      fs.mkdirSync(entry.path, { recursive: true });
    } else if (entry.kind === 'file') {
      fs.writeFileSync(entry.path, entry.base64 !== undefined ? fromBase64(entry.base64) : (entry.text ?? ''));
    } else {
      await fs.symlink(entry.target, entry.path);
    }
  }
  // Modes and times last: a read-only directory would refuse the files put into it.
  for (const entry of snapshot.entries) {
    if (entry.kind === 'symlink') continue;
    await fs.chmod(entry.path, entry.mode & 0o7777);
    await fs.utimes(entry.path, new Date(entry.mtime), new Date(entry.mtime));
  }
  return fs;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
