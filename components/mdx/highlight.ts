/**
 * Syntax highlighting with shiki, on the server at build time only (never shipped to the browser).
 * One highlighter for the whole build; both themes are emitted as CSS variables
 * (--shiki-light / --shiki-dark) and globals.css picks one per site theme.
 */
import { createHighlighter, type Highlighter } from 'shiki';
import { CODE_LANGUAGES, type CodeLanguage } from './code-languages';

const THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;

let highlighter: Promise<Highlighter> | undefined;

function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({
    themes: [THEMES.light, THEMES.dark],
    langs: CODE_LANGUAGES.filter((lang) => lang !== 'text'),
  });
  return highlighter;
}

/** HTML for one block: `<pre class="shiki ..." tabindex="0"><code>…</code></pre>`, content escaped by shiki. */
export async function highlight(code: string, lang: CodeLanguage): Promise<string> {
  const shiki = await getHighlighter();
  return shiki.codeToHtml(code, { lang, themes: THEMES, defaultColor: false });
}
