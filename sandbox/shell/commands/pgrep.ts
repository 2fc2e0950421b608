/** pgrep and pidof: find processes by name, as seen from the caller's pid namespace. */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../context';
import { fail, ok } from './result';

function matches(ctx: ShellContext, pattern: RegExp, full: boolean) {
  const viewer = ctx.kernel.require(ctx.shellPid).ns.pid;
  return ctx.kernel
    .list()
    .filter((p) => p.pid !== ctx.shellPid && pattern.test(full ? p.argv.join(' ') : p.comm))
    .map((p) => ({ p, pid: ctx.kernel.pidIn(p, viewer) }))
    .filter((m): m is { p: typeof m.p; pid: number } => m.pid !== undefined);
}

export function pgrepCommand(ctx: ShellContext) {
  return defineCommand('pgrep', async (args) => {
    const full = args.includes('-f');
    const list = args.includes('-l') || args.includes('-a');
    const pattern = args.find((a) => !a.startsWith('-'));
    if (!pattern) return fail('pgrep: no matching criteria specified\nTry `pgrep --help\' for more information.\n', 2);
    let regex: RegExp;
    try {
      regex = new RegExp(pattern);
    } catch {
      return fail(`pgrep: cannot compile regular expression '${pattern}'\n`, 2);
    }
    const found = matches(ctx, regex, full);
    if (found.length === 0) return fail('', 1);
    return ok(found.map(({ p, pid }) => (list ? `${pid} ${args.includes('-a') ? p.argv.join(' ') : p.comm}` : String(pid))).join('\n') + '\n');
  });
}

export function pidofCommand(ctx: ShellContext) {
  return defineCommand('pidof', async (args) => {
    const names = args.filter((a) => !a.startsWith('-'));
    const pids = names.flatMap((name) =>
      matches(ctx, new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), false)
        .map((m) => m.pid)
        .sort((a, b) => b - a),
    );
    return pids.length > 0 ? ok(pids.join(' ') + '\n') : fail('', 1);
  });
}
