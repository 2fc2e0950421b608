'use client';
/** Placeholder with the agreed interface; the terminal work replaces this file. */
import type { Messages } from '@/i18n';

export interface TerminalPanelProps {
  strings: Messages['terminal'];
}

export function TerminalPanel({ strings }: TerminalPanelProps) {
  return <section aria-label={strings.title} data-shell-state="busy" className="h-full" />;
}
