'use client';
/**
 * Lesson text on the left, terminal on the right, with a divider the student can drag or move
 * with the arrow keys. The split lives in localStorage and in a CSS variable on <html> (set before
 * paint by the head script), so the layout never jumps after hydration. The divider sits at the
 * terminal pane's left edge, inside its landmark, ahead of the terminal in keyboard order. Below 1024px the panes
 * stack, the terminal under the text, and the divider is hidden.
 */
import { useRef, useSyncExternalStore, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { format } from '@/components/ui/format';
import { SPLIT_DEFAULT, SPLIT_KEY, SPLIT_MAX, SPLIT_MIN, SPLIT_PROPERTY, clampSplit } from '@/components/ui/preferences';

const CHANGE_EVENT = 'dockyard:split-change';

function readSplit(): number {
  try {
    const stored = Number(localStorage.getItem(SPLIT_KEY));
    return stored >= SPLIT_MIN && stored <= SPLIT_MAX ? stored : SPLIT_DEFAULT;
  } catch {
    return SPLIT_DEFAULT;
  }
}

function writeSplit(value: number): void {
  const split = clampSplit(value);
  document.documentElement.style.setProperty(SPLIT_PROPERTY, `${split}%`);
  try {
    localStorage.setItem(SPLIT_KEY, String(split));
  } catch {
    // storage unavailable: the split still applies to this page
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener('storage', onChange);
  };
}

export interface SplitViewProps {
  text: ReactNode;
  terminal: ReactNode;
  strings: { divider: string; dividerValue: string; terminalPane: string };
}

export function SplitView({ text, terminal, strings }: SplitViewProps) {
  const split = useSyncExternalStore(subscribe, readSplit, () => SPLIT_DEFAULT);
  const container = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  function fromPointer(event: PointerEvent<HTMLDivElement>): number | null {
    const box = container.current?.getBoundingClientRect();
    if (!box || box.width === 0) return null;
    return ((event.clientX - box.left) / box.width) * 100;
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    event.preventDefault();
    dragging.current = true;
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    document.documentElement.dataset.resizing = '';
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (!dragging.current) return;
    const value = fromPointer(event);
    if (value !== null) writeSplit(value);
  }

  function onPointerEnd(event: PointerEvent<HTMLDivElement>) {
    if (!dragging.current) return;
    dragging.current = false;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
    delete document.documentElement.dataset.resizing;
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.shiftKey ? 10 : 2;
    const next: Record<string, number> = {
      ArrowLeft: split - step,
      ArrowDown: split - step,
      ArrowRight: split + step,
      ArrowUp: split + step,
      Home: SPLIT_MIN,
      End: SPLIT_MAX,
      Enter: SPLIT_DEFAULT,
    };
    if (!(event.key in next)) return;
    event.preventDefault();
    writeSplit(next[event.key]);
  }

  return (
    <div ref={container} className="split lg:flex lg:items-start">
      <div id="lesson-pane" className="split-text min-w-0">
        {text}
      </div>
      <aside id="terminal-pane" tabIndex={-1} aria-label={strings.terminalPane} data-testid="terminal-pane" className="split-terminal">
        <div
          role="separator"
          aria-orientation="vertical"
          aria-label={strings.divider}
          aria-controls="lesson-pane"
          aria-valuenow={split}
          aria-valuemin={SPLIT_MIN}
          aria-valuemax={SPLIT_MAX}
          aria-valuetext={format(strings.dividerValue, { percent: split })}
          tabIndex={0}
          data-testid="divider"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
          onDoubleClick={() => writeSplit(SPLIT_DEFAULT)}
          onKeyDown={onKeyDown}
          className="split-divider"
        >
          <span aria-hidden="true" className="split-grip" />
        </div>
        {terminal}
      </aside>
    </div>
  );
}
