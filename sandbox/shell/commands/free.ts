/** free (procps-ng 4.0): memory totals from the kernel model, in KiB, MiB, GiB or human units. */
import { defineCommand } from 'just-bash';
import { MACHINE } from '../../kernel/machine';
import { swapTotals } from '../../kernel/swap';
import type { ShellContext } from '../context';
import { asProcess } from './as-process';
import { fail, ok } from './result';

const RECLAIMABLE_SLAB_KIB = 71_932;
const SHARED_KIB = 1_216;

function human(kib: number): string {
  const units = ['Ki', 'Mi', 'Gi', 'Ti'];
  let value = kib;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (kib === 0) return '0B';
  if (unit === 0) return `${kib}Ki`;
  return (value < 10 ? value.toFixed(1) : String(Math.round(value))) + units[unit];
}

export function freeCommand(ctx: ShellContext) {
  return defineCommand('free', async (args) =>
    asProcess(ctx, ['free', ...args], () => {
      let scale: (kib: number) => string = (kib) => String(kib);
      for (const arg of args) {
        if (arg === '-h' || arg === '--human') scale = human;
        else if (arg === '-m' || arg === '--mebi') scale = (kib) => String(Math.floor(kib / 1024));
        else if (arg === '-g' || arg === '--gibi') scale = (kib) => String(Math.floor(kib / 1024 / 1024));
        else if (arg === '-k' || arg === '--kibi') scale = (kib) => String(kib);
        else if (arg === '-b' || arg === '--bytes') scale = (kib) => String(kib * 1024);
        else if (arg === '-w' || arg === '--wide' || arg === '-t' || arg === '--total') continue;
        else return fail(`free: invalid option -- '${arg.replace(/^-+/, '')}'\n\nUsage:\n free [options]\n`);
      }
      const total = MACHINE.memTotalKiB;
      const processes = ctx.kernel.list().reduce((sum, p) => sum + p.rssKiB, 0);
      const used = processes + MACHINE.kernelKiB;
      const cache = MACHINE.cachedKiB + MACHINE.buffersKiB + RECLAIMABLE_SLAB_KIB;
      const free = Math.max(0, total - used - cache);
      const available = Math.min(total, free + cache - 120_000);
      const cell = (value: string) => value.padStart(12);
      const swap = swapTotals(ctx.kernel.swaps);
      return ok(
        `${''.padEnd(8)}${['total', 'used', 'free', 'shared', 'buff/cache', 'available'].map(cell).join('')}\n` +
          `${'Mem:'.padEnd(8)}${[total, used, free, SHARED_KIB, cache, available].map((v) => cell(scale(v))).join('')}\n` +
          `${'Swap:'.padEnd(8)}${[swap.totalKiB, swap.usedKiB, swap.totalKiB - swap.usedKiB].map((v) => cell(scale(v))).join('')}\n`,
      );
    }),
  );
}
