/**
 * rmdir (coreutils): removes empty directories. The filesystem decides what "empty" means, so a
 * cgroup directory (full of interface files) can go when it has no processes and no children, and
 * refuses with the kernel's EBUSY otherwise.
 */
import { defineCommand } from 'just-bash';
import { ERRNO_TEXT, KernelError, type Errno } from '../../core/errors';
import { fail, ok } from './result';

export function rmdirCommand() {
  return defineCommand('rmdir', async (args, ctx) => {
    const parents = args.includes('-p') || args.includes('--parents');
    const verbose = args.includes('-v') || args.includes('--verbose');
    const targets = args.filter((a) => !a.startsWith('-'));
    if (targets.length === 0) return fail("rmdir: missing operand\nTry 'rmdir --help' for more information.\n");
    let stderr = '';
    let stdout = '';
    for (const target of targets) {
      const chain = [target];
      if (parents) for (let p = target; p.includes('/'); ) chain.push((p = p.slice(0, p.lastIndexOf('/'))));
      for (const dir of chain.filter(Boolean)) {
        const path = ctx.fs.resolvePath(ctx.cwd, dir);
        try {
          const stat = await ctx.fs.stat(path);
          if (!stat.isDirectory) throw new KernelError('ENOTDIR');
          // A non-recursive rm is rmdir(2): each filesystem applies its own rule.
          await ctx.fs.rm(path);
          if (verbose) stdout += `rmdir: removing directory, '${dir}'\n`;
        } catch (error) {
          const text = error instanceof KernelError ? error.text : errnoText(String((error as Error)?.message ?? error));
          stderr += `rmdir: failed to remove '${dir}': ${text}\n`;
          break;
        }
      }
    }
    return stderr ? { stdout, stderr, exitCode: 1 } : ok(stdout);
  });
}

/** Node-style messages (`ENOTEMPTY: directory not empty, rm '/a'`) in the kernel's words. */
function errnoText(message: string): string {
  const code = /^(E[A-Z]+)/.exec(message)?.[1] as Errno | undefined;
  return code && code in ERRNO_TEXT ? ERRNO_TEXT[code] : message;
}
