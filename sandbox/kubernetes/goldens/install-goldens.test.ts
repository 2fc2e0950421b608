/**
 * Golden transcripts of installing the cluster (kubeadm on hosts that still swap, kubekey): each
 * .txt here is a terminal session on the three fresh hosts (seed 1), replayed and compared byte
 * for byte. The formats were checked against the tools' sources and published output (see the
 * notes in kubeadm/kubelet-check.ts and kubekey/). Rewrite with UPDATE_GOLDENS=1 after a
 * deliberate change, then read the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTranscript } from '../../../scripts/cli/transcript';
import { findScenario } from '../../scenarios';

const DIR = path.dirname(new URL(import.meta.url).pathname);
const PROMPT = /^root@[\w.-]+:[^#]*# (.*)$/;

/** The typed lines: each prompt's command, and the body of a heredoc it opens. */
function commandsOf(transcript: string): string[] {
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

describe('install transcripts on three fresh hosts', () => {
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort()) {
    it(file.replace(/\.txt$/, ''), async () => {
      const expected = fs.readFileSync(path.join(DIR, file), 'utf8');
      let actual = '';
      await runTranscript(await findScenario('three-fresh-hosts')!.build({ seed: 1 }), commandsOf(expected), { write: (t) => (actual += t) });
      if (process.env.UPDATE_GOLDENS) fs.writeFileSync(path.join(DIR, file), actual);
      else expect(actual).toBe(expected);
    }, 30_000);
  }
});
