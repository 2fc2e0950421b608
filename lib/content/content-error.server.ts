/**
 * A problem in a lesson source, reported the way compilers do: `path:line:column: message`.
 * Thrown at build time so that `next build` (and Vitest) fail with something an author can act on.
 */
export interface ContentProblem {
  /** Path of the lesson file, relative to the project root (e.g. `content/00-welcome/en.mdx`). */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export function formatProblem(problem: ContentProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return `${where}: ${problem.message}`;
}

export class ContentError extends Error {
  declare readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[]) {
    const lines = problems.map(formatProblem);
    super(lines.length === 1 ? lines[0] : `${lines.length} problems in lesson content:\n${lines.join('\n')}`);
    this.name = 'ContentError';
    // Not enumerable, and no stack: the build log shows the message an author needs, once.
    Object.defineProperty(this, 'problems', { value: problems, enumerable: false });
    this.stack = `${this.name}: ${this.message}`;
  }
}
