/**
 * Starting a program inside a prepared process (after unshare, nsenter or chroot): an interactive
 * shell takes over the terminal; anything else runs to completion and its output flows back into
 * the caller's pipeline, as `unshare --uts hostname` would.
 */
import type { ShellContext } from '../context';
import type { CommandResult } from './result';

const SHELLS = new Set(['bash', 'sh', '/bin/bash', '/bin/sh', '/usr/bin/bash', '/usr/bin/sh', '-bash']);

/** `bash`, `sh -i`, `/bin/bash -l`: a shell that would read commands from the terminal. */
export function isInteractiveShell(argv: string[]): boolean {
  return SHELLS.has(argv[0] ?? '') && argv.slice(1).every((a) => ['-i', '-l', '--login', '--norc', '--noprofile'].includes(a));
}

export function quoteArgs(argv: string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * Runs `argv` as process `pid` (already in its namespaces) and ends the process with the program's
 * status. A `bash -c '...'` runs its script; other programs run as a one-line command.
 */
export async function runProgram(ctx: ShellContext, pid: number, argv: string[], cwd?: string): Promise<CommandResult> {
  const shell = ctx.host.openShell(pid, cwd);
  const script = SHELLS.has(argv[0]) && argv[1] === '-c' ? (argv[2] ?? '') : quoteArgs(argv);
  const previous = ctx.host.runningPid;
  ctx.host.runningPid = pid;
  try {
    const result = await shell.run(script);
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
  } finally {
    ctx.host.runningPid = previous !== null && ctx.kernel.get(previous) ? previous : null;
  }
}
