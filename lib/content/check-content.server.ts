/**
 * `npm run check:content`: everything about the course's content that can be checked without a
 * browser, reported as `file:line: message` so an editor can jump to it.
 *
 * - every lesson compiles: frontmatter, components, code languages, and each `<Exercise id>`
 *   names one of the lesson's exercises (the same checks as the build);
 * - every exercise of a lesson is placed in its text, once, in every language it is written in;
 * - the lesson's scenario exists, and its exercises start from that same scenario;
 * - a lesson folder's exercises.ts is registered in content/exercises.ts (and nothing else is);
 * - exercises have unique kebab-case ids, a title, and a solution to replay;
 * - internal links (`/en/<slug>/`, `/en/<slug>/#heading`, files in public/) lead somewhere.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LESSON_EXERCISES } from '@/content/exercises';
import { LOCALES } from '@/i18n';
import type { LessonExercises } from '@/sandbox/exercises/types';
import { SCENARIOS } from '@/sandbox/scenarios';
import { ContentError, type ContentProblem } from './content-error.server';
import { compileLesson, findLessonSources, type Lesson } from './lessons.server';
import { RESERVED_IDS } from './remark-headings.server';

export interface CheckContentOptions {
  root?: string;
  /** The registry to check against; defaults to content/exercises.ts. */
  exercises?: Record<string, LessonExercises>;
  /** Scenario names that exist; defaults to sandbox/scenarios. */
  scenarios?: readonly string[];
  locales?: readonly string[];
  /** Loads a lesson's exercises.ts (a dynamic import by default). */
  load?: (absolutePath: string) => Promise<unknown>;
}

export interface CheckContentResult {
  problems: ContentProblem[];
  lessons: number;
  exercises: number;
  links: number;
}

const FOLDER = /^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const importModule = (absolutePath: string) => import(/* webpackIgnore: true */ pathToFileURL(absolutePath).href);

