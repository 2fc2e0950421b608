/** A boxed aside in the lesson flow. Its kind is carried by an icon AND a word, never by colour alone. */
import { Info, Lightbulb, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Messages } from '@/i18n';
import { CALLOUT_KINDS, type CalloutKind } from './names';

const ICONS = { note: Info, tip: Lightbulb, warning: TriangleAlert } as const;

export interface CalloutProps {
  type?: CalloutKind;
  /** Optional heading after the kind's word: "Tip: Use Tab". */
  title?: string;
  children?: ReactNode;
  strings: Messages['site']['mdx']['callout'];
}

export function Callout({ type = 'note', title, children, strings }: CalloutProps) {
  const kind: CalloutKind = CALLOUT_KINDS.includes(type) ? type : 'note';
  const Icon = ICONS[kind];
  return (
    <div role="note" className={`callout callout-${kind}`} data-kind={kind}>
      <p className="callout-label">
        <Icon aria-hidden="true" className="size-4 shrink-0" strokeWidth={2} />
        <span>
          <strong>{strings[kind]}</strong>
          {title ? <span className="callout-title">: {title}</span> : null}
        </span>
      </p>
      <div className="callout-body">{children}</div>
    </div>
  );
}
