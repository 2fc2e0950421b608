/**
 * `code FILE`, `nano FILE`, `vi FILE`, `vim FILE`: the terminal cannot host a full-screen editor, so
 * these open the page's editor pane on the file and return at once. The pane saves through the
 * world, so what the student writes is a real file for `cat`, `docker build` and the checks.
 */
import { defineCommand } from 'just-bash';
import type { ShellContext } from '../context';
import { fail, ok } from './result';

export const EDITOR_COMMANDS = ['code', 'nano', 'vi', 'vim'];

export function editorCommands(ctx: ShellContext) {
  return EDITOR_COMMANDS.map((name) =>
    defineCommand(name, async (args, commandContext) => {
      const files = args.filter((a) => !a.startsWith('-') && !a.startsWith('+'));
      if (files.length === 0) return fail(`${name}: give the file to edit, for example: ${name} app.py\n`, 1);
      const path = commandContext.fs.resolvePath(commandContext.cwd, files[0]);
      let content = '';
      let exists = true;
      try {
        const stat = await commandContext.fs.stat(path);
        if (stat.isDirectory) return fail(`${name}: ${files[0]}: Is a directory\n`, 1);
        content = await commandContext.fs.readFile(path);
      } catch {
        exists = false;
      }
      ctx.host.console.request({ kind: 'edit', path, content, exists });
      return ok();
    }),
  );
}
