/**
 * ps (procps-ng 4.0): the processes in /proc, in the formats students meet first — `ps`, `ps aux`,
 * `ps -ef`, `ps -o`, `--forest` / `f`. Like the real ps it reads the /proc mounted in its mount
 * namespace: after `unshare --pid --fork` *without* `--mount-proc` it still lists the host's processes.
 */
import { defineCommand } from 'just-bash';
import { ProcFs } from '../../../fs/procfs';
import type { Process } from '../../../kernel/process';
import type { ShellContext } from '../../context';
import { asProcess } from '../as-process';
import { fail, ok } from '../result';
import { COLUMNS, TEXT_COLUMNS, type ColumnContext } from './columns';

interface PsRequest {
  all: boolean;
  withoutTty: boolean;
  bsdAll: boolean;
  format: string[];
  forest: boolean;
  pids: number[] | null;
  names: string[] | null;
  headers: boolean;
  /** Headers given with `-o name=LABEL`, by column. */
  labels?: (string | undefined)[];
}

const FORMAT_DEFAULT = ['pid', 'tname', 'time', 'ucmd'];
const FORMAT_FULL = ['uname', 'pid', 'ppid', 'c', 'stime', 'tname', 'time', 'cmd'];
const FORMAT_USER = ['user', 'pid', '%cpu', '%mem', 'vsz', 'rss', 'tname', 'stat', 'start', 'bsdtime', 'command'];
const FORMAT_BSD = ['pid', 'tname', 'stat', 'bsdtime', 'command'];

const USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

function usageError(message: string) {
  return fail(`error: ${message}\n${USAGE}`, 1);
}

export function parsePs(args: string[]): PsRequest | { error: string } {
  const request: PsRequest = { all: false, withoutTty: false, bsdAll: false, format: [], forest: false, pids: null, names: null, headers: true };
  let full = false;
  let user = false;
  let bsd = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const next = () => args[++i];
    if (arg === '--forest') request.forest = true;
    else if (arg === '--no-headers' || arg === '--no-heading') request.headers = false;
    else if (arg === '-o' || arg === '--format' || arg === 'o') {
      const list = next();
      if (list === undefined) return { error: 'list of output formats must follow -o' };
      request.format.push(...list.split(/[,\s]+/).filter(Boolean));
    } else if (arg.startsWith('-o') && arg.length > 2) request.format.push(...arg.slice(2).split(','));
    else if (arg.startsWith('--format=')) request.format.push(...arg.slice(9).split(','));
    else if (arg === '-p' || arg === '--pid' || arg === 'p') {
      const list = next();
      if (list === undefined || !/^\d+([,\s]\d+)*$/.test(list)) return { error: 'process ID list syntax error' };
      request.pids = [...(request.pids ?? []), ...list.split(/[,\s]/).map(Number)];
    } else if (arg === '-C') {
      const list = next();
      if (list === undefined) return { error: 'list of command names must follow -C' };
      request.names = list.split(',');
    } else if (arg.startsWith('--')) return { error: 'unknown gnu long option' };
    else if (arg.startsWith('-')) {
      const flags = arg.slice(1);
      for (let j = 0; j < flags.length; j++) {
        const flag = flags[j];
        if (flag === 'e' || flag === 'A') request.all = true;
        else if (flag === 'f') full = true;
        else if (flag === 'H') request.forest = true;
        else if (flag === 'o' || flag === 'p') {
          // `-eo pid,comm`: the value is the rest of this argument or the next one.
          const value = j + 1 < flags.length ? flags.slice(j + 1) : next();
          if (value === undefined) return { error: flag === 'o' ? 'list of output formats must follow -o' : 'process ID list syntax error' };
          if (flag === 'o') request.format.push(...value.split(/[,\s]+/).filter(Boolean));
          else if (/^\d+([,\s]\d+)*$/.test(value)) request.pids = [...(request.pids ?? []), ...value.split(/[,\s]/).map(Number)];
          else return { error: 'process ID list syntax error' };
          break;
        } else return { error: 'unsupported SysV option' };
      }
    } else {
      bsd = true;
      for (const flag of arg) {
        if (flag === 'a') request.bsdAll = true;
        else if (flag === 'x') request.withoutTty = true;
        else if (flag === 'u') user = true;
        else if (flag === 'f') request.forest = true;
        else if (flag === 'w') continue;
        else return { error: 'unsupported option (BSD syntax)' };
      }
    }
  }
  if (request.format.length > 0) {
    // `-o pid=` or `-o pid=ID`: the text after `=` is the column's header (empty: no header).
    request.labels = request.format.map((item) => (item.includes('=') ? item.slice(item.indexOf('=') + 1) : undefined));
    request.format = request.format.map((item) => item.split('=')[0]);
    const unknown = request.format.find((name) => !COLUMNS[name.toLowerCase()]);
    if (unknown) return { error: `unknown user-defined format specifier "${unknown}"` };
    request.format = request.format.map((name) => name.toLowerCase());
    if (request.labels.every((label) => label === '')) request.headers = false;
  } else request.format = user ? FORMAT_USER : full ? FORMAT_FULL : bsd ? FORMAT_BSD : FORMAT_DEFAULT;
  return request;
}

