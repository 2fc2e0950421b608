/**
 * Every lesson's prose, replayed: the commands the text asks the student to run (command blocks
 * and `<Command>` without `norun`), in document order, in one world built from the lesson's
 * scenario with seed 1, exactly as the Run buttons send them. Each must exit 0, or the status in
 * the block's `exit=N`; a ```console block right after a command block must match its output
 * (trailing spaces trimmed, `...` matching any number of lines). See docs/authoring.md.
 *
 * No terminal is attached (as in the headless CLI and content/exercises.test.ts): a command that
 * prints as it goes on a terminal (`docker pull`, `docker logs -f`) returns its output at the end,
 * and one that would follow forever returns what it has, so the replay never hangs.
 *
 * Focus on one lesson with `npx vitest run content/prose-commands.test.ts -t welcome`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractProseCommands } from '@/lib/content/prose-commands.server';
import { replayProse } from '@/lib/content/prose-replay.server';
import { findScenario } from '@/sandbox/scenarios';

const root = path.resolve(import.meta.dirname, '..');
const lessons = fs
  .readdirSync(path.join(root, 'content'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /^\d{2,}-[a-z0-9-]+$/.test(entry.name) && fs.existsSync(path.join(root, 'content', entry.name, 'en.mdx')))
  .map((entry) => entry.name)
  .sort();

describe('prose commands', () => {
  for (const folder of lessons) {
    const file = `content/${folder}/en.mdx`;
    it(`${file} (${folder.replace(/^\d+-/, '')}): every prose command runs and prints what the text shows`, { timeout: 120_000 }, async () => {
      const { scenario = 'fresh-host', steps } = extractProseCommands(fs.readFileSync(path.join(root, file), 'utf8'));
      const build = findScenario(scenario);
      expect(build, `${file}: frontmatter.scenario: no scenario "${scenario}"`).toBeDefined();
      const sandbox = await build!.build({ seed: 1 });
      const problems = await replayProse(file, steps, sandbox.console);
      expect(problems, `${problems.length} problem(s) in ${file}:\n${problems.join('\n')}\n`).toEqual([]);
    });
  }
});
