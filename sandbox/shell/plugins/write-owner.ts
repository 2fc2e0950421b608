/**
 * just-bash lets an exception from a redirection's write escape `exec` (a kernel file refusing
 * `echo abc > memory.max`), losing the name of the command that wrote. This plugin records that
 * name just before every simple command with an output redirection, so the session can print the
 * real tool's message (`bash: echo: write error: Invalid argument`).
 *
 * The recording command is given `$?` and returns it, so the status the user's command sees is
 * unchanged. Known gap: statements after the failed write on the same line do not run.
 */
import { defineCommand, type TransformPlugin } from 'just-bash';
import { commandStatement, literalCommandName, walk } from '../ast';

export const WRITE_OWNER_COMMAND = '__dockyard_writer';
const OUTPUT_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>']);

export class WriteOwner {
  /** The last command seen about to write through a redirection. */
  current = '';

  readonly command = defineCommand(WRITE_OWNER_COMMAND, async (args) => {
    this.current = args[0] ?? '';
    return { stdout: '', stderr: '', exitCode: Number(args[1]) || 0 };
  });

  readonly plugin: TransformPlugin = {
    name: 'write-owner',
    transform: ({ ast }) => {
      walk(ast, (node) => {
        if (node.type !== 'Statement' || !Array.isArray(node.pipelines) || node.pipelines.length !== 1) return;
        const pipeline = node.pipelines[0] as { commands: { type?: string; redirections?: { operator: string }[] }[] };
        const last = pipeline.commands.at(-1);
        if (!last || last.type !== 'SimpleCommand' || !last.redirections?.some((r) => OUTPUT_OPERATORS.has(r.operator))) return;
        const name = literalCommandName(last as { type: string });
        if (!name) return;
        const note = commandStatement(WRITE_OWNER_COMMAND, name);
        // `$?` as a parameter expansion, so the note hands the previous status straight back.
        const status = { type: 'Word', parts: [{ type: 'ParameterExpansion', parameter: '?', operation: null }] };
        (note.pipelines[0].commands[0] as { args: unknown[] }).args.push(status);
        node.pipelines.unshift(note.pipelines[0]);
        (node.operators as string[]).unshift(';');
      });
      return { ast };
    },
  };
}
