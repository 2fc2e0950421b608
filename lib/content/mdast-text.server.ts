import type { Nodes } from 'mdast';

/** The plain text of an mdast node (what a reader sees), e.g. for heading ids and the table of contents. */
export function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && (node.type === 'text' || node.type === 'inlineCode')) return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}
