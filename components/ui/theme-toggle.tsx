'use client';
/**
 * One button that cycles the colour theme: system → the opposite of what the system shows →
 * the system's own look → system, so every press but the last visibly changes the page.
 * The choice lives in localStorage; the head script applies it before paint.
 */
import { Monitor, Moon, Sun } from 'lucide-react';
import { useEffect, useSyncExternalStore } from 'react';
import type { Messages } from '@/i18n';
import { format } from './format';
import { THEME_KEY, isTheme, type Theme } from './preferences';

const CHANGE_EVENT = 'dockyard:theme-change';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function readTheme(): Theme {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    return isTheme(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

function systemPrefersDark(): boolean {
  return window.matchMedia(DARK_QUERY).matches;
}

function applyTheme(theme: Theme): void {
  const dark = theme === 'dark' || (theme === 'system' && systemPrefersDark());
  const root = document.documentElement;
  root.classList.toggle('dark', dark);
  root.style.colorScheme = dark ? 'dark' : 'light';
  root.dataset.theme = theme;
}

function setTheme(theme: Theme): void {
  try {
    if (theme === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  } catch {
    // storage may be unavailable (private mode); the choice still applies to this page
  }
  applyTheme(theme);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener('storage', onChange);
  query.addEventListener('change', onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener('storage', onChange);
    query.removeEventListener('change', onChange);
  };
}

/** The stored choice and what the system shows, as one string ("system:dark") for useSyncExternalStore. */
function readState(): string {
  return `${readTheme()}:${systemPrefersDark() ? 'dark' : 'light'}`;
}

/** system → the opposite of the system's look → the system's look → system. */
function nextTheme(theme: Theme, system: 'light' | 'dark'): Theme {
  const opposite = system === 'dark' ? 'light' : 'dark';
  if (theme === 'system') return opposite;
  if (theme === opposite) return system;
  return 'system';
}

const ICONS = { system: Monitor, light: Sun, dark: Moon } as const;

export function ThemeToggle({ strings }: { strings: Messages['site']['theme'] }) {
  const state = useSyncExternalStore(subscribe, readState, () => 'system:light');
  const [stored, shown] = state.split(':');
  const theme: Theme = isTheme(stored) ? stored : 'system';
  const next = nextTheme(theme, shown === 'dark' ? 'dark' : 'light');

  // Apply on every change, including one made in another tab or by the system while on "system".
  useEffect(() => applyTheme(theme), [state, theme]);

  const Icon = ICONS[theme];
  const label = format(strings.toggle, { current: strings[theme], next: strings[next] });
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      data-theme-choice={theme}
      onClick={() => setTheme(next)}
      className="grid size-9 place-items-center rounded-full border border-line text-muted hover:border-line-strong hover:text-ink"
    >
      <Icon aria-hidden="true" className="size-4" strokeWidth={1.75} />
    </button>
  );
}
