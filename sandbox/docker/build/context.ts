/**
 * The build context: every file under the context directory, less what .dockerignore excludes
 * (patterns with `*`, `?` and `**`, directory names, and `!` exceptions, last match wins).
 */
import type { IFileSystem } from 'just-bash';

export interface ContextFile {
  /** Relative to the context root, without a leading slash. */
  path: string;
  content: Uint8Array;
  mode: number;
}

function patternToRegExp(pattern: string): RegExp {
  const clean = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
  let re = '';
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i];
    if (c === '*' && clean[i + 1] === '*') {
      re += '.*';
      i++;
      if (clean[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern naming a directory excludes everything under it too.
  return new RegExp(`^${re}(?:/.*)?$`);
}

export function ignoreMatcher(dockerignore: string | null): (path: string) => boolean {
  const rules = (dockerignore ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => (l.startsWith('!') ? { exclude: false, re: patternToRegExp(l.slice(1)) } : { exclude: true, re: patternToRegExp(l) }));
  return (path) => {
    let excluded = false;
    for (const rule of rules) if (rule.re.test(path)) excluded = rule.exclude;
    return excluded;
  };
}

export async function readContext(fs: IFileSystem, root: string): Promise<{ files: ContextFile[]; bytes: number; dockerignoreBytes: number }> {
  let dockerignore: string | null = null;
  try {
    dockerignore = await fs.readFile(`${root}/.dockerignore`);
  } catch {
    // no .dockerignore
  }
  const ignored = ignoreMatcher(dockerignore);
  const files: ContextFile[] = [];
  const walk = async (dir: string, rel: string) => {
    for (const name of (await fs.readdir(dir)).sort()) {
      const relPath = rel ? `${rel}/${name}` : name;
      if (ignored(relPath)) continue;
      const full = `${dir === '/' ? '' : dir}/${name}`;
      const stat = await fs.lstat(full);
      if (stat.isDirectory) await walk(full, relPath);
      else if (stat.isFile) files.push({ path: relPath, content: await fs.readFileBuffer(full), mode: stat.mode & 0o7777 });
    }
  };
  await walk(root, '');
  return { files, bytes: files.reduce((sum, f) => sum + f.content.length, 0), dockerignoreBytes: dockerignore?.length ?? 0 };
}
