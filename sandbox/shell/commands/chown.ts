/**
 * chown (coreutils), as far as the lab models owners: every file belongs to root, so making root
 * (or uid 0) the owner is true already and succeeds; kubeadm's own advice,
 * `chown $(id -u):$(id -g) $HOME/.kube/config`, is that case for the root user. Any other owner
 * says plainly that owners are not modelled, rather than pretending to change one.
 */
import { defineCommand } from 'just-bash';
import { fail, ok } from './result';

const ROOT = new Set(['', 'root', '0']);

export function chownCommand() {
  return defineCommand('chown', async (args, ctx) => {
    const operands = args.filter((a) => !a.startsWith('-') || a === '-');
    const unknown = args.find((a) => a.startsWith('-') && !/^-[RhvcfH]+$/.test(a) && !['--recursive', '--verbose', '--changes', '--silent', '--quiet', '--no-dereference'].includes(a));
    if (unknown) return fail(`chown: unrecognized option '${unknown}'\nTry 'chown --help' for more information.\n`);
    if (operands.length === 0) return fail("chown: missing operand\nTry 'chown --help' for more information.\n");
    const [spec, ...files] = operands;
    if (files.length === 0) return fail(`chown: missing operand after '${spec}'\nTry 'chown --help' for more information.\n`);
    let stderr = '';
    for (const file of files) {
      if (!(await ctx.fs.exists(ctx.fs.resolvePath(ctx.cwd, file)))) stderr += `chown: cannot access '${file}': No such file or directory\n`;
    }
    if (stderr) return fail(stderr);
    const [user, group = ''] = spec.split(/[:.]/);
    if (ROOT.has(user) && ROOT.has(group)) return ok('');
    return fail(`dockyard: file owners are not modelled in this sandbox: every file belongs to root, so chown ${spec} changes nothing\n`);
  });
}
