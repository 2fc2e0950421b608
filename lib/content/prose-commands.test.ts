import { describe, expect, it } from 'vitest';
import { Sandbox } from '@/sandbox';
import { diffLines, extractProseCommands, matchLines, outputLines, runLines } from './prose-commands.server';
import { replayProse } from './prose-replay.server';

const LESSON = `---
title: T
summary: S
objectives:
  - O
minutes: 5
order: 3
scenario: nginx-running  # a comment
---

## Steps

Run <Command>whoami</Command> and <Command norun>reboot</Command>.

\`\`\`bash
cat > /root/note.txt <<'END'
one
two
END
cat /root/note.txt
\`\`\`

\`\`\`console
one
two
\`\`\`

\`\`\`bash norun
rm -rf /tmp/x
\`\`\`

\`\`\`console
not compared: it follows a norun block
\`\`\`

<Details summary="More">

\`\`\`sh title="x" exit=1
false
\`\`\`

</Details>

\`\`\`text
not a command
\`\`\`
`;

describe('extractProseCommands', () => {
  it('finds command blocks and <Command>s in document order, with their lines, exit= and console output', () => {
    const { scenario, steps } = extractProseCommands(LESSON);
    expect(scenario).toBe('nginx-running');
    expect(steps).toEqual([
      { kind: 'command', line: 13, lines: ['whoami'], exit: 0 },
      { kind: 'block', line: 16, lines: ["cat > /root/note.txt <<'END'", 'one', 'two', 'END', 'cat /root/note.txt'], exit: 0, expected: { line: 24, text: 'one\ntwo' } },
      { kind: 'block', line: 39, lines: ['false'], exit: 1 },
    ]);
  });

  it('has no scenario when the frontmatter names none', () => {
    expect(extractProseCommands('---\ntitle: x\n---\n\n```bash\nls\n```\n').scenario).toBeUndefined();
  });

  it('sends a block line by line, as the Run button types it', () => {
    expect(runLines('a\r\nb\n\n')).toEqual(['a', 'b']);
    expect(runLines('a\n\nb')).toEqual(['a', '', 'b']);
  });
});

describe('comparing output', () => {
  it('trims trailing spaces, drops colours and the final newline; `...` matches any number of lines', () => {
    expect(outputLines('a  \n\x1b[1;34mb\x1b[0m\n')).toEqual(['a', 'b']);
    expect(matchLines(['a', '...', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(matchLines(['a', '...', 'd'], ['a', 'd'])).toBe(true);
    expect(matchLines(['...'], [])).toBe(true);
    expect(matchLines(['a', 'b'], ['a', 'b', 'c'])).toBe(false);
    expect(matchLines(['a', '...'], ['b'])).toBe(false);
  });

  it('shows a line diff', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c'])).toBe('  a\n- b\n+ x\n  c');
  });
});

describe('replayProse', () => {
  it('runs heredocs across lines, checks exit statuses and compares console blocks, naming file and line', async () => {
    const sandbox = await Sandbox.create({ seed: 1 });
    const lesson = [
      '```bash', // 1
      "cat > /root/a.txt <<'END'", // 2
      'hello', // 3
      'END', // 4
      'cat /root/a.txt', // 5
      '```', // 6
      '', // 7
      '```console', // 8
      'hello', // 9
      '```', // 10
      '', // 11
      '```bash', // 12
      'cat /nope', // 13
      'echo after', // 14
      '```', // 15
      '', // 16
      '```bash exit=2', // 17
      'true', // 18
      'ls /nope', // 19
      '```', // 20
      '', // 21
      '```bash exit=2', // 22
      'true', // 23
      '```', // 24
      '', // 25
      '```bash', // 26
      'printf "x\\ny\\nz\\n"', // 27
      '```', // 28
      '', // 29
      '```console', // 30
      'x', // 31
      '...', // 32
      'q', // 33
      '```', // 34
      '',
    ].join('\n');
    const problems = await replayProse('content/03-x/en.mdx', extractProseCommands(lesson).steps, sandbox.console);
    expect(problems).toEqual([
      'content/03-x/en.mdx:13: cat /nope: exit 1: cat: /nope: No such file or directory',
      'content/03-x/en.mdx:23: true: exit 0, expected exit=2: (no stderr)',
      'content/03-x/en.mdx:31: printf "x\\ny\\nz\\n": the output differs from the console block (- expected, + actual):\n      x\n    - ...\n    - q\n    + y\n    + z',
    ]);
  });

  it('reports a command left unfinished', async () => {
    const sandbox = await Sandbox.create({ seed: 1 });
    const steps = extractProseCommands('```bash\necho "open\n```\n').steps;
    expect(await replayProse('f.mdx', steps, sandbox.console)).toEqual(['f.mdx:2: echo "open: the command is never finished (an open quote or heredoc?)']);
  });
});
