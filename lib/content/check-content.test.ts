import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from './content-error.server';
import { checkContent } from './check-content.server';
import type { LessonExercises } from '@/sandbox/exercises/types';

const lesson = (order: number, body: string, scenario = 'fresh-host') => `---
title: Lesson ${order}
summary: A lesson.
objectives:
  - Learn
minutes: 5
order: ${order}
scenario: ${scenario}
---

## Start

${body}
`;

const exercise = (id: string) => ({ id, title: { en: `Do ${id}` }, hints: [], check: () => ({ passed: true as const }), solution: { commands: ['true'] } });

let root: string;

async function write(file: string, text: string) {
  await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await fs.writeFile(path.join(root, file), text);
}

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-check-'));
  await fs.mkdir(path.join(root, 'public/figures'), { recursive: true });
  await fs.writeFile(path.join(root, 'public/figures/layers.svg'), '<svg/>');
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('checkContent', () => {
  it('passes a course whose lessons, exercises, scenarios and links agree', async () => {
    const first: LessonExercises = { scenario: 'fresh-host', ordered: false, exercises: [exercise('one')] };
    await write('content/00-first/en.mdx', lesson(0, '<Exercise id="one" />\n\nNext: [lesson 1](/en/second/#start), a [figure](/figures/layers.svg), [home](/en/), [elsewhere](https://example.com/).'));
    await write('content/00-first/exercises.ts', "export default { id: 'one' };\n");
    await write('content/01-second/en.mdx', lesson(1, 'No exercises here.'));
    const modules = new Map<string, unknown>([[path.join(root, 'content/00-first/exercises.ts'), { default: first }]]);
    const result = await checkContent({ root, exercises: { first }, scenarios: ['fresh-host'], locales: ['en'], load: async (file) => modules.get(file) });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ lessons: 2, exercises: 1, links: 4 });
  });

  it('reports each problem as file:line: message', async () => {
    const first: LessonExercises = { scenario: 'other-host', ordered: true, exercises: [exercise('one'), exercise('two'), exercise('Bad_Id'), { ...exercise('empty'), solution: { commands: [] } }] };
    const stray: LessonExercises = { scenario: 'fresh-host', ordered: false, exercises: [] };
    await write(
      'content/00-first/en.mdx',
      lesson(0, '<Exercise id="one" />\n\n<Exercise id="three" />\n\nSee [this](/en/second), [that](/en/first/#nowhere), [art](/figures/missing.svg).', 'no-such-scenario'),
    );
    await write('content/00-first/exercises.ts', "export default {\n  exercises: [\n    { id: 'one' },\n    { id: 'two' },\n    { id: 'Bad_Id' },\n    { id: 'empty' },\n  ],\n  scenario: 'other-host',\n};\n");
    await write('content/01-second/en.mdx', lesson(1, 'Text.'));
    await write('content/01-second/exercises.ts', 'export default {};\n');
    const result = await checkContent({ root, exercises: { first, stray }, scenarios: ['fresh-host'], locales: ['en'], load: async () => ({ default: first }) });
    expect(result.problems.map(formatProblem)).toEqual([
      'content/00-first/en.mdx:15:1: <Exercise id="three">: no exercise "three" in content/00-first/exercises.ts; its exercises: one, two, Bad_Id, empty',
      'content/01-second/exercises.ts:1:1: not registered: import it in content/exercises.ts and add "second" to LESSON_EXERCISES',
      'content/exercises.ts: LESSON_EXERCISES has "stray", but there is no lesson folder content/NN-stray/',
    ]);

    // With the unknown id fixed, the lesson compiles and the rest is checked.
    await write('content/00-first/en.mdx', lesson(0, '<Exercise id="one" />\n\nSee [this](/en/second), [that](/en/first/#nowhere), [art](/figures/missing.svg).', 'no-such-scenario'));
    const again = await checkContent({ root, exercises: { first }, scenarios: ['fresh-host'], locales: ['en'], load: async (file) => (file.includes('00-first') ? { default: first } : { default: {} }) });
    expect(again.problems.map(formatProblem)).toEqual([
      'content/00-first/en.mdx:8:1: frontmatter.scenario: no scenario "no-such-scenario"; known: fresh-host',
      'content/00-first/en.mdx:15:5: link /en/second: write /en/second/ (with the trailing slash)',
      'content/00-first/en.mdx:15:25: link /en/first/#nowhere: lesson "first" has no heading #nowhere; its headings: start',
      'content/00-first/en.mdx:15:53: link /figures/missing.svg: not a lesson and no file public/figures/missing.svg',
      'content/00-first/exercises.ts:4:1: exercise "two" is not placed in content/00-first/en.mdx: add <Exercise id="two" />',
      'content/00-first/exercises.ts:5:1: exercise id "Bad_Id": use lower-case words joined by dashes',
      'content/00-first/exercises.ts:5:1: exercise "Bad_Id" is not placed in content/00-first/en.mdx: add <Exercise id="Bad_Id" />',
      'content/00-first/exercises.ts:6:1: exercise "empty" needs a solution: at least one command',
      'content/00-first/exercises.ts:6:1: exercise "empty" is not placed in content/00-first/en.mdx: add <Exercise id="empty" />',
      'content/00-first/exercises.ts:8:1: scenario "other-host" is not the lesson\'s (frontmatter.scenario: "no-such-scenario")',
      'content/01-second/exercises.ts:1:1: not registered: import it in content/exercises.ts and add "second" to LESSON_EXERCISES',
    ]);
  });

  it('finds the real course in order', async () => {
    const result = await checkContent();
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.exercises).toBeGreaterThanOrEqual(3);
  });
});