export function psCommand(ctx: ShellContext) {
  return defineCommand('ps', async (args, commandContext) => {
    if (await isBusybox(commandContext.fs)) return asProcess(ctx, ['ps', ...args], ({ pid }) => ok(renderBusyboxPs(ctx, pid)));
    const request = parsePs(args);
    if ('error' in request) return usageError(request.error);
    const proc = ctx.mounts.list().filter((m) => m.target === '/proc').at(-1)?.fs;
    if (!(proc instanceof ProcFs)) return fail('Error, do this: mount -t proc proc /proc\n', 1);
    return asProcess(ctx, ['ps', ...args], ({ pid }) => ok(renderPs(ctx, request, proc.pidNamespaceInode, pid)));
  });
}

function renderPs(ctx: ShellContext, request: PsRequest, pidNamespace: number, selfPid: number): string {
  const { kernel } = ctx;
  const self = kernel.require(selfPid);
  const visible = kernel.list().filter((p) => kernel.pidIn(p, pidNamespace) !== undefined);
  const local = (p: Process) => kernel.pidIn(p, pidNamespace)!;
  let selected = visible.filter((p) => {
    if (request.pids) return request.pids.includes(local(p));
    if (request.names) return request.names.includes(p.comm);
    if (request.all || (request.bsdAll && request.withoutTty)) return true;
    if (request.bsdAll) return p.tty !== null;
    if (request.withoutTty) return p.uid === self.uid;
    return p.tty === self.tty && p.uid === self.uid;
  });
  selected.sort((a, b) => local(a) - local(b));
  const columnContext: ColumnContext = { kernel, pidNamespace, now: kernel.clock.now() };
  if (request.forest) {
    const { order, prefixes } = forest(selected, local);
    selected = order;
    columnContext.forest = prefixes;
  }
  const columns = request.format.map((name) => ({ name, ...COLUMNS[name] }));
  const rows = selected.map((p) => columns.map((c) => c.value(p, columnContext)));
  const lines = request.headers ? [columns.map((c, i) => request.labels?.[i] ?? c.header), ...rows] : rows;
  return lines
    .map((cells) =>
      cells
        .map((cell, i) => {
          const column = columns[i];
          if (i === columns.length - 1 && TEXT_COLUMNS.has(column.name)) return cell;
          return column.align === 'right' ? cell.padStart(column.width) : cell.padEnd(column.width);
        })
        .join(' ')
        .trimEnd(),
    )
    .map((line) => line + '\n')
    .join('');
}

/**
 * procps's forest: children under their parent with ` \_ `; the children of pid 1 (and pid 0) start
 * at the left margin, as every daemon does in `ps axf`.
 */
function forest(processes: Process[], local: (p: Process) => number): { order: Process[]; prefixes: Map<number, string> } {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const children = new Map<number, Process[]>();
  const roots: Process[] = [];
  for (const p of processes) {
    const parent = byPid.get(p.ppid);
    // The children of the viewer's pid 1 (init) start at the margin, as every daemon does in `ps axf`.
    if (!parent || local(parent) <= 1) roots.push(p);
    else children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  }
  const order: Process[] = [];
  const prefixes = new Map<number, string>();
  const visit = (p: Process, depth: number) => {
    order.push(p);
    prefixes.set(p.pid, depth === 0 ? '' : `${'    '.repeat(depth - 1)} \\_ `);
    for (const child of children.get(p.pid) ?? []) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return { order, prefixes };
}

/** In Alpine and BusyBox images `ps` is a BusyBox applet, with its own simpler table. */
async function isBusybox(fs: { readlink(path: string): Promise<string> }): Promise<boolean> {
  try {
    return (await fs.readlink('/bin/ps')).endsWith('busybox');
  } catch {
    return false;
  }
}

function renderBusyboxPs(ctx: ShellContext, selfPid: number): string {
  const { kernel } = ctx;
  const viewer = kernel.require(selfPid).ns.pid;
  const rows = kernel
    .list()
    .filter((p) => kernel.pidIn(p, viewer) !== undefined)
    .sort((a, b) => kernel.pidIn(a, viewer)! - kernel.pidIn(b, viewer)!)
    .map((p) => {
      const seconds = Math.floor(p.cpuMs / 1000);
      const time = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
      return `${String(kernel.pidIn(p, viewer)).padStart(5)} ${(p.uid === 0 ? 'root' : String(p.uid)).padEnd(8)} ${time.padStart(5)} ${p.argv.join(' ')}`;
    });
  return ['PID   USER     TIME  COMMAND', ...rows].join('\n') + '\n';
}
