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
  /**
   * `exit=137`: the exit status the block's last command is expected to end with (read by the test
   * that replays the prose, content/prose-commands.test.ts; the page ignores it). The text as
   * written, so the build can reject one that is not a number; see `exitStatus`.
   */
  exit?: string;
}

const TITLE = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))/;
const EXIT = /(?:^|\s)exit=(?:"([^"]*)"|'([^']*)'|(\S*))/;

export function parseCodeMeta(meta: string | null | undefined): CodeMeta {
  const text = meta ?? '';
  const title = TITLE.exec(text);
  const rest = text.replace(new RegExp(TITLE.source, 'g'), ' ');
  const exit = EXIT.exec(rest);
  const words = rest.replace(new RegExp(EXIT.source, 'g'), ' ').split(/\s+/);
  const parsed: CodeMeta = { norun: words.includes('norun'), title: title ? (title[1] ?? title[2] ?? title[3]) : undefined };
  if (exit) parsed.exit = exit[1] ?? exit[2] ?? exit[3];
  return parsed;
}

/** `exit=N` as a status (0 to 255); null when it is not one. */
export function exitStatus(text: string): number | null {
  if (!/^\d{1,3}$/.test(text)) return null;
  const status = Number(text);
  return status <= 255 ? status : null;
}
