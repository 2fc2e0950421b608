/**
 * cp with GNU's -i (--interactive) and -f (--force), which just-bash's cp lacks: before
 * overwriting an existing file -i asks `cp: overwrite 'FILE'? ` and reads the answer from stdin;
 * -f overwrites without asking (just-bash's cp already does), so it is accepted and dropped.
 * Everything else is just-bash's own cp. kubeadm's "mkdir -p $HOME/.kube && sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config"
 * depends on it.
 */
import { defineCommand } from 'just-bash';

export function cpCommand() {
  return defineCommand('cp', async (args, ctx) => {
    let interactive = false;
    const rest: string[] = [];
    let operandsOnly = false;
    for (const arg of args) {
      if (operandsOnly || !arg.startsWith('-') || arg === '-') rest.push(arg);
      else if (arg === '--') {
        operandsOnly = true;
        rest.push(arg);
      } else if (arg === '--interactive') interactive = true;
      else if (arg === '--force') interactive = false;
      else if (!arg.startsWith('--') && /[if]/.test(arg)) {
        // Of -i and -f, the later one wins, as in GNU cp.
        for (const letter of arg.slice(1)) if (letter === 'i' || letter === 'f') interactive = letter === 'i';
        const others = arg.slice(1).replace(/[if]/g, '');
        if (others) rest.push(`-${others}`);
      } else rest.push(arg);
    }
    const original = ctx.origCommand;
    if (!original) return { stdout: '', stderr: 'cp: not available\n', exitCode: 1 };
    if (interactive) {
      const operands = rest.filter((a) => !a.startsWith('-'));
      const target = operands.at(-1);
      if (operands.length === 2 && target) {
        const path = ctx.fs.resolvePath(ctx.cwd, target);
        let destination = path;
        try {
          if ((await ctx.fs.stat(path)).isDirectory) destination = `${path}/${operands[0].split('/').filter(Boolean).pop()}`;
        } catch {
          // No such target: nothing to overwrite.
        }
        if (await ctx.fs.exists(destination)) {
          const answer = ctx.stdin ? String(ctx.stdin as unknown) : '';
          const question = `cp: overwrite '${destination === path ? target : destination}'? `;
          if (!/^\s*y/i.test(answer)) return { stdout: '', stderr: question, exitCode: 0 };
          const result = await original(rest);
          return { ...result, stderr: question + result.stderr };
        }
      }
    }
    return original(rest);
  });
}
