/**
 * lsns (util-linux 2.39): one line per namespace visible through /proc, with how many processes
 * are in it and the lowest pid among them. Containers show up as namespaces with few processes.
 */
import { defineCommand } from 'just-bash';
import { NAMESPACE_TYPES, type NamespaceType } from '../../kernel/namespaces';
import type { Process } from '../../kernel/process';
import type { ShellContext } from '../context';
import { asProcess } from './as-process';
import { userName } from './ps/columns';
import { getopt } from './getopt';
import { fail, ok } from './result';

const SPEC = {
  long: {
    type: { short: 't', value: 'required' as const },
    task: { short: 'p', value: 'required' as const },
    noheadings: { short: 'n' },
    output: { short: 'o', value: 'required' as const },
    list: { short: 'l' },
    help: { short: 'h' },
  },
  permute: true,
};

export function lsnsCommand(ctx: ShellContext) {
  return defineCommand('lsns', async (args) =>
    asProcess(ctx, ['lsns', ...args], ({ pid }) => {
      const parsed = getopt('lsns', args, SPEC);
      if ('error' in parsed) return fail(parsed.error);
      const type = parsed.options.get('type');
      if (typeof type === 'string' && !NAMESPACE_TYPES.includes(type as NamespaceType)) return fail(`lsns: unknown namespace type: ${type}\n`);
      const { kernel } = ctx;
      const viewer = kernel.require(pid).ns.pid;
      const visible = kernel.list().filter((p) => kernel.pidIn(p, viewer) !== undefined);
      const localPid = (p: Process) => kernel.pidIn(p, viewer)!;
      const task = parsed.options.get('task');
      const taskProcess = typeof task === 'string' ? kernel.findByPid(viewer, Number(task)) : undefined;
      if (typeof task === 'string' && !taskProcess) return fail(`lsns: cannot open /proc/${task}: No such file or directory\n`);
      const rows: string[][] = [];
      const seen = new Map<number, { type: NamespaceType; members: Process[] }>();
      for (const p of visible) {
        for (const t of NAMESPACE_TYPES) {
          const inode = p.ns[t];
          const entry = seen.get(inode) ?? { type: t, members: [] };
          entry.members.push(p);
          seen.set(inode, entry);
        }
      }
      for (const [inode, { type: t, members }] of [...seen.entries()].sort((a, b) => a[0] - b[0])) {
        if (type && t !== type) continue;
        if (taskProcess && taskProcess.ns[t] !== inode) continue;
        const first = members.reduce((a, b) => (localPid(a) < localPid(b) ? a : b));
        rows.push([String(inode), t, String(members.length), String(localPid(first)), userName(first.uid), first.argv.join(' ')]);
      }
      const headers = ['NS', 'TYPE', 'NPROCS', 'PID', 'USER', 'COMMAND'];
      const table = parsed.options.has('noheadings') ? rows : [headers, ...rows];
      const widths = headers.map((_, i) => Math.max(...table.map((r) => r[i].length)));
      const right = [true, false, true, true, false, false];
      return ok(table.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : right[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' ').trimEnd() + '\n').join(''));
    }),
  );
}
