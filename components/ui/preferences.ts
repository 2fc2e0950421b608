/**
 * What the site remembers in localStorage, and the tiny script that applies it before the first
 * paint (theme class, lesson/terminal split), so a reload never flashes the wrong theme or width.
 */
export const THEME_KEY = 'dockyard:theme';
export const SPLIT_KEY = 'dockyard:split';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Width of the lesson text on wide screens, in percent of the split area. */
export const SPLIT_DEFAULT = 50;
export const SPLIT_MIN = 25;
export const SPLIT_MAX = 75;
/** The CSS custom property (on <html>) that holds the split. */
export const SPLIT_PROPERTY = '--split';

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

export function clampSplit(value: number): number {
  return Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, Math.round(value)));
}

/** Runs inline in <head>; keep it small and dependency-free. */
export const PREFERENCES_SCRIPT = `(function(){try{var d=document.documentElement,s=localStorage,t=s.getItem(${JSON.stringify(THEME_KEY)});if(t!=="light"&&t!=="dark")t="system";var k=t==="dark"||(t==="system"&&matchMedia("(prefers-color-scheme: dark)").matches);d.classList.toggle("dark",k);d.style.colorScheme=k?"dark":"light";d.dataset.theme=t;var p=Number(s.getItem(${JSON.stringify(SPLIT_KEY)}));if(p>=${SPLIT_MIN}&&p<=${SPLIT_MAX})d.style.setProperty(${JSON.stringify(SPLIT_PROPERTY)},p+"%")}catch(e){}})()`;
