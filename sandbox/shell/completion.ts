/**
 * Tab completion as readline does it: the first word of a command completes against command
 * names, later words against paths; one match completes (a `/` after a directory, a space after
 * anything else), several matches extend to their common prefix and are offered as a list.
 */
import type { IFileSystem } from 'just-bash';

export interface Completion {
  /** Where the word being completed starts in the line. */
  start: number;
  /** What replaces line[start, cursor). Equal to the typed word when nothing can be added. */
  replacement: string;
  /** Every candidate, for the list shown on a second Tab. Empty when there is one match or none. */
  candidates: string[];
}

export interface CompletionContext {
  fs: IFileSystem;
  cwd: string;
  home: string;
  commandNames: string[];
}

const COMMAND_SEPARATORS = /(?:^|[|;&(]|&&|\|\|)\s*$/;

export async function complete(line: string, cursor: number, context: CompletionContext): Promise<Completion> {
  const before = line.slice(0, cursor);
  const start = wordStart(before);
  const word = before.slice(start);
  const isCommandPosition = COMMAND_SEPARATORS.test(before.slice(0, start)) && !word.includes('/');
  const matches = isCommandPosition ? matchCommands(word, context.commandNames) : await matchPaths(word, context);
  if (matches.length === 0) return { start, replacement: word, candidates: [] };
  if (matches.length === 1) {
    const only = matches[0];
    return { start, replacement: only.endsWith('/') ? only : only + ' ', candidates: [] };
  }
  return { start, replacement: commonPrefix(matches), candidates: matches.map(displayName) };
}

function wordStart(text: string): number {
  let i = text.length;
  while (i > 0 && !/[\s|;&<>()]/.test(text[i - 1])) i--;
  return i;
}

function matchCommands(prefix: string, names: string[]): string[] {
  return [...new Set(names.filter((name) => name.startsWith(prefix)))].sort();
}

async function matchPaths(word: string, { fs, cwd, home }: CompletionContext): Promise<string[]> {
  const slash = word.lastIndexOf('/');
  const typedDir = slash === -1 ? '' : word.slice(0, slash + 1);
  const partial = word.slice(slash + 1);
  const expandedDir = typedDir.startsWith('~') ? home + typedDir.slice(1) : typedDir;
  const dir = fs.resolvePath(cwd, expandedDir === '' ? '.' : expandedDir);
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return [];
  }
  const showHidden = partial.startsWith('.');
  const matches: string[] = [];
  for (const name of entries.sort()) {
    if (!name.startsWith(partial) || (!showHidden && name.startsWith('.'))) continue;
    let isDirectory = false;
    try {
      isDirectory = (await fs.stat(fs.resolvePath(dir, name))).isDirectory;
    } catch {
      // a dangling symlink completes as a plain name
    }
    matches.push(typedDir + name + (isDirectory ? '/' : ''));
  }
  return matches;
}

function commonPrefix(words: string[]): string {
  let prefix = words[0];
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Lists show the last path component, as bash does (`/etc/ho<Tab><Tab>` lists `host.conf hostname hosts`). */
function displayName(match: string): string {
  const trimmed = match.endsWith('/') ? match.slice(0, -1) : match;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) + (match.endsWith('/') ? '/' : '');
}
