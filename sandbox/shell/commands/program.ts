/**
 * Starting a program inside a prepared process (after unshare, nsenter or chroot): an interactive
 * shell takes over the terminal; anything else runs to completion and its output flows back into
 * the caller's pipeline, as `unshare --uts hostname` would.
 */
import type { Process } from '../../kernel/process';
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

/**
 * The end of unshare and nsenter: `program` runs as `child` (the launcher itself, or its fork),
 * as a nested interactive shell when it is one, and both processes exit with its status.
 */
export async function launch(ctx: ShellContext, launcher: Process, child: Process, program: string[], cwd: string): Promise<CommandResult> {
  const finish = (status: number) => {
    if (ctx.kernel.get(child.pid)) ctx.kernel.exit(child.pid, status);
    if (ctx.kernel.get(launcher.pid)) ctx.kernel.exit(launcher.pid, status);
  };
  if (isInteractiveShell(program)) {
    child.comm = 'bash';
    child.tty = ctx.kernel.require(ctx.shellPid).tty;
    const session = ctx.host.openShell(child.pid, cwd);
    await session.start();
    ctx.host.console.push(ctx.host.shellFrame(child.pid, session, finish));
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  const result = await runProgram(ctx, child.pid, program, cwd);
  finish(result.exitCode);
  return result;
}
