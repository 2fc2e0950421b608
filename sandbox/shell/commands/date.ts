/**
 * date (GNU coreutils 9.4's face) on the simulated clock, so it agrees with `ls -l`, `docker ps`
 * and the logs. The hosts run in UTC. Supports +FORMAT with the common conversions, -u, -R, -I,
 * and -d with `@SECONDS` or a date string. Setting the clock is not modelled, and says so.
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../context';
import { fail, ok } from './result';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, width = 2, fill = '0') => String(n).padStart(width, fill);

export function formatDate(ms: number, format: string): string {
  const d = new Date(ms);
  const hour12 = d.getUTCHours() % 12 || 12;
  const dayOfYear = Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  const conversions: Record<string, () => string> = {
    a: () => DAYS[d.getUTCDay()].slice(0, 3),
    A: () => DAYS[d.getUTCDay()],
    b: () => MONTHS[d.getUTCMonth()].slice(0, 3),
    h: () => MONTHS[d.getUTCMonth()].slice(0, 3),
    B: () => MONTHS[d.getUTCMonth()],
    c: () => formatDate(ms, '%a %b %e %H:%M:%S %Y'),
    C: () => pad(Math.floor(d.getUTCFullYear() / 100)),
    d: () => pad(d.getUTCDate()),
    D: () => formatDate(ms, '%m/%d/%y'),
    e: () => pad(d.getUTCDate(), 2, ' '),
    F: () => formatDate(ms, '%Y-%m-%d'),
    H: () => pad(d.getUTCHours()),
    I: () => pad(hour12),
    j: () => pad(dayOfYear, 3),
    k: () => pad(d.getUTCHours(), 2, ' '),
    l: () => pad(hour12, 2, ' '),
    m: () => pad(d.getUTCMonth() + 1),
    M: () => pad(d.getUTCMinutes()),
    n: () => '\n',
    N: () => pad((ms % 1000) * 1_000_000, 9),
    p: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    P: () => (d.getUTCHours() < 12 ? 'am' : 'pm'),
    r: () => formatDate(ms, '%I:%M:%S %p'),
    R: () => formatDate(ms, '%H:%M'),
    s: () => String(Math.floor(ms / 1000)),
    S: () => pad(d.getUTCSeconds()),
    t: () => '\t',
    T: () => formatDate(ms, '%H:%M:%S'),
    u: () => String(d.getUTCDay() || 7),
    w: () => String(d.getUTCDay()),
    y: () => pad(d.getUTCFullYear() % 100),
    Y: () => String(d.getUTCFullYear()),
    z: () => '+0000',
    Z: () => 'UTC',
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (all, letter: string) => conversions[letter]?.() ?? all);
}

export function dateCommand(ctx: ShellContext) {
  return defineCommand('date', async (args) => {
    let format = '%a %b %e %H:%M:%S %Z %Y';
    let when = ctx.kernel.clock.now();
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-u' || arg === '--utc' || arg === '--universal') continue;
      else if (arg === '-R' || arg === '--rfc-email') format = '%a, %d %b %Y %H:%M:%S %z';
      else if (arg === '-I' || arg === '--iso-8601' || arg === '-Idate') format = '%Y-%m-%d';
      else if (arg === '-Iseconds' || arg === '--iso-8601=seconds') format = '%Y-%m-%dT%H:%M:%S+00:00';
      else if (arg === '-d' || arg === '--date' || arg.startsWith('--date=')) {
        const text = arg.startsWith('--date=') ? arg.slice(7) : args[++i];
        if (text === undefined) return fail("date: option requires an argument -- 'd'\nTry 'date --help' for more information.\n");
        const parsed = text.startsWith('@') ? Number(text.slice(1)) * 1000 : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text} UTC`);
        if (Number.isNaN(parsed)) return fail(`date: invalid date ‘${text}’\n`);
        when = parsed;
      } else if (arg === '-s' || arg === '--set' || arg.startsWith('--set=')) {
        return fail('dockyard: the lab\'s clock follows the simulation and cannot be set\n');
      } else if (arg.startsWith('+')) format = arg.slice(1);
      else if (arg.startsWith('-')) return fail(`date: invalid option -- '${arg.replace(/^-+/, '')}'\nTry 'date --help' for more information.\n`);
      else return fail(`date: invalid date ‘${arg}’\n`);
    }
    return ok(`${formatDate(when, format)}\n`);
  });
}
