/**
 * sleep on the simulated clock, as GNU coreutils takes it: several durations are added up, each
 * a number with an optional s, m, h or d suffix, and `infinity` waits until Ctrl-C.
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../context';
import { asProcess } from './as-process';
import { fail, ok } from './result';

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function sleepCommand(ctx: ShellContext) {
  return defineCommand('sleep', async (args, commandContext) => {
    if (args.length === 0) return fail("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    let total = 0;
    for (const arg of args) {
      if (/^inf(inity)?$/i.test(arg)) {
        total = Number.POSITIVE_INFINITY;
        continue;
      }
      const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
      if (!match) return fail(`sleep: invalid time interval ‘${arg}’\nTry 'sleep --help' for more information.\n`);
      total += Number(match[1]) * UNIT_MS[match[2]];
    }
    return asProcess(ctx, ['sleep', ...args], async () => {
      await ctx.kernel.clock.sleep(total, commandContext.signal);
      return ok();
    });
  });
}
