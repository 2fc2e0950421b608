/**
 * Files for the editor pane and the file tree, read in the shell worker through the active
 * shell's own view of the filesystem (its mount namespace, its chroot), the same view `cat` and
 * `ls` have.
 */
import type { Console, ShellSession } from '@/sandbox';
import type { DirectoryEntry } from './protocol';

type FileSystem = ShellSession['filesystem'];

/** `path` made absolute against `cwd`, with `.` and `..` resolved. */
export function resolvePath(cwd: string, path: string): string {
  const parts: string[] = [];
  for (const part of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

export async function readForEditor(shell: Console, path: string): Promise<{ path: string; content: string; exists: boolean; error?: string }> {
  const fs = shell.top.session.filesystem;
  let directory = false;
  try {
    directory = (await fs.stat(path)).isDirectory;
  } catch {
    return { path, content: '', exists: false };
  }
  if (directory) return { path, content: '', exists: true, error: `${path}: Is a directory` };
  return { path, content: await shell.readFile(path), exists: true };
}

export async function listDirectory(fs: FileSystem, path: string): Promise<{ path: string; entries: DirectoryEntry[] }> {
  const names = (await fs.readdir(path)).filter((name) => !name.startsWith('.'));
  const entries = await Promise.all(
    names.map(async (name): Promise<DirectoryEntry> => {
      try {
        return { name, directory: (await fs.stat(resolvePath(path, name))).isDirectory };
      } catch {
        return { name, directory: false }; // a dangling link
      }
    }),
  );
  entries.sort((a, b) => Number(b.directory) - Number(a.directory) || a.name.localeCompare(b.name));
  return { path, entries };
}

/**
 * The editor's Save, as an editor would do it: into an existing directory, never over a
 * directory (the sandbox's filesystem would otherwise make the missing directories, or turn a
 * directory into a file).
 */
export async function writeForEditor(shell: Console, path: string, content: string): Promise<void> {
  const fs = shell.top.session.filesystem;
  const parent = path.slice(0, path.lastIndexOf('/')) || '/';
  let parentIsDirectory = false;
  try {
    parentIsDirectory = (await fs.stat(parent)).isDirectory;
  } catch {
    // missing
  }
  if (!parentIsDirectory) throw new Error(`${path}: No such file or directory`);
  try {
    if ((await fs.stat(path)).isDirectory) throw new Error(`${path}: Is a directory`);
  } catch (error) {
    if (error instanceof Error && error.message.endsWith('Is a directory')) throw error;
    // a new file
  }
  await shell.writeFile(path, content);
}
