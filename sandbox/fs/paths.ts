/** Path helpers shared by the filesystems: one normalisation, one existence test. */
import type { IFileSystem } from 'just-bash';

/** `/a/./b/../c/` → `/a/c`: no empty parts, no dots, always absolute. */
export function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

/** Whether anything (even a dangling symlink) is at `path`. */
export async function pathExists(fs: IFileSystem, path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}
