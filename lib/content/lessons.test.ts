import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentError } from './content-error.server';
import { compileLesson, findLessonSources, getLesson, getLessons } from './lessons.server';

const GOOD = `---
title: A good lesson
summary: Short and sweet.
objectives:
  - Learn one thing
minutes: 5
order: 3
---

## First steps

Some text with <Command>ls</Command> inline.

\`\`\`bash
echo hi
\`\`\`

### A detail

<Callout type="tip">Hello</Callout>

## First steps
`;

let root: string;

async function write(folder: string, source: string, locale = 'en'): Promise<void> {
  await fs.mkdir(path.join(root, 'content', folder), { recursive: true });
  await fs.writeFile(path.join(root, 'content', folder, `${locale}.mdx`), source);
}

async function compileError(folder: string): Promise<ContentError> {
  const [source] = (await findLessonSources('en', { root })).filter((s) => s.file.includes(folder));
  const error = await compileLesson(source).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContentError);
  return error as ContentError;
}

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-content-'));
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('lesson loader', () => {
  it('loads a good lesson: frontmatter with defaults, code, stable heading ids and a table of contents', async () => {
    await write('03-good-one', GOOD);
    const [lesson] = await getLessons('en', { root });
    expect(lesson.slug).toBe('good-one');
    expect(lesson.order).toBe(3);
    expect(lesson.file).toBe('content/03-good-one/en.mdx');
    expect(lesson.frontmatter).toEqual({
      title: 'A good lesson',
      summary: 'Short and sweet.',
      objectives: ['Learn one thing'],
      minutes: 5,
      order: 3,
      scenario: 'fresh-host',
    });
    expect(lesson.toc).toEqual([
      { depth: 2, id: 'first-steps', text: 'First steps' },
      { depth: 3, id: 'a-detail', text: 'A detail' },
      { depth: 2, id: 'first-steps-1', text: 'First steps' },
    ]);
    expect(lesson.code).toContain('CodeBlock');
    expect(lesson.code).toContain('echo hi');
  });

  it('orders lessons by folder prefix and finds neighbours', async () => {
    await write('03-good-one', GOOD);
    await write('01-intro', GOOD.replace('order: 3', 'order: 1').replace('A good lesson', 'Intro'));
    await write('02-untranslated', GOOD.replace('order: 3', 'order: 2'), 'zh');
    const lessons = await getLessons('en', { root });
    expect(lessons.map((l) => l.slug)).toEqual(['intro', 'good-one']);
    const { previous, next } = await getLesson('en', 'good-one', { root });
    expect(previous?.slug).toBe('intro');
    expect(next).toBeNull();
  });

  it('names the file and the field when the frontmatter is wrong', async () => {
    await write('03-bad-front', GOOD.replace('minutes: 5', 'minutes: five').replace('  - Learn one thing\n', ''));
    const error = await compileError('03-bad-front');
    expect(error.message).toContain('content/03-bad-front/en.mdx: frontmatter.minutes: expected a number');
    expect(error.message).toContain('content/03-bad-front/en.mdx: frontmatter.objectives: expected a list of strings');
  });

  it('reports a missing field, an unknown field, and an order that does not match the folder', async () => {
    await write('04-bad-order', GOOD.replace('title: A good lesson\n', 'titel: typo\n'));
    const error = await compileError('04-bad-order');
    expect(error.message).toContain('content/04-bad-order/en.mdx: frontmatter.title: is required');
    expect(error.message).toContain('content/04-bad-order/en.mdx: frontmatter: unknown field(s): titel');

    await write('05-wrong-order', GOOD);
    const order = await compileError('05-wrong-order');
    expect(order.message).toBe('content/05-wrong-order/en.mdx: frontmatter.order: expected 5 (the folder prefix "05"), got 3');
  });

  it('names the file, line and component for an unknown component', async () => {
    await write('03-unknown', GOOD.replace('### A detail', '### A detail\n\nText <Foo /> here.\n\n<Bar>\nx\n</Bar>'));
    const error = await compileError('03-unknown');
    // frontmatter is 8 lines; "### A detail" is line 18, "Text <Foo />" line 20 col 6, <Bar> line 22.
    expect(error.message).toContain('content/03-unknown/en.mdx:20:6: unknown component <Foo>; known components: Answer, Callout, Command, Details, Exercise, Figure, Question, Quiz');
    expect(error.message).toContain('content/03-unknown/en.mdx:22:1: unknown component <Bar>');
    expect(error.problems).toHaveLength(2);
  });

  it('rejects a missing required prop, a bad Callout type, an unsupported code language and an h1', async () => {
    await write('03-misc', `${GOOD}\n<Figure src="/x.svg" />\n\n<Callout type="danger">x</Callout>\n\n\`\`\`rust\nfn main() {}\n\`\`\`\n\n# Title again\n`);
    const error = await compileError('03-misc');
    const messages = error.problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual([
      '24: <Figure> needs a "alt" prop',
      '26: <Callout type="danger">: expected one of note, tip, warning',
      '28: unsupported code language "rust"; supported: bash, sh, shell, console, dockerfile, yaml, json, javascript, typescript, python, text, ini',
      '32: a lesson starts at "##": its title (the h1) comes from frontmatter.title',
    ]);
  });

  it('checks <Exercise id> against the lesson\'s exercises, with the file and line', async () => {
    const exercises = { good: { exercises: [{ id: 'first' }, { id: 'second' }] } };
    const body = '\n<Exercise id="first" />\n\n<Exercise id="nope" />\n\n<Exercise id="first" />\n\n<Exercise id={name} />\n\n<Exercise />\n';
    await write('03-good', GOOD + body);
    const [source] = await findLessonSources('en', { root });
    const error = (await compileLesson(source, { exercises }).catch((e: unknown) => e)) as ContentError;
    expect(error).toBeInstanceOf(ContentError);
    expect(error.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '26: <Exercise id="nope">: no exercise "nope" in content/03-good/exercises.ts; its exercises: first, second',
      '28: <Exercise id="first"> is placed twice (also at line 24)',
      '30: <Exercise id>: give the id as a plain string, e.g. <Exercise id="leave-a-note" />',
      '32: <Exercise> needs a "id" prop',
    ]);

    await write('03-good', GOOD + '\n<Exercise id="second" />\n\n<Exercise id="first" />\n\nSee [lesson 0](/en/welcome/#look-around).\n');
    const lesson = await compileLesson(source, { exercises });
    expect(lesson.exercises).toEqual([
      { id: 'second', line: 24 },
      { id: 'first', line: 26 },
    ]);
    expect(lesson.links).toEqual([{ url: '/en/welcome/#look-around', line: 28, column: 5 }]);

    await write('04-bare', GOOD.replace('order: 3', 'order: 4') + '\n<Exercise id="first" />\n');
    const [bare] = (await findLessonSources('en', { root })).filter((s) => s.slug === 'bare');
    await expect(compileLesson(bare, { exercises })).rejects.toThrow(
      'content/04-bare/en.mdx:24:1: <Exercise id="first">: this lesson has no exercises; write content/04-bare/exercises.ts and register it in content/exercises.ts',
    );
  });

  it('accepts a well-formed quiz', async () => {
    const quiz = [
      '',
      '<Quiz id="basics">',
      '',
      '<Question id="one" prompt="Which is right?">',
      '  <Answer why="No, because `x`.">Not this</Answer>',
      '  <Answer correct why="Yes.">This, with `code`</Answer>',
      '</Question>',
      '',
      '</Quiz>',
      '',
    ].join('\n');
    await write('03-quiz', GOOD + quiz);
    const [source] = await findLessonSources('en', { root });
    const lesson = await compileLesson(source);
    expect(lesson.code).toContain('Quiz');
  });

  it('rejects a malformed quiz with the file and line of each problem', async () => {
    const quiz = [
      '', // 23
      '<Quiz id="basics">', // 24
      '', // 25
      '<Question id="none" prompt="No correct answer">', // 26
      '  <Answer why="a">A</Answer>', // 27
      '  <Answer why="b">B</Answer>', // 28
      '</Question>', // 29
      '', // 30
      '<Question id="two" prompt="Two correct answers">', // 31
      '  <Answer correct why="a">A</Answer>', // 32
      '  <Answer correct why="b">B</Answer>', // 33
      '</Question>', // 34
      '', // 35
      '<Question id="none" prompt="Same id again">', // 36
      '  <Answer correct>A</Answer>', // 37
      '  <Answer why="b">B</Answer>', // 38
      '</Question>', // 39
      '', // 40
      '<Question id="lonely">', // 41
      '  <Answer correct why="a">A</Answer>', // 42
      '</Question>', // 43
      '', // 44
      '</Quiz>', // 45
      '', // 46
      '<Quiz id="basics">', // 47
      '', // 48
      '<Question prompt="No id">', // 49
      '  <Answer correct="yes" why="a">A</Answer>', // 50
      '  <Answer why="b">B</Answer>', // 51
      '</Question>', // 52
      '', // 53
      '</Quiz>', // 54
      '', // 55
      '<Question id="stray" prompt="Outside a quiz">', // 56
      '  <Answer correct why="a">A</Answer>', // 57
      '  <Answer why="b">B</Answer>', // 58
      '</Question>', // 59
      '', // 60
      'Text with <Answer why="x">an answer</Answer> in it.', // 61
      '', // 62
      '<Quiz />', // 63
      '',
    ].join('\n');
    await write('03-bad-quiz', GOOD + quiz);
    const error = await compileError('03-bad-quiz');
    expect(error.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '26: <Question id="none"> has no correct answer: mark exactly one <Answer correct>',
      '31: <Question id="two"> has 2 correct answers (lines 32, 33): mark exactly one <Answer correct>',
      '36: <Question id="none"> is used twice in its quiz (also at line 26)',
      '37: <Answer> needs a "why" prop',
      '41: <Question> needs a "prompt" prop',
      '41: <Question id="lonely"> needs at least two <Answer>s',
      '47: <Quiz id="basics"> is used twice (also at line 24)',
      '49: <Question> needs a "id" prop',
      '50: <Answer correct>: write `correct` alone, with no value, on the one right answer',
      '56: <Question> must be inside a <Quiz>',
      '61: <Answer> must be inside a <Question>',
      '63: <Quiz> needs a "id" prop',
      '63: <Quiz> needs at least one <Question>',
    ]);
    expect(error.message).toContain('content/03-bad-quiz/en.mdx:26:1: <Question id="none"> has no correct answer');
  });

  it('rejects an exit= that is not a status, or on a block that is not a command block', async () => {
    const blocks = '\n```bash exit=137\nsleep 1\n```\n\n```bash title="x" exit=one\nfalse\n```\n\n```text exit=1\nout\n```\n';
    await write('03-exit', GOOD + blocks);
    const error = await compileError('03-exit');
    expect(error.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '28: exit=one: expected the last command\'s exit status, a whole number from 0 to 255 (e.g. exit=1)',
      '32: exit=1: only a command block (bash, sh, shell) has an exit status',
    ]);
  });

  it('reports MDX syntax errors with the file and line', async () => {
    await write('03-syntax', `${GOOD}\n<Callout type="tip">\nnot closed\n`);
    const error = await compileError('03-syntax');
    expect(error.message).toBe('content/03-syntax/en.mdx:24:1: Expected a closing tag for `<Callout>` (24:1-24:21)');
  });

  it('rejects a lesson folder that is not named NN-slug', async () => {
    await write('welcome', GOOD);
    await expect(findLessonSources('en', { root })).rejects.toThrow('content/welcome: a lesson folder is named NN-slug');
  });
});

describe('the course content', () => {
  it('every lesson in content/ compiles', async () => {
    const lessons = await getLessons('en');
    expect(lessons.length).toBeGreaterThan(0);
    expect(lessons[0]).toMatchObject({ slug: 'welcome', order: 0 });
    expect(lessons[0].toc.length).toBeGreaterThan(0);
  });
});
