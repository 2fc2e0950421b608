/**
 * Each just-bash `exec` starts from the constructor's state. Variables and cwd are carried by the
 * session; functions are not, so this plugin remembers every function definition it sees and
 * re-inserts the definitions at the top of each later command line.
 */
import type { TransformPlugin } from 'just-bash';
import { literalCommandName, walk } from '../ast';

type FunctionDef = { type: 'FunctionDef'; name: string };
type Word = { parts: { type: string; value?: string }[] };

export class FunctionMemory {
  private readonly definitions = new Map<string, FunctionDef>();

  readonly plugin: TransformPlugin = {
    name: 'persist-functions',
    transform: ({ ast }) => {
      walk(ast, (node) => {
        if (node.type === 'FunctionDef') this.definitions.set(String(node.name), structuredClone(node) as FunctionDef);
        if (literalCommandName(node) === 'unset') this.forgetUnset(node.args as Word[]);
      });
      const prelude = [...this.definitions.values()].map((fn) => ({
        type: 'Statement',
        pipelines: [{ type: 'Pipeline', commands: [structuredClone(fn)], negated: false }],
        operators: [],
        background: false,
      }));
      (ast.statements as unknown[]).unshift(...prelude);
      return { ast };
    },
  };

  /** `unset -f name...` removes functions for good, not only for the line it is on. */
  private forgetUnset(args: Word[]): void {
    const words = args.map((w) => (w.parts.length === 1 && w.parts[0].type === 'Literal' ? (w.parts[0].value ?? '') : ''));
    if (!words.includes('-f')) return;
    for (const word of words) if (!word.startsWith('-')) this.definitions.delete(word);
  }

  names(): string[] {
    return [...this.definitions.keys()];
  }

  snapshot(): unknown[] {
    return [...this.definitions.values()].map((fn) => structuredClone(fn));
  }

  restore(saved: unknown[]): void {
    this.definitions.clear();
    for (const fn of saved as FunctionDef[]) this.definitions.set(fn.name, fn);
  }
}
