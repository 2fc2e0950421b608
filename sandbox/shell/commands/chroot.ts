/**
 * chroot (coreutils): run a command with another directory as `/`. Only what that directory holds
 * exists inside: a root filesystem without /usr/bin/ls has no `ls`, which is the lesson.
 */
import { defineCommand } from 'just-bash';
import { subtreeFs } from '../../fs/subtree-fs';
import type { ShellContext } from '../context';
import { isInteractiveShell, quoteArgs } from './program';
import { fail, ok } from './result';

export function chrootCommand(ctx: ShellContext) {
  return defineCommand('chroot', async (args, commandContext) => {
    const operands = args.filter((a) => !a.startsWith('--'));
    if (operands.length === 0) return fail("chroot: missing operand\nTry 'chroot --help' for more information.\n", 125);
    const fs = commandContext.fs;
    const newRoot = fs.resolvePath(commandContext.cwd, operands[0]);
    let isDir = false;
    try {
      isDir = (await fs.stat(newRoot)).isDirectory;
    } catch {
      return fail(`chroot: cannot change root directory to '${operands[0]}': No such file or directory\n`, 125);
    }
    if (!isDir) return fail(`chroot: cannot change root directory to '${operands[0]}': Not a directory\n`, 125);
    const program = operands.length > 1 ? operands.slice(1) : ['/bin/bash', '-i'];
    const rootFs = subtreeFs(ctx.mounts.view, newRoot);
    // The program must exist inside the new root, as the kernel's execve would insist.
    const binary = program[0].includes('/') ? program[0] : `/usr/bin/${program[0]}`;
    const found = (await rootFs.exists(binary)) || (await rootFs.exists(`/bin/${program[0]}`));
    if (!found) return fail(`chroot: failed to run command '${program[0]}': No such file or directory\n`, 127);
    const child = ctx.kernel.spawn({ parent: ctx.shellPid, argv: program, foreground: true, rssKiB: 4_096 });
    const session = ctx.host.openShell(child.pid, '/', rootFs);
    const finish = (status: number) => {
      if (ctx.kernel.get(child.pid)) ctx.kernel.exit(child.pid, status);
    };
    if (isInteractiveShell(program.filter((a) => a !== '-i').length === 1 ? [program[0]] : program)) {
      child.comm = 'bash';
      await session.start();
      ctx.host.console.push(ctx.host.shellFrame(child.pid, session, finish));
      return ok();
    }
    const result = await session.run(program[0] === '/bin/sh' && program[1] === '-c' ? (program[2] ?? '') : quoteArgs(program));
    finish(result.exitCode);
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
  });
}
