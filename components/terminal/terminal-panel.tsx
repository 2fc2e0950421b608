'use client';
/**
 * The terminal pane: a slim title bar (the host the student is on, and the shell's state) over a
 * terminal that fills the rest. xterm and the shell worker load after the page has painted.
 *
 * Hooks for tests: the <section> carries data-testid="terminal" and
 * data-shell-state="starting|idle|busy|stopped"; the terminal's text is in `.xterm-rows`
 * (and, for assistive technology, in xterm's accessibility tree).
 */
import '@fontsource-variable/jetbrains-mono';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { Messages } from '@/i18n';
import { mountTerminal, type TerminalView } from './mount-terminal';
import { TERMINAL_BACKGROUND } from './theme';

export interface TerminalPanelProps {
  strings: Messages['terminal'];
}

const DOT: Record<TerminalView['state'], string> = {
  starting: 'bg-amber-400',
  idle: 'bg-emerald-400',
  busy: 'bg-sky-400 motion-safe:animate-pulse',
  stopped: 'bg-red-400',
};

export function TerminalPanel({ strings }: TerminalPanelProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const stringsRef = useRef(strings);
  const [view, setView] = useState<TerminalView>({ state: 'starting', hostLabel: null });

  useEffect(() => {
    stringsRef.current = strings;
  }, [strings]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let unmount: (() => void) | null = null;
    // Deferred one task: React's StrictMode mounts, unmounts and mounts again synchronously, so the
    // first mount's timer is cancelled before it fires and only one worker and terminal ever exist.
    const timer = setTimeout(() => {
      unmount = mountTerminal(host, () => stringsRef.current, (patch) =>
        setView((current) => (Object.entries(patch).every(([key, value]) => current[key as keyof TerminalView] === value) ? current : { ...current, ...patch })),
      );
    }, 0);
    return () => {
      clearTimeout(timer);
      unmount?.();
    };
  }, []);

  return (
    <section
      aria-label={strings.areaLabel}
      data-testid="terminal"
      data-shell-state={view.state}
      className="flex h-full min-h-0 w-full flex-col overflow-hidden text-[#d8dbe2]"
      style={{ backgroundColor: TERMINAL_BACKGROUND }}
    >
      <header className="flex h-8 shrink-0 items-center justify-between gap-3 border-b border-white/10 bg-[#1e2128] px-3 font-mono text-xs">
        <span className="truncate font-medium" data-testid="terminal-host">
          {view.hostLabel ?? strings.title}
        </span>
        <span className="flex shrink-0 items-center gap-1.5 text-[#b4bac5]" data-testid="terminal-status">
          <span aria-hidden="true" className={`inline-block size-2 rounded-full ${DOT[view.state]}`} />
          {strings.state[view.state]}
        </span>
      </header>
      <div className="min-h-0 flex-1 py-1 pl-2">
        <div ref={hostRef} className="h-full w-full" />
      </div>
    </section>
  );
}
