/**
 * ls (GNU coreutils 9.4): real modes, owners, sizes, device numbers and link targets, so that
 * `ls -l /proc/$$/ns` shows `pid -> 'pid:[4026531836]'` and an overlay whiteout shows
 * `c--------- 1 root root 0, 0`. Columns on a terminal, one name per line into a pipe.
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../../context';
import { takeTtyFlag } from '../../plugins/tty-mark';
import { getopt } from '../getopt';
import { fail, ok } from '../result';
import { describe, quoteName, classify, type LsEntry } from './entry';
import { blocks, columns, humanSize, longListing } from './format';

const SPEC = {
  long: {
    all: { short: 'a' },
    'almost-all': { short: 'A' },
    directory: { short: 'd' },
    'human-readable': { short: 'h' },
    classify: { short: 'F' },
    'numeric-uid-gid': { short: 'n' },
    reverse: { short: 'r' },
    recursive: { short: 'R' },
    size: { short: 's' },
    long: { short: 'l' },
    one: { short: '1' },
    time: { short: 't' },
    sizesort: { short: 'S' },
    inode: { short: 'i' },
    color: { value: 'optional' as const },
    help: {},
  },
  permute: true,
};

export function lsCommand(ctx: ShellContext) {
  return defineCommand('ls', async (rawArgs, commandContext) => {
    const { tty, args } = takeTtyFlag(rawArgs);
    const parsed = getopt('ls', args, SPEC);
    if ('error' in parsed) return fail(parsed.error, 2);
    const o = parsed.options;
    const long = o.has('long') || o.has('numeric-uid-gid');
    const fs = commandContext.fs;
    const cwd = commandContext.cwd;
    const targets = parsed.operands.length > 0 ? parsed.operands : ['.'];
    const width = Number(commandContext.env.get('COLUMNS')) || 80;
    let stderr = '';
    let status = 0;
    const files: LsEntry[] = [];
    const dirs: { label: string; path: string }[] = [];
    for (const target of targets) {
      const path = fs.resolvePath(cwd, target);
      try {
        const entry = await describe(fs, path, target);
        const isDir = entry.stat.isDirectory || (entry.stat.isSymbolicLink && !long && (await fs.stat(path)).isDirectory);
        if (isDir && !o.has('directory')) dirs.push({ label: target, path });
        else files.push(entry);
      } catch {
        stderr += `ls: cannot access '${target}': No such file or directory\n`;
        status = 2;
      }
    }
    const sortEntries = (entries: LsEntry[]) => {
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (o.has('time')) entries.sort((a, b) => b.stat.mtime.getTime() - a.stat.mtime.getTime());
      if (o.has('sizesort')) entries.sort((a, b) => b.stat.size - a.stat.size);
      if (o.has('reverse')) entries.reverse();
      return entries;
    };
    const render = (entries: LsEntry[]): string[] => {
      if (long) return longListing(entries, { now: ctx.kernel.clock.now(), human: o.has('human-readable'), numeric: o.has('numeric-uid-gid'), classify: o.has('classify'), tty });
      const names = entries.map((e) => (o.has('size') ? `${o.has('human-readable') ? humanSize(blocks(e) * 1024) : blocks(e)} ` : '') + quoteName(e.name, tty) + (o.has('classify') ? classify(e) : ''));
      return tty && !o.has('one') ? columns(names, width) : names;
    };
    const sections: string[] = [];
    if (files.length > 0) sections.push(render(sortEntries(files)).join('\n') + '\n');
    const showHeaders = targets.length > 1 || o.has('recursive');
    const queue = [...dirs.sort((a, b) => (a.label < b.label ? -1 : 1))];
    while (queue.length > 0) {
      const dir = queue.shift()!;
      let names: string[];
      try {
        names = await fs.readdir(dir.path);
      } catch {
        stderr += `ls: cannot open directory '${dir.label}': Permission denied\n`;
        status = 2;
        continue;
      }
      const visible = names.filter((n) => o.has('all') || o.has('almost-all') || !n.startsWith('.'));
      const entries: LsEntry[] = [];
      for (const name of visible) {
        try {
          entries.push(await describe(fs, dir.path === '/' ? `/${name}` : `${dir.path}/${name}`, name));
        } catch {
          // vanished while listing (a process that exited): skip it, as ls does
        }
      }
      if (o.has('all')) {
        entries.push(await describe(fs, dir.path, '.'));
        entries.push(await describe(fs, dir.path === '/' ? '/' : dir.path.slice(0, dir.path.lastIndexOf('/')) || '/', '..'));
      }
      sortEntries(entries);
      let text = showHeaders ? `${dir.label}:\n` : '';
      if (long || o.has('size')) text += `total ${entries.reduce((sum, e) => sum + blocks(e), 0)}\n`;
      const lines = render(entries);
      if (lines.length > 0) text += lines.join('\n') + '\n';
      sections.push(text);
      if (o.has('recursive')) {
        const subdirs = entries.filter((e) => e.stat.isDirectory && e.name !== '.' && e.name !== '..');
        queue.unshift(...subdirs.map((e) => ({ label: `${dir.label === '/' ? '' : dir.label}/${e.name}`.replace(/^\.\//, './'), path: e.path })));
      }
    }
    return { ...ok(sections.join('\n')), stderr, exitCode: status };
  });
}
