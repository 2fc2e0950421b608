/**
 * An inline command in running prose, with a small Run button: "type <Command>history</Command>".
 * For anything longer than one short command, use a ```bash block.
 */
import { isValidElement, type ReactNode } from 'react';
import type { Messages } from '@/i18n';
import { format } from '@/components/ui/format';
import { commandLabel } from './command-label';
import { RunButton } from './run-button';

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return '';
}

export interface CommandProps {
  children?: ReactNode;
  /** Show the command without a Run button. */
  norun?: boolean;
  strings: Messages['site']['mdx']['code'];
}

export function Command({ children, norun, strings }: CommandProps) {
  const command = textOf(children).trim();
  return (
    <span className="inline-command">
      <code>{command}</code>
      {norun ? null : (
        <RunButton command={command} label={format(strings.runLabel, { command: commandLabel(command) })} text={strings.run} compact />
      )}
    </span>
  );
}
