/** id (coreutils): the user and groups of the calling process. */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../context';
import { fail, ok } from './result';

const NAMES: Record<number, string> = { 0: 'root', 33: 'www-data', 65534: 'nobody' };
const name = (id: number) => NAMES[id] ?? String(id);

export function idCommand(ctx: ShellContext) {
  return defineCommand('id', async (args) => {
    const p = ctx.kernel.require(ctx.shellPid);
    const operand = args.find((a) => !a.startsWith('-'));
    if (operand && operand !== 'root' && operand !== name(p.uid)) return fail(`id: '${operand}': no such user\n`);
    if (args.includes('-u')) return ok(args.includes('-n') ? `${name(p.uid)}\n` : `${p.uid}\n`);
    if (args.includes('-g')) return ok(args.includes('-n') ? `${name(p.gid)}\n` : `${p.gid}\n`);
    if (args.includes('-G')) return ok(args.includes('-n') ? `${name(p.gid)}\n` : `${p.gid}\n`);
    const bad = args.find((a) => a.startsWith('-') && !['-n', '-r', '-z'].includes(a));
    if (bad) return fail(`id: invalid option -- '${bad.replace(/^-+/, '')}'\nTry 'id --help' for more information.\n`);
    return ok(`uid=${p.uid}(${name(p.uid)}) gid=${p.gid}(${name(p.gid)}) groups=${p.gid}(${name(p.gid)})\n`);
  });
}
