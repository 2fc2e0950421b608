/**
 * Tools such as `ls` print differently to a terminal (columns, quoted names) than to a pipe or a
 * file (one name per line). just-bash gives commands no isatty, so this plugin tells them: a command
 * whose standard output goes straight to the terminal gets a hidden first argument.
 *
 * Only commands that ask for it (TTY_AWARE) are marked; everything else sees its argv untouched.
 */
import type { TransformPlugin } from 'just-bash';
import { literalCommandName } from '../ast';

export const TTY_FLAG = '--dockyard-stdout-is-a-tty';
const TTY_AWARE = new Set(['clear', 'ls', 'curl', 'docker', 'redis-cli', 'kubeadm', 'kubectl', 'scp', '__dockyard_kk']);
const STDOUT_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>']);

type Node = { type?: string; [key: string]: unknown };

/** `onTerminal` says whether the shell's own stdout is a terminal (not so in `docker exec` without -t). */
export function ttyMarkPlugin(onTerminal: () => boolean): TransformPlugin {
  return {
    name: 'tty-mark',
    transform({ ast }) {
      visit(ast as unknown as Node, !onTerminal());
      return { ast };
    },
  };
}

function redirectsStdout(node: Node): boolean {
  const redirections = (node.redirections as { operator: string; fd?: number | null }[] | undefined) ?? [];
  return redirections.some((r) => STDOUT_REDIRECTS.has(r.operator) && (r.fd === null || r.fd === undefined || r.fd === 1));
}

function visit(node: Node, captured: boolean): void {
  if (!node || typeof node !== 'object') return;
  if (node.type === 'Pipeline') {
    const commands = node.commands as Node[];
    commands.forEach((command, i) => visit(command, captured || i < commands.length - 1));
    return;
  }
  if (node.type === 'CommandSubstitution' || node.type === 'ProcessSubstitution') {
    for (const value of Object.values(node)) visitValue(value, true);
    return;
  }
  if (node.type === 'SimpleCommand') {
    const name = literalCommandName(node);
    if (name && TTY_AWARE.has(name) && !captured && !redirectsStdout(node)) {
      (node.args as unknown[]).unshift({ type: 'Word', parts: [{ type: 'Literal', value: TTY_FLAG }] });
    }
    for (const value of Object.values(node)) visitValue(value, true);
    return;
  }
  const nowCaptured = captured || redirectsStdout(node);
  for (const value of Object.values(node)) visitValue(value, nowCaptured);
}

function visitValue(value: unknown, captured: boolean): void {
  if (Array.isArray(value)) value.forEach((v) => visit(v as Node, captured));
  else if (value && typeof value === 'object') visit(value as Node, captured);
}

/** Removes the mark from argv: whether stdout is a terminal, and the real arguments. */
export function takeTtyFlag(args: string[]): { tty: boolean; args: string[] } {
  return args[0] === TTY_FLAG ? { tty: true, args: args.slice(1) } : { tty: false, args };
}
