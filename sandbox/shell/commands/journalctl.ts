/** journalctl (systemd 255): the host's journal, all of it or one unit's (`-u`), optionally the last N lines. */
import { defineCommand } from 'just-bash';
import { unitName } from '../../kernel/unit-catalogue';
import type { ShellContext } from '../context';
import { getopt } from './getopt';
import { fail, ok } from './result';
import { journalLine } from './systemctl';

const SPEC = {
  long: {
    unit: { short: 'u', value: 'required' as const },
    lines: { short: 'n', value: 'optional' as const },
    follow: { short: 'f' },
    'no-pager': {},
    pager_end: { short: 'e' },
    boot: { short: 'b', value: 'optional' as const },
    catalog: { short: 'x' },
    'no-hostname': {},
  },
  permute: true,
};

export function journalctlCommand(ctx: ShellContext) {
  return defineCommand('journalctl', async (args, commandContext) => {
    const parsed = getopt('journalctl', args, SPEC);
    if ('error' in parsed) return fail(parsed.error);
    const { options } = parsed;
    const unit = options.get('unit');
    const { services } = ctx.host;
    let entries = services.entries(typeof unit === 'string' ? unitName(unit) : undefined);
    const lines = options.get('lines');
    if (lines !== undefined) entries = entries.slice(-(lines === true ? 10 : Number(lines)));
    else if (options.has('pager_end')) entries = entries.slice(-1000);
    const hostname = ctx.kernel.uts(ctx.kernel.require(ctx.shellPid)).hostname;
    const text = entries.length === 0 ? '-- No entries --\n' : entries.map((e) => (options.has('no-hostname') ? journalLine(e, '').replace(/ {2}/, ' ') : journalLine(e, hostname))).join('');
    if (options.has('follow')) {
      // -f keeps watching until interrupted; nothing new arrives while the terminal is busy here.
      await ctx.kernel.clock.sleep(Number.POSITIVE_INFINITY, commandContext.signal);
    }
    return ok(text);
  });
}
