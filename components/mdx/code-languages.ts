/**
 * Languages a fenced code block may declare. Plain data, shared by the build-time check
 * (lib/content) and the highlighter (code-block.tsx).
 */
export const CODE_LANGUAGES = [
  'bash',
  'sh',
  'shell',
  'console',
  'dockerfile',
  'yaml',
  'json',
  'javascript',
  'typescript',
  'python',
  'text',
  'ini',
] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** Blocks in these languages are commands for the terminal: they get a Run button. */
export const COMMAND_LANGUAGES: readonly CodeLanguage[] = ['bash', 'sh', 'shell'];

/** Short spellings authors reach for, mapped to the language they mean. */
export const CODE_LANGUAGE_ALIASES: Record<string, CodeLanguage> = {
  js: 'javascript',
  ts: 'typescript',
  py: 'python',
  yml: 'yaml',
  txt: 'text',
  plaintext: 'text',
  Dockerfile: 'dockerfile',
};

export function resolveCodeLanguage(lang: string | null | undefined): CodeLanguage | undefined {
  if (!lang) return 'text';
  if ((CODE_LANGUAGES as readonly string[]).includes(lang)) return lang as CodeLanguage;
  return CODE_LANGUAGE_ALIASES[lang];
}

export interface CodeMeta {
  /** `norun`: a command block that only gets Copy (e.g. it would be harmful or slow to run). */
  norun: boolean;
  /** `title="Dockerfile"`: a file name shown above the block. */
  title?: string;
}

export function parseCodeMeta(meta: string | null | undefined): CodeMeta {
  const text = meta ?? '';
  const title = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(text);
  const rest = text.replace(/(?:^|\s)title=(?:"[^"]*"|'[^']*'|\S+)/, ' ');
  return {
    norun: rest.split(/\s+/).includes('norun'),
    title: title ? (title[1] ?? title[2] ?? title[3]) : undefined,
  };
}
