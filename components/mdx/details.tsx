/** A native disclosure: closed by default, opened with a click, Enter or Space. */
import type { ReactNode } from 'react';

export interface DetailsProps {
  summary: string;
  open?: boolean;
  children?: ReactNode;
}

export function Details({ summary, open, children }: DetailsProps) {
  return (
    <details className="details" open={open}>
      <summary>{summary}</summary>
      <div className="details-body">{children}</div>
    </details>
  );
}
