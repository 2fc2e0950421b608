/**
 * Small helpers over just-bash's AST. Its browser entry does not export `parse`, so the nodes our
 * transform plugins insert are built here by hand.
 */
import type { ScriptNode, SimpleCommandNode, StatementNode } from 'just-bash';

type AnyNode = { type?: string; [key: string]: unknown };

/** A statement that runs one simple command with literal arguments: `name arg...`. */
export function commandStatement(name: string, ...args: string[]): StatementNode {
  const word = (value: string) => ({ type: 'Word' as const, parts: [{ type: 'Literal' as const, value }] });
  const command: SimpleCommandNode = {
    type: 'SimpleCommand',
    assignments: [],
    name: word(name),
    args: args.map(word),
    redirections: [],
  } as SimpleCommandNode;
  return {
    type: 'Statement',
    pipelines: [{ type: 'Pipeline', commands: [command], negated: false }],
    operators: [],
    background: false,
  } as unknown as StatementNode;
}

/** Visits every node of a script, children before parents (so a visitor may edit what it visits). */
export function walk(node: unknown, visit: (node: AnyNode) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  for (const value of Object.values(node as AnyNode)) walk(value, visit);
  if ((node as AnyNode).type) visit(node as AnyNode);
}

/** The literal name of a simple command, or null when the name is computed (`$cmd`, `"$(x)"`). */
export function literalCommandName(node: AnyNode): string | null {
  if (node.type !== 'SimpleCommand') return null;
  const name = node.name as { parts?: { type: string; value?: string }[] } | null;
  if (!name?.parts || name.parts.length !== 1 || name.parts[0].type !== 'Literal') return null;
  return name.parts[0].value ?? null;
}

export type { ScriptNode };
