/**
 * The commands a lesson's prose asks the student to run, in document order, as its Run buttons
 * send them: every ```bash / ```sh / ```shell block without `norun`, and every `<Command>` without
 * `norun`. A ```console block right after a command block is that block's expected output.
 * Read with the same remark stack the build compiles lessons with (remark-parse, remark-mdx,
 * remark-frontmatter, remark-gfm), so lines and columns match the build's messages.
 *
 * content/prose-commands.test.ts replays them with `replayProse` (prose-replay.server.ts).
 */
import type { Code, Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { COMMAND_LANGUAGES, exitStatus, parseCodeMeta, resolveCodeLanguage } from '@/components/mdx/code-languages';
import { textOf } from './mdast-text.server';

export interface ProseStep {
  kind: 'block' | 'command';
  /** 1-based line in the lesson file of the block's first command line, or of the `<Command>`. */
  line: number;
  /** The lines as the Run button types them, each followed by Enter. */
  lines: string[];
  /** The status the last command must end with (`exit=N`), 0 by default. */
  exit: number;
  /** The ```console block right after the block: its text and the line of its first output line. */
  expected?: { line: number; text: string };
}

export interface ProseCommands {
  /** frontmatter.scenario, or undefined when the lesson names none. */
  scenario?: string;
  steps: ProseStep[];
}

/** What the terminal receives for a block's Run: trailing newlines dropped, then line by line (line-editor.ts typeIn). */
export function runLines(code: string): string[] {
  return code.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
}

function parse(source: string): Root {
  return unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter, ['yaml']).use(remarkGfm, { singleTilde: false }).parse(source);
}

function isNorun(element: MdxJsxFlowElement | MdxJsxTextElement): boolean {
  return element.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === 'norun' && a.value !== 'false');
}

export function extractProseCommands(source: string): ProseCommands {
  const tree = parse(source);
  const result: ProseCommands = { steps: [] };
  visit(tree, (node, index, parent) => {
    if (node.type === 'yaml') {
      const scenario = /^scenario:\s*['"]?([^'"\s#]+)['"]?\s*(?:#.*)?$/m.exec(node.value);
      if (scenario) result.scenario = scenario[1];
      return;
    }
    if (node.type === 'code') {
      const lang = resolveCodeLanguage(node.lang);
      if (!lang || !COMMAND_LANGUAGES.includes(lang)) return;
      const meta = parseCodeMeta(node.meta);
      if (meta.norun) return;
      const step: ProseStep = { kind: 'block', line: (node.position?.start.line ?? 0) + 1, lines: runLines(node.value), exit: exitStatus(meta.exit ?? '0') ?? 0 };
      const next = parent && index !== undefined ? parent.children[index + 1] : undefined;
      if (next?.type === 'code' && resolveCodeLanguage(next.lang) === 'console') {
        step.expected = { line: ((next as Code).position?.start.line ?? 0) + 1, text: (next as Code).value };
      }
      result.steps.push(step);
      return;
    }
    if ((node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement') && node.name === 'Command') {
      if (isNorun(node)) return;
      const command = textOf(node).trim();
      if (command !== '') result.steps.push({ kind: 'command', line: node.position?.start.line ?? 0, lines: [command], exit: 0 });
    }
  });
  return result;
}

/** Removes colours and other terminal control sequences: the comparison is about the text shown. */
export function plainText(output: string): string {
  return output.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g, '').replace(/\r\n?/g, '\n');
}

/** Output as lines to compare: control sequences gone, trailing spaces trimmed, the final newline not a line. */
export function outputLines(text: string): string[] {
  const lines = plainText(text).split('\n').map((line) => line.replace(/\s+$/, ''));
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Whether `actual` matches `expected`, where a line that is only `...` matches any number of lines. */
export function matchLines(expected: readonly string[], actual: readonly string[]): boolean {
  const memo = new Map<string, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === expected.length) result = j === actual.length;
    else if (expected[i].trim() === '...') result = match(i + 1, j) || (j < actual.length && match(i, j + 1));
    else result = j < actual.length && expected[i] === actual[j] && match(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/** A line diff for a failed match: the expected lines (-) and the actual ones (+), aligned where they agree. */
export function diffLines(expected: readonly string[], actual: readonly string[]): string {
  // Longest common subsequence, with `...` lines shown as they are.
  const n = expected.length;
  const m = actual.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) table[i][j] = expected[i] === actual[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      out.push(`  ${expected[i++]}`);
      j++;
    } else if (i < n && (j === m || table[i + 1][j] >= table[i][j + 1])) out.push(`- ${expected[i++]}`);
    else out.push(`+ ${actual[j++]}`);
  }
  return out.join('\n');
}
