/**
 * swapon and swapoff (util-linux 2.39 on Ubuntu 24.04) over the kernel's swap areas. `swapon`
 * alone or `--show` prints the table (nothing when no swap is on), `-s` the raw /proc/swaps;
 * `swapon -a` activates what /etc/fstab lists, `swapoff -a` deactivates every area. Only the
 * installer's /swap.img carries a swap signature (mkswap is not modelled).
 */
import { defineCommand } from 'just-bash';
import { procSwaps, SWAP_FILE, SWAP_FILE_AREA, fstabSwaps, type SwapArea } from '../../kernel/swap';
import { SWAP_REFUSAL } from '../../kubernetes/node/kubelet-swap';
import type { ShellContext } from '../context';
import { getopt } from './getopt';
import { fail, ok } from './result';

const COLUMNS = ['NAME', 'TYPE', 'SIZE', 'USED', 'PRIO', 'UUID', 'LABEL'] as const;
const RIGHT = new Set(['SIZE', 'USED', 'PRIO']);

/** util-linux's size_to_human_string: one letter, one decimal when it is not zero. */
export function humanSize(bytes: number): string {
  const units = ['B', 'K', 'M', 'G', 'T', 'P'];
  let exp = 0;
  while (exp < units.length - 1 && bytes >= 1024 ** (exp + 1)) exp++;
  if (exp === 0) return `${bytes}B`;
  let value = Math.round((bytes / 1024 ** exp) * 10) / 10;
  if (value >= 1024 && exp < units.length - 1) {
    exp++;
    value = Math.round((value / 1024) * 10) / 10;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)}${units[exp]}`;
}

function table(areas: readonly SwapArea[], columns: string[], bytes: boolean, headings: boolean): string {
  if (areas.length === 0) return '';
  const size = (kib: number) => (bytes ? String(kib * 1024) : humanSize(kib * 1024));
  const cell = (a: SwapArea, column: string) => ({ NAME: a.path, TYPE: a.type, SIZE: size(a.sizeKiB), USED: size(a.usedKiB), PRIO: String(a.priority) })[column] ?? '';
  const rows = [...(headings ? [columns] : []), ...areas.map((a) => columns.map((c) => cell(a, c)))];
  const widths = columns.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const last = columns.length - 1;
  return rows.map((r) => r.map((v, i) => (RIGHT.has(columns[i]) ? v.padStart(widths[i]) : i === last ? v : v.padEnd(widths[i]))).join(' ') + '\n').join('');
}

function isRoot(ctx: ShellContext): boolean {
  return ctx.kernel.require(ctx.shellPid).uid === 0;
}

async function exists(fs: { exists(path: string): Promise<boolean> }, path: string): Promise<boolean> {
  return fs.exists(path).catch(() => false);
}

export function swaponCommand(ctx: ShellContext) {
  return defineCommand('swapon', async (args, commandContext) => {
    const parsed = getopt('swapon', args, { long: { all: { short: 'a' }, show: { value: 'optional' }, summary: { short: 's' }, bytes: {}, noheadings: {}, verbose: { short: 'v' }, priority: { short: 'p', value: 'required' }, discard: { short: 'd', value: 'optional' }, 'fixpgsz': { short: 'f' }, 'ifexists': { short: 'e' } }, permute: true });
    if ('error' in parsed) return fail(parsed.error, 1);
    const { options, operands } = parsed;
    const { kernel } = ctx;
    if (options.has('summary')) return ok(kernel.swaps.length ? procSwaps(kernel.swaps) : '');
    if (options.has('show') || (!options.has('all') && operands.length === 0)) {
      const show = options.get('show');
      const columns = typeof show === 'string' ? show.split(',').map((c) => c.trim().toUpperCase()) : ['NAME', 'TYPE', 'SIZE', 'USED', 'PRIO'];
      const unknown = columns.find((c) => !(COLUMNS as readonly string[]).includes(c));
      if (unknown) return fail(`swapon: unknown column: ${unknown}\n`, 1);
      return ok(table(kernel.swaps, columns, options.has('bytes'), !options.has('noheadings')));
    }
    const fs = commandContext.fs;
    let targets = operands.map((p) => fs.resolvePath(commandContext.cwd, p));
    if (options.has('all')) {
      const text = await fs.readFile('/etc/fstab').catch(() => '');
      // -a skips what is already on and, quietly, what does not exist.
      const listed = fstabSwaps(text).filter((p) => !kernel.swaps.some((a) => a.path === p));
      targets = [...targets, ...(await Promise.all(listed.map(async (p) => ((await exists(fs, p)) ? p : null)))).filter((p): p is string => p !== null)];
    }
    let status = 0;
    let stderr = '';
    for (const path of targets) {
      if (!(await exists(fs, path))) {
        if (options.has('ifexists')) continue;
        stderr += `swapon: cannot open ${path}: No such file or directory\n`;
      } else if (path !== SWAP_FILE) stderr += `swapon: ${path}: read swap header failed\n`;
      else if (!isRoot(ctx)) stderr += `swapon: ${path}: swapon failed: Operation not permitted\n`;
      else if (kernel.swaps.some((a) => a.path === path)) stderr += `swapon: ${path}: swapon failed: Device or resource busy\n`;
      else {
        const priority = options.get('priority');
        kernel.swaps.push({ ...SWAP_FILE_AREA, priority: typeof priority === 'string' && /^-?\d+$/.test(priority) ? Number(priority) : SWAP_FILE_AREA.priority });
        continue;
      }
      status = 255;
    }
    return { stdout: '', stderr, exitCode: status };
  });
}

export function swapoffCommand(ctx: ShellContext) {
  return defineCommand('swapoff', async (args, commandContext) => {
    const parsed = getopt('swapoff', args, { long: { all: { short: 'a' }, verbose: { short: 'v' } }, permute: true });
    if ('error' in parsed) return fail(parsed.error, 16);
    const { options, operands } = parsed;
    if (!options.has('all') && operands.length === 0) return fail("swapoff: bad usage\nTry 'swapoff --help' for more information.\n", 16);
    const { kernel } = ctx;
    const targets = [...operands.map((p) => commandContext.fs.resolvePath(commandContext.cwd, p)), ...(options.has('all') ? kernel.swaps.map((a) => a.path) : [])];
    let stderr = '';
    let failed = 0;
    let done = 0;
    for (const path of new Set(targets)) {
      if (!isRoot(ctx)) stderr += `swapoff: ${path}: swapoff failed: Operation not permitted\n`;
      else if (!kernel.swaps.some((a) => a.path === path)) stderr += `swapoff: ${path}: swapoff failed: Invalid argument\n`;
      else {
        kernel.swaps = kernel.swaps.filter((a) => a.path !== path);
        done++;
        continue;
      }
      failed++;
    }
    // A kubelet that kept failing on swap comes up at systemd's next restart.
    if (done > 0 && kernel.swaps.length === 0 && ctx.host.kubernetes) ctx.host.services.retry('kubelet', SWAP_REFUSAL);
    const exitCode = failed === 0 ? 0 : options.has('all') ? (done === 0 ? 32 : 64) : 4;
    return { stdout: '', stderr, exitCode };
  });
}
