/**
 * just-bash treats `exit` as the end of one script; an interactive terminal must know the shell
 * itself has gone (to return to the shell below a nested `unshare ... bash`, `docker exec -it` or
 * `ssh`). This plugin puts a marking command in front of every `exit`, keeping its status.
 */
import { defineCommand, type TransformPlugin } from 'just-bash';
import { commandStatement, literalCommandName } from '../ast';

export const EXIT_MARK_COMMAND = '__dockyard_exit';

type Node = { type?: string; [key: string]: unknown };

export class ExitMark {
  private marked = false;

  readonly command = defineCommand(EXIT_MARK_COMMAND, async (args) => {
    this.marked = true;
    return { stdout: '', stderr: '', exitCode: Number(args[0]) || 0 };
  });

  readonly plugin: TransformPlugin = {
    name: 'exit-mark',
    transform: ({ ast }) => {
      visit(ast as unknown as Node);
      return { ast };
    },
  };

  /** True once after a run that executed `exit`. */
  take(): boolean {
    const marked = this.marked;
    this.marked = false;
    return marked;
  }
}

/** Replaces every pipeline stage `exit ...` with the group `{ __dockyard_exit $?; exit ...; }`. */
function visit(node: Node): void {
  for (const value of Object.values(node)) {
    if (!value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      value.forEach((child: Node, i) => {
        if (child && typeof child === 'object' && literalCommandName(child) === 'exit') value[i] = markedExit(child);
        else if (child && typeof child === 'object') visit(child);
      });
    } else visit(value as Node);
  }
}

function markedExit(exit: Node): Node {
  const mark = commandStatement(EXIT_MARK_COMMAND);
  const status = { type: 'Word', parts: [{ type: 'ParameterExpansion', parameter: '?', operation: null }] };
  (mark.pipelines[0].commands[0] as unknown as { args: unknown[] }).args.push(status);
  const exitStatement = commandStatement('exit');
  exitStatement.pipelines[0].commands[0] = exit as never;
  return { type: 'Group', body: [mark, exitStatement], redirections: [] };
}
