/**
 * Golden transcripts: each .txt in a folder is a terminal session, prompt lines included. Its
 * commands (and the heredoc bodies they open) are replayed in a fresh world and the very same text
 * is expected. Run with UPDATE_GOLDENS=1 to rewrite them after a deliberate change, then read the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTranscript } from './transcript';
import type { Sandbox } from '../../sandbox/index';

/** A bash prompt (`root@lab:~# `) or an ash one inside a container (`/app # `). */
const PROMPT = /^(?:root@[\w.-]+:[^#]*# |\S* # )(.*)$/;

/** The typed lines: each prompt's command, and the body of a heredoc it opens. */
export function commandsOf(transcript: string): string[] {
  const lines: string[] = [];
  let inHeredoc = false;
  for (const line of transcript.split('\n')) {
    const prompt = PROMPT.exec(line);
    if (prompt) {
      lines.push(prompt[1]);
      inHeredoc = /<<-?\s*'?\w+'?\s*$/.test(prompt[1]);
    } else if (inHeredoc && line.startsWith('> ')) lines.push(line.slice(2));
    else inHeredoc = false;
  }
  return lines;
}

/** One test per transcript in `dir`, each replayed in a world from `build` (seed 1). */
export function describeGoldenTranscripts(title: string, dir: string, build: () => Promise<Sandbox>, timeoutMs?: number): void {
  describe(title, () => {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      it(file.replace(/\.txt$/, ''), async () => {
        const expected = fs.readFileSync(path.join(dir, file), 'utf8');
        let actual = '';
        await runTranscript(await build(), commandsOf(expected), { write: (t) => (actual += t) });
        if (process.env.UPDATE_GOLDENS) fs.writeFileSync(path.join(dir, file), actual);
        else expect(actual).toBe(expected);
      }, timeoutMs);
    }
  });
}
