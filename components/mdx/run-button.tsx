'use client';
/** Sends a command to the terminal beside the lesson, as if the student had typed it. */
import { Play } from 'lucide-react';
import { requestRun } from '@/components/terminal/run-request';

export interface RunButtonProps {
  command: string;
  /** Accessible name, e.g. "Run: echo hi". */
  label: string;
  text: string;
  compact?: boolean;
}

/** On narrow screens the terminal sits below the text: bring it into view if it is off screen. */
export function revealTerminal(): void {
  const pane = document.getElementById('terminal-pane');
  if (!pane || window.matchMedia('(min-width: 1024px)').matches) return;
  const box = pane.getBoundingClientRect();
  if (box.bottom > 0 && box.top < window.innerHeight) return;
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  pane.scrollIntoView({ block: 'end', behavior: reduce ? 'auto' : 'smooth' });
}

export function RunButton({ command, label, text, compact = false }: RunButtonProps) {
  return (
    <button
      type="button"
      data-testid="run-button"
      aria-label={label}
      title={label}
      onClick={() => {
        requestRun(command);
        revealTerminal();
      }}
      className={compact ? 'run-button run-button-compact' : 'run-button'}
    >
      <Play aria-hidden="true" className="size-3.5" strokeWidth={2.25} />
      {compact ? null : <span>{text}</span>}
    </button>
  );
}
