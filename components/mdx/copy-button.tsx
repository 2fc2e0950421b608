'use client';
/** Copies a code block to the clipboard and says so, visibly and to screen readers. */
import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';

export interface CopyButtonProps {
  code: string;
  /** Accessible name, e.g. "Copy: echo hi". */
  label: string;
  strings: { copy: string; copied: string; copiedAnnouncement: string; copyFailed: string };
}

type State = 'idle' | 'copied' | 'failed';

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // permission denied or not a secure context: fall back below
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy failed');
}

export function CopyButton({ code, label, strings }: CopyButtonProps) {
  const [state, setState] = useState<State>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const text = state === 'copied' ? strings.copied : state === 'failed' ? strings.copyFailed : strings.copy;
  return (
    <>
      <button
        type="button"
        data-testid="copy-button"
        data-state={state}
        aria-label={label}
        title={label}
        onClick={() => {
          writeClipboard(code).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
        className="copy-button"
      >
        {state === 'copied' ? (
          <Check aria-hidden="true" className="size-3.5" strokeWidth={2.25} />
        ) : (
          <Copy aria-hidden="true" className="size-3.5" strokeWidth={2} />
        )}
        <span>{text}</span>
      </button>
      <span role="status" aria-live="polite" className="sr-only">
        {state === 'copied' ? strings.copiedAnnouncement : state === 'failed' ? strings.copyFailed : ''}
      </span>
    </>
  );
}
