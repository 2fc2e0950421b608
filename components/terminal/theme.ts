import type { ITheme } from '@xterm/xterm';

/** The site self-hosts JetBrains Mono (clear 0/O and 1/l); the rest are what each OS already has. */
export const TERMINAL_FONT_FAMILY =
  "'JetBrains Mono Variable', 'JetBrains Mono', ui-monospace, 'SFMono-Regular', 'Cascadia Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

export const TERMINAL_FONT_SIZE = 14;

/** The pane's background, shared by the title bar's surroundings so the terminal has no seam. */
export const TERMINAL_BACKGROUND = '#16181d';

/**
 * A dark terminal palette in the spirit of GNOME Terminal / VS Code. Every colour used for text
 * keeps a contrast of at least 4.5:1 on the background (WCAG AA), blue included.
 */
export const TERMINAL_THEME = {
  background: TERMINAL_BACKGROUND,
  foreground: '#d8dbe2',
  cursor: '#e6e8ee',
  cursorAccent: TERMINAL_BACKGROUND,
  selectionBackground: '#3a4a66',
  black: '#2e3440',
  red: '#f0626a',
  green: '#5fcf80',
  yellow: '#e5c15c',
  blue: '#6aa6f8',
  magenta: '#d48ce8',
  cyan: '#4fcad6',
  white: '#d8dbe2',
  brightBlack: '#8a919e',
  brightRed: '#ff8a90',
  brightGreen: '#7ee39b',
  brightYellow: '#f5d77f',
  brightBlue: '#8dbcff',
  brightMagenta: '#e3a8f2',
  brightCyan: '#7fe0e8',
  brightWhite: '#ffffff',
} satisfies ITheme;
