/**
 * ps's output columns (procps-ng 4): header, width, alignment and how each value is computed.
 * Widths and headers follow `ps aux`, `ps -ef` and `ps -o` as procps prints them.
 */
import type { Kernel } from '../../../kernel/kernel';
import { MACHINE } from '../../../kernel/machine';
import type { Process } from '../../../kernel/process';

export interface ColumnContext {
  kernel: Kernel;
  /** The pid namespace ps runs in: pids are shown as seen from there. */
  pidNamespace: number;
  now: number;
  /** Forest prefix for the COMMAND column, per pid. */
  forest?: Map<number, string>;
}

export interface Column {
  header: string;
  width: number;
  align: 'left' | 'right';
  value: (p: Process, ctx: ColumnContext) => string;
}

const USERS: Record<number, string> = { 0: 'root', 1: 'daemon', 33: 'www-data', 100: 'messagebus', 101: 'sshd', 65534: 'nobody', 998: 'systemd-network' };

export function userName(uid: number): string {
  const name = USERS[uid] ?? String(uid);
  return name.length > 8 ? name.slice(0, 7) + '+' : name;
}

const pidOf = (p: Process, ctx: ColumnContext) => String(ctx.kernel.pidIn(p, ctx.pidNamespace) ?? 0);
const ppidOf = (p: Process, ctx: ColumnContext) => {
  const parent = ctx.kernel.get(p.ppid);
  return String(parent ? (ctx.kernel.pidIn(parent, ctx.pidNamespace) ?? 0) : 0);
};
const elapsedMs = (p: Process, ctx: ColumnContext) => Math.max(1, ctx.now - p.startedAt);
const cpuPercent = (p: Process, ctx: ColumnContext) => ((p.cpuMs / elapsedMs(p, ctx)) * 100).toFixed(1);
const memPercent = (p: Process) => ((p.rssKiB / MACHINE.memTotalKiB) * 100).toFixed(1);
const two = (n: number) => String(n).padStart(2, '0');

/** `M:SS` as ps aux shows accumulated CPU time. */
function bsdTime(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${two(seconds % 60)}`;
}

/** `[DD-]HH:MM:SS` as ps -ef shows it. */
function unixTime(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86400);
  const clock = `${two(Math.floor((seconds % 86400) / 3600))}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
  return days > 0 ? `${days}-${clock}` : clock;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** START/STIME: the time of day if the process started in the last 24 hours, else the date. */
function startTime(p: Process, ctx: ColumnContext): string {
  const d = new Date(p.startedAt);
  if (ctx.now - p.startedAt < 86_400_000) return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  return `${MONTHS[d.getUTCMonth()]}${two(d.getUTCDate())}`;
}

function stat(p: Process): string {
  return p.state + (p.nice < 0 ? '<' : p.nice > 0 ? 'N' : '') + (p.sessionLeader ? 's' : '') + (p.foreground ? '+' : '');
}

function args(p: Process, ctx: ColumnContext): string {
  const command = p.argv.join(' ');
  return (ctx.forest?.get(p.pid) ?? '') + command;
}

const comm = (p: Process, ctx: ColumnContext) => (ctx.forest?.get(p.pid) ?? '') + p.comm;
const tty = (p: Process) => p.tty ?? '?';
const ns = (type: keyof Process['ns']) => (p: Process) => String(p.ns[type]);

export const COLUMNS: Record<string, Column> = {
  user: { header: 'USER', width: 8, align: 'left', value: (p) => userName(p.uid) },
  uid: { header: 'UID', width: 5, align: 'right', value: (p) => String(p.uid) },
  uname: { header: 'UID', width: 8, align: 'left', value: (p) => userName(p.uid) },
  pid: { header: 'PID', width: 7, align: 'right', value: pidOf },
  ppid: { header: 'PPID', width: 7, align: 'right', value: ppidOf },
  c: { header: 'C', width: 2, align: 'right', value: (p, ctx) => String(Math.floor(Number(cpuPercent(p, ctx)))) },
  '%cpu': { header: '%CPU', width: 4, align: 'right', value: cpuPercent },
  pcpu: { header: '%CPU', width: 4, align: 'right', value: cpuPercent },
  '%mem': { header: '%MEM', width: 4, align: 'right', value: memPercent },
  pmem: { header: '%MEM', width: 4, align: 'right', value: memPercent },
  vsz: { header: 'VSZ', width: 6, align: 'right', value: (p) => String(p.vszKiB) },
  rss: { header: 'RSS', width: 5, align: 'right', value: (p) => String(p.rssKiB) },
  rsz: { header: 'RSZ', width: 5, align: 'right', value: (p) => String(p.rssKiB) },
  tty: { header: 'TT', width: 8, align: 'left', value: tty },
  tname: { header: 'TTY', width: 8, align: 'left', value: tty },
  stat: { header: 'STAT', width: 4, align: 'left', value: stat },
  s: { header: 'S', width: 1, align: 'left', value: (p) => p.state },
  start: { header: 'START', width: 5, align: 'right', value: startTime },
  stime: { header: 'STIME', width: 5, align: 'left', value: startTime },
  bsdtime: { header: 'TIME', width: 6, align: 'right', value: (p) => bsdTime(p.cpuMs) },
  time: { header: 'TIME', width: 8, align: 'right', value: (p) => unixTime(p.cpuMs) },
  etime: { header: 'ELAPSED', width: 11, align: 'right', value: (p, ctx) => unixTime(elapsedMs(p, ctx)).replace(/^00:/, '') },
  ni: { header: 'NI', width: 3, align: 'right', value: (p) => String(p.nice) },
  comm: { header: 'COMMAND', width: 15, align: 'left', value: comm },
  ucmd: { header: 'CMD', width: 15, align: 'left', value: comm },
  args: { header: 'COMMAND', width: 27, align: 'left', value: args },
  command: { header: 'COMMAND', width: 27, align: 'left', value: args },
  cmd: { header: 'CMD', width: 27, align: 'left', value: args },
  cgroup: { header: 'CGROUP', width: 27, align: 'left', value: (p) => `0::${p.cgroup}` },
  pidns: { header: 'PIDNS', width: 10, align: 'right', value: ns('pid') },
  mntns: { header: 'MNTNS', width: 10, align: 'right', value: ns('mnt') },
  utsns: { header: 'UTSNS', width: 10, align: 'right', value: ns('uts') },
  netns: { header: 'NETNS', width: 10, align: 'right', value: ns('net') },
  ipcns: { header: 'IPCNS', width: 10, align: 'right', value: ns('ipc') },
  userns: { header: 'USERNS', width: 10, align: 'right', value: ns('user') },
  cgroupns: { header: 'CGROUPNS', width: 10, align: 'right', value: ns('cgroup') },
};

/** Columns that hold free text: the last one is never padded or cut. */
export const TEXT_COLUMNS = new Set(['args', 'command', 'cmd', 'comm', 'ucmd', 'cgroup']);
