/** bash's `kill` builtin: signals by name or number, bash's messages and statuses. */
import { defineCommand } from 'just-bash';
import { KernelError } from '../../core/errors';
import { SIGNALS, signalName } from '../../kernel/process';
import type { ShellContext } from '../context';
import { fail, ok } from './result';

const USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

function parseSignal(spec: string): number | null {
  if (/^\d+$/.test(spec)) return Number(spec) <= 64 ? Number(spec) : null;
  const name = spec.toUpperCase().replace(/^SIG/, '');
  return SIGNALS[name] ?? null;
}

export function killCommand(ctx: ShellContext) {
  return defineCommand('kill', async (args) => {
    if (args.length === 0) return fail(`bash: ${USAGE}`, 2);
    if (args[0] === '-l' || args[0] === '-L') {
      if (args[1]) {
        const n = parseSignal(args[1]);
        return n === null ? fail(`bash: kill: ${args[1]}: invalid signal specification\n`) : ok(`${/^\d+$/.test(args[1]) ? signalName(n) : n}\n`);
      }
      return ok(
        Object.entries(SIGNALS)
          .sort((a, b) => a[1] - b[1])
          .map(([name, n]) => `${String(n).padStart(2)}) SIG${name}`)
          .join('\t') + '\n',
      );
    }
    let signal: number = SIGNALS.TERM;
    let rest = args;
    if (args[0] === '-s' || args[0] === '-n') {
      const parsed = args[1] === undefined ? null : parseSignal(args[1]);
      if (parsed === null) return fail(`bash: kill: ${args[1] ?? ''}: invalid signal specification\n`);
      signal = parsed;
      rest = args.slice(2);
    } else if (args[0].startsWith('-') && args[0] !== '--') {
      const parsed = parseSignal(args[0].slice(1));
      if (parsed === null) return fail(`bash: kill: ${args[0].slice(1)}: invalid signal specification\n`);
      signal = parsed;
      rest = args.slice(1);
    }
    if (rest[0] === '--') rest = rest.slice(1);
    if (rest.length === 0) return fail(`bash: ${USAGE}`, 2);
    const viewer = ctx.kernel.require(ctx.shellPid).ns.pid;
    let stderr = '';
    for (const target of rest) {
      if (!/^-?\d+$/.test(target)) {
        stderr += `bash: kill: ${target}: arguments must be process or job IDs\n`;
        continue;
      }
      const process = ctx.kernel.findByPid(viewer, Number(target));
      if (!process) {
        stderr += `bash: kill: (${target}) - No such process\n`;
        continue;
      }
      try {
        ctx.kernel.kill(process.pid, signal);
      } catch (error) {
        if (!(error instanceof KernelError)) throw error;
        stderr += `bash: kill: (${target}) - ${error.text}\n`;
      }
    }
    return stderr ? fail(stderr) : ok();
  });
}
