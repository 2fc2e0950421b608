/**
 * Golden transcripts: each file in this folder is a terminal session, prompt lines included. The
 * test replays the commands from a fresh world (seed 1, clock standing still) and expects the very
 * same text. The formats were checked by hand against the real tools' documented output; run with
 * UPDATE_GOLDENS=1 to rewrite them after a deliberate change, then read the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTranscript } from '../../scripts/cli/transcript';
import { Sandbox } from '../index';

const DIR = path.dirname(new URL(import.meta.url).pathname);
const PROMPT = /^(?:root@[\w.-]+:[^#]*# |\S* # )(.*)$/;

function commandsOf(transcript: string): string[] {
  const lines: string[] = [];
  let inHeredoc = false;
  for (const line of transcript.split('\n')) {
    const prompt = PROMPT.exec(line);
    if (prompt) {
      lines.push(prompt[1]);
      inHeredoc = /<<-?\s*'?\w+'?\s*$/.test(prompt[1]);
    } else if (inHeredoc && line.startsWith('> ')) {
      lines.push(line.slice(2));
    } else inHeredoc = false;
  }
  return lines;
}

describe('golden transcripts', () => {
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort()) {
    it(file.replace(/\.txt$/, ''), async () => {
      const expected = fs.readFileSync(path.join(DIR, file), 'utf8');
      let actual = '';
      await runTranscript(await Sandbox.create({ seed: 1 }), commandsOf(expected), { write: (t) => (actual += t) });
      if (process.env.UPDATE_GOLDENS) fs.writeFileSync(path.join(DIR, file), actual);
      else expect(actual).toBe(expected);
    });
  }
});
