/**
 * Replays a lesson's prose commands (prose-commands.server.ts) in one shell, the way the terminal
 * does when the student presses each Run in turn: line by line, a line that leaves the command
 * unfinished (a heredoc, an open quote) waiting for the next (components/terminal/shell.worker.ts),
 * stdout then stderr shown for each command. Returns every problem as `file:line: message`.
 */
import { diffLines, matchLines, outputLines, type ProseStep } from './prose-commands.server';

/** What the replay needs of the sandbox's console. */
export interface ReplayShell {
  isIncomplete(text: string): boolean;
  run(line: string): Promise<{ stdout: string; stderr: string; exitCode: number }>;
}

function oneLine(text: string, max = 160): string {
  const flat = text.trim().replace(/\s*\n\s*/g, ' ⏎ ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export async function replayProse(file: string, steps: readonly ProseStep[], shell: ReplayShell): Promise<string[]> {
  const problems: string[] = [];
  for (const step of steps) {
    let output = '';
    let unfinished: { text: string; line: number } | null = null;
    let last: { command: string; line: number; exitCode: number; stderr: string } | null = null;
    const failures: string[] = [];
    for (const [offset, line] of step.lines.entries()) {
      const text: string = unfinished === null ? line : `${unfinished.text}\n${line}`;
      const at: number = unfinished === null ? step.line + offset : unfinished.line;
      if (shell.isIncomplete(text)) {
        unfinished = { text, line: at };
        continue;
      }
      unfinished = null;
      const result = await shell.run(text);
      output += result.stdout + result.stderr;
      if (last && last.exitCode !== 0) failures.push(`${file}:${last.line}: ${oneLine(last.command)}: exit ${last.exitCode}: ${oneLine(last.stderr) || '(no stderr)'}`);
      last = { command: text, line: at, exitCode: result.exitCode, stderr: result.stderr };
    }
    if (unfinished !== null) {
      failures.push(`${file}:${unfinished.line}: ${oneLine(unfinished.text)}: the command is never finished (an open quote or heredoc?)`);
    }
    if (last && last.exitCode !== step.exit) {
      const expected = step.exit === 0 ? '' : `, expected exit=${step.exit}`;
      failures.push(`${file}:${last.line}: ${oneLine(last.command)}: exit ${last.exitCode}${expected}: ${oneLine(last.stderr) || '(no stderr)'}`);
    }
    problems.push(...failures);
    if (step.expected) {
      const expected = outputLines(step.expected.text);
      const actual = outputLines(output);
      if (!matchLines(expected, actual)) {
        const command = oneLine(step.lines.join('\n'));
        const diff = diffLines(expected, actual)
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n');
        problems.push(`${file}:${step.expected.line}: ${command}: the output differs from the console block (- expected, + actual):\n${diff}`);
      }
    }
  }
  return problems;
}