export async function checkContent(options: CheckContentOptions = {}): Promise<CheckContentResult> {
  const root = options.root ?? process.cwd();
  const registry = options.exercises ?? LESSON_EXERCISES;
  const scenarios = options.scenarios ?? SCENARIOS.map((s) => s.name);
  const locales = options.locales ?? LOCALES;
  const load = options.load ?? importModule;
  const problems: ContentProblem[] = [];

  // 1. Compile every lesson in every language (the build's own checks).
  const byLocale = new Map<string, Lesson[]>();
  for (const locale of locales) {
    const lessons: Lesson[] = [];
    try {
      for (const source of await findLessonSources(locale, { root })) {
        try {
          lessons.push(await compileLesson(source, { root, exercises: registry }));
        } catch (error) {
          problems.push(...problemsOf(error, source.file));
        }
      }
    } catch (error) {
      problems.push(...problemsOf(error, 'content'));
    }
    byLocale.set(locale, lessons);
  }

  // 2. Lesson folders and the registry agree.
  const folders = new Map<string, string>(); // slug → folder path relative to root
  for (const entry of await fs.readdir(path.join(root, 'content'), { withFileTypes: true })) {
    const match = entry.isDirectory() ? FOLDER.exec(entry.name) : null;
    if (match) folders.set(match[2], `content/${entry.name}`);
  }
  for (const [slug, folder] of folders) {
    const file = path.join(root, folder, 'exercises.ts');
    const exists = await fs.access(file).then(
      () => true,
      () => false,
    );
    if (!exists) {
      if (Object.hasOwn(registry, slug)) problems.push({ file: 'content/exercises.ts', message: `LESSON_EXERCISES["${slug}"] should come from ${folder}/exercises.ts, which does not exist` });
      continue;
    }
    if (!Object.hasOwn(registry, slug)) {
      problems.push({ file: `${folder}/exercises.ts`, line: 1, message: `not registered: import it in content/exercises.ts and add ${JSON.stringify(slug)} to LESSON_EXERCISES` });
      continue;
    }
    let loaded: unknown;
    try {
      loaded = ((await load(file)) as { default?: unknown }).default;
    } catch (error) {
      problems.push({ file: `${folder}/exercises.ts`, message: `could not be loaded: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (loaded !== registry[slug]) problems.push({ file: 'content/exercises.ts', message: `LESSON_EXERCISES["${slug}"] is not the default export of ${folder}/exercises.ts` });
  }
  for (const slug of Object.keys(registry)) {
    if (!folders.has(slug)) problems.push({ file: 'content/exercises.ts', message: `LESSON_EXERCISES has "${slug}", but there is no lesson folder content/NN-${slug}/` });
  }

  // 3. Each lesson: its scenario, its exercises, its links.
  let exerciseCount = 0;
  let linkCount = 0;
  for (const [locale, lessons] of byLocale) {
    const slugs = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
    for (const lesson of lessons) {
      const text = await fs.readFile(path.join(root, lesson.file), 'utf8');
      const { scenario } = lesson.frontmatter;
      if (!scenarios.includes(scenario)) {
        problems.push({ file: lesson.file, line: lineOf(text, /^scenario:/m), message: `frontmatter.scenario: no scenario "${scenario}"; known: ${scenarios.join(', ')}` });
      }
      // A lesson carries on only in an earlier lesson's world.
      const { continues } = lesson.frontmatter;
      const earlier = continues ? slugs.get(continues) : undefined;
      if (continues && (!earlier || earlier.order >= lesson.order)) {
        problems.push({ file: lesson.file, line: lineOf(text, /^continues:/m), message: `frontmatter.continues: "${continues}" is not an earlier lesson` });
      }
      const own = Object.hasOwn(registry, lesson.slug) ? registry[lesson.slug] : undefined;
      if (own) {
        const source = `${path.posix.dirname(lesson.file)}/exercises.ts`;
        const code = await fs.readFile(path.join(root, source), 'utf8').catch(() => '');
        if (locale === locales[0]) {
          exerciseCount += own.exercises.length;
          problems.push(...checkExercises(own, source, code, lesson));
        }
        const placed = new Set(lesson.exercises.map((e) => e.id));
        for (const exercise of own.exercises) {
          if (!placed.has(exercise.id)) {
            problems.push({ file: source, line: lineOf(code, idPattern(exercise.id)), message: `exercise "${exercise.id}" is not placed in ${lesson.file}: add <Exercise id="${exercise.id}" />` });
          }
          if (locale !== 'en' && exercise.title[locale] === undefined) {
            problems.push({ file: source, line: lineOf(code, idPattern(exercise.id)), message: `exercise "${exercise.id}" has no ${locale} title, but ${lesson.file} exists` });
          }
        }
      }
      for (const link of lesson.links) {
        linkCount++;
        const message = await checkLink(link.url, locale, locales, slugs, root);
        if (message) problems.push({ file: lesson.file, line: link.line, column: link.column, message });
      }
    }
  }

  const lessonCount = [...byLocale.values()].reduce((n, lessons) => n + lessons.length, 0);
  return { problems: sortProblems(problems), lessons: lessonCount, exercises: exerciseCount, links: linkCount };
}

function checkExercises(own: LessonExercises, source: string, code: string, lesson: Lesson): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (own.scenario !== lesson.frontmatter.scenario) {
    problems.push({ file: source, line: lineOf(code, /scenario:/), message: `scenario "${own.scenario}" is not the lesson's (frontmatter.scenario: "${lesson.frontmatter.scenario}")` });
  }
  const seen = new Set<string>();
  for (const exercise of own.exercises) {
    const line = lineOf(code, idPattern(exercise.id));
    if (!ID.test(exercise.id)) problems.push({ file: source, line, message: `exercise id "${exercise.id}": use lower-case words joined by dashes` });
    if (seen.has(exercise.id)) problems.push({ file: source, line, message: `exercise id "${exercise.id}" is used twice` });
    seen.add(exercise.id);
    if (!exercise.title?.en?.trim()) problems.push({ file: source, line, message: `exercise "${exercise.id}" needs a title (title.en)` });
    if (exercise.solution.commands.length === 0) problems.push({ file: source, line, message: `exercise "${exercise.id}" needs a solution: at least one command` });
    if (typeof exercise.check !== 'function') problems.push({ file: source, line, message: `exercise "${exercise.id}" needs a check(world)` });
  }
  return problems;
}

/** Internal links: a lesson (with its trailing slash), a heading in it, the course home, or a file in public/. */
async function checkLink(url: string, locale: string, locales: readonly string[], lessons: Map<string, Lesson>, root: string): Promise<string | null> {
  if (!url.startsWith('/') || url.startsWith('//')) return null; // external, relative or an anchor on this page
  const [pathname, hash] = url.split('#', 2);
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length > 0 && locales.includes(parts[0])) {
    if (parts[0] !== locale) return null; // another edition: checked when that edition is
    if (parts.length === 1) return pathname.endsWith('/') ? null : `link ${url}: write ${pathname}/ (with the trailing slash)`;
    const target = lessons.get(parts[1]);
    if (parts.length > 2 || !target) return `link ${url}: no lesson "${parts.slice(1).join('/')}" in /${locale}/; lessons: ${[...lessons.keys()].join(', ')}`;
    if (!pathname.endsWith('/')) return `link ${url}: write /${locale}/${parts[1]}/ (with the trailing slash)`;
    if (hash && !target.toc.some((entry) => entry.id === hash) && !RESERVED_IDS.includes(hash)) {
      return `link ${url}: lesson "${parts[1]}" has no heading #${hash}; its headings: ${target.toc.map((entry) => entry.id).join(', ')}`;
    }
    return null;
  }
  const file = path.join(root, 'public', decodeURIComponent(pathname));
  const found = await fs.stat(file).then(
    (stat) => stat.isFile(),
    () => false,
  );
  return found ? null : `link ${url}: not a lesson and no file public${pathname}`;
}

function problemsOf(error: unknown, file: string): ContentProblem[] {
  if (error instanceof ContentError) return [...error.problems];
  return [{ file, message: error instanceof Error ? error.message : String(error) }];
}

function idPattern(id: string): RegExp {
  return new RegExp(`id:\\s*['"\`]${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`);
}

function lineOf(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : undefined;
}

function sortProblems(problems: ContentProblem[]): ContentProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}
