/** Exercise words are plain strings; `backticks` in them become inline code, as in Markdown. */
import type { ReactNode } from 'react';

export function withInlineCode(text: string): ReactNode[] {
  return text.split(/(`[^`]+`)/g).map((part, i) => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? <code key={i}>{part.slice(1, -1)}</code> : part));
}
