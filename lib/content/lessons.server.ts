/**
 * Finds and compiles the lessons in content/ at build time (server only; nothing here reaches the
 * browser). A lesson is `content/NN-slug/<locale>.mdx`: the folder prefix is its order, the rest
 * its slug. Compiling validates the frontmatter, rejects unknown components and code languages,
 * gives headings stable ids and extracts the table of contents. Any problem throws a ContentError
 * naming the file (and line), which fails `next build`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'mdast';
import { bundleMDX } from 'mdx-bundler';
import remarkGfm from 'remark-gfm';
import { visit } from 'unist-util-visit';
import { LESSON_EXERCISES } from '@/content/exercises';
import { ContentError, type ContentProblem } from './content-error.server';
import { checkFrontmatter, type Frontmatter } from './frontmatter.server';
import { remarkCheckComponents, type LessonExerciseIds } from './remark-check-components.server';
import { remarkCheckQuizzes } from './remark-check-quizzes.server';
import { remarkCodeBlocks } from './remark-code-blocks.server';
import { remarkHeadings, type TocEntry } from './remark-headings.server';

export type { Frontmatter } from './frontmatter.server';
export type { TocEntry } from './remark-headings.server';

export interface ContentOptions {
  /** Project root; paths in error messages are relative to it. Defaults to the working directory. */
  root?: string;
  /** The lessons folder, relative to root. */
  dir?: string;
  /** Every lesson's exercises by slug; defaults to content/exercises.ts. */
  exercises?: Record<string, { exercises: ReadonlyArray<{ id: string }> }>;
}

export interface LessonSource {
  slug: string;
  order: number;
  locale: string;
  /** Relative to the project root, with forward slashes: `content/00-welcome/en.mdx`. */
  file: string;
  absolutePath: string;
}

export interface LessonSummary {
  slug: string;
  order: number;
  locale: string;
  file: string;
  frontmatter: Frontmatter;
}

export interface Lesson extends LessonSummary {
  /** The compiled MDX (an esbuild bundle), rendered on the server by components/mdx/render. */
  code: string;
  toc: TocEntry[];
  /** The `<Exercise id>` placed in the text, in order. */
  exercises: Array<{ id: string; line?: number }>;
  /** Every link in the text, for `npm run check:content`. */
  links: LessonLink[];
}

export interface LessonLink {
  url: string;
  line?: number;
  column?: number;
}

const FOLDER_PATTERN = /^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

function resolveOptions(options: ContentOptions = {}) {
  const root = options.root ?? process.cwd();
  const dir = options.dir ?? 'content';
  return { root, dir, absoluteDir: path.join(root, dir) };
}

function relative(root: string, absolutePath: string): string {
  return path.relative(root, absolutePath).split(path.sep).join('/');
}

/** The lesson files for `locale`, in course order. Folders not named `NN-slug` are an error. */
export async function findLessonSources(locale: string, options?: ContentOptions): Promise<LessonSource[]> {
  const { root, absoluteDir } = resolveOptions(options);
  const entries = await fs.readdir(absoluteDir, { withFileTypes: true });
  const sources: LessonSource[] = [];
  const problems: ContentProblem[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
    const folder = path.join(absoluteDir, entry.name);
    const match = FOLDER_PATTERN.exec(entry.name);
    if (!match) {
      problems.push({ file: relative(root, folder), message: 'a lesson folder is named NN-slug (two digits, a dash, lower-case words joined by dashes), e.g. 00-welcome' });
      continue;
    }
    const absolutePath = path.join(folder, `${locale}.mdx`);
    try {
      await fs.access(absolutePath);
    } catch {
      continue; // not translated into this locale (yet)
    }
    sources.push({ slug: match[2], order: Number(match[1]), locale, file: relative(root, absolutePath), absolutePath });
  }
  sources.sort((a, b) => a.order - b.order);
  for (let i = 1; i < sources.length; i++) {
    if (sources[i].order === sources[i - 1].order) {
      problems.push({ file: sources[i].file, message: `order ${sources[i].order} is also used by ${sources[i - 1].file}` });
    }
  }
  const seen = new Map<string, string>();
  for (const source of sources) {
    const other = seen.get(source.slug);
    if (other) problems.push({ file: source.file, message: `slug "${source.slug}" is also used by ${other}` });
    seen.set(source.slug, source.file);
  }
  if (problems.length > 0) throw new ContentError(problems);
  return sources;
}

interface EsbuildMessage {
  text: string;
  location?: { line: number; column: number } | null;
}

function problemsFromError(error: unknown, file: string): ContentProblem[] {
  const failure = error as { errors?: EsbuildMessage[]; name?: string; reason?: string; mark?: { line: number; column: number }; message?: string };
  if (failure.name === 'YAMLException') {
    const line = failure.mark ? failure.mark.line + 2 : undefined; // +1 for 1-based, +1 for the opening ---
    return [{ file, line, column: failure.mark ? failure.mark.column + 1 : undefined, message: `frontmatter: invalid YAML: ${failure.reason ?? failure.message}` }];
  }
  if (Array.isArray(failure.errors) && failure.errors.length > 0) {
    return failure.errors.map((message) => {
      const text = message.text.replace(/\s*\[plugin [^\]]+\]\s*$/, '').trim();
      // The MDX compiler's own message starts with its position: "12:3-12:9: Expected …".
      const mdx = /^Cannot process MDX file with esbuild:\s*(\d+):(\d+)(?:-\d+:\d+)?:\s*([\s\S]*)$/.exec(text);
      if (mdx) {
        // An unclosed element is reported at 1:1 (the document) with the element's place in brackets.
        const inner = mdx[1] === '1' && mdx[2] === '1' ? /\((\d+):(\d+)-\d+:\d+\)/.exec(mdx[3]) : null;
        return { file, line: Number(inner?.[1] ?? mdx[1]), column: Number(inner?.[2] ?? mdx[2]), message: mdx[3] };
      }
      const located = message.location && message.location.line > 0;
      return {
        file,
        line: located ? message.location?.line : undefined,
        column: located && message.location ? message.location.column + 1 : undefined,
        message: text,
      };
    });
  }
  return [{ file, message: failure.message ?? String(error) }];
}

/** File-level problems (frontmatter) first, then in the order of the source. */
function sortByPosition(problems: ContentProblem[]): ContentProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Collects Markdown links and `<a href>` elements. */
function remarkCollectLinks(links: LessonLink[]) {
  return () => (tree: Root) => {
    visit(tree, (node) => {
      const at = { line: node.position?.start.line, column: node.position?.start.column };
      if (node.type === 'link' || node.type === 'definition') links.push({ url: node.url, ...at });
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'a') {
        const href = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'href');
        if (href && typeof href.value === 'string') links.push({ url: href.value, ...at });
      }
    });
  };
}

/** The lesson's exercise ids from the registry, for checking `<Exercise id>`. */
function exerciseIdsFor(source: LessonSource, options?: ContentOptions): LessonExerciseIds {
  const registry = options?.exercises ?? LESSON_EXERCISES;
  const lesson = Object.hasOwn(registry, source.slug) ? registry[source.slug] : undefined;
  return { ids: lesson ? lesson.exercises.map((e) => e.id) : null, source: `${path.posix.dirname(source.file)}/exercises.ts`, used: [] };
}

/** Compiles one lesson. Throws a ContentError listing every problem found in it. */
export async function compileLesson(source: LessonSource, options?: ContentOptions): Promise<Lesson> {
  const problems: ContentProblem[] = [];
  const toc: TocEntry[] = [];
  const links: LessonLink[] = [];
  const exercises = exerciseIdsFor(source, options);
  let frontmatter: Frontmatter | undefined;
  const file = source.file;
  let code: string;
  try {
    const result = await bundleMDX({
      file: source.absolutePath,
      cwd: path.dirname(source.absolutePath),
      // Problems are reported once, by ContentError; esbuild need not print them too.
      esbuildOptions(options) {
        options.logLevel = 'silent';
        return options;
      },
      mdxOptions(options, data) {
        const checked = checkFrontmatter(data, file, source.order);
        if (checked.ok) frontmatter = checked.frontmatter;
        else problems.push(...checked.problems);
        options.remarkPlugins = [
          ...(options.remarkPlugins ?? []),
          // `~` is everywhere in shell prose (~/.bashrc, root@lab:~#): no single-tilde strikethrough.
          [remarkGfm, { singleTilde: false }],
          remarkCheckComponents(file, problems, exercises),
          remarkCheckQuizzes(file, problems),
          remarkCollectLinks(links),
          remarkHeadings(file, problems, toc),
          remarkCodeBlocks(file, problems),
          // Stops the compile once every check has reported, so all problems are listed together.
          () => () => {
            if (problems.length > 0) throw new ContentError(problems);
          },
        ];
        return options;
      },
    });
    code = result.code;
  } catch (error) {
    throw new ContentError(sortByPosition(problems.length > 0 ? problems : problemsFromError(error, file)));
  }
  if (problems.length > 0 || !frontmatter) throw new ContentError(problems);
  return { slug: source.slug, order: source.order, locale: source.locale, file, frontmatter, code, toc, exercises: exercises.used, links };
}

/** Compiled lessons by file and modification time: each is built once per process, again after an edit. */
const cache = new Map<string, Promise<Lesson>>();

async function compileCached(source: LessonSource, options?: ContentOptions): Promise<Lesson> {
  const { mtimeMs } = await fs.stat(source.absolutePath);
  const key = `${source.absolutePath}@${mtimeMs}${options?.exercises ? '+own-exercises' : ''}`;
  let lesson = cache.get(key);
  if (!lesson) {
    lesson = compileLesson(source, options);
    cache.set(key, lesson);
  }
  return lesson;
}

/** Every lesson for `locale`, compiled, in course order. */
export async function getLessons(locale: string, options?: ContentOptions): Promise<Lesson[]> {
  const sources = await findLessonSources(locale, options);
  return Promise.all(sources.map((source) => compileCached(source, options)));
}

export async function getLessonSummaries(locale: string, options?: ContentOptions): Promise<LessonSummary[]> {
  const lessons = await getLessons(locale, options);
  return lessons.map(({ slug, order, locale: l, file, frontmatter }) => ({ slug, order, locale: l, file, frontmatter }));
}

export interface LessonWithNeighbours {
  lesson: Lesson;
  previous: LessonSummary | null;
  next: LessonSummary | null;
}

export async function getLesson(locale: string, slug: string, options?: ContentOptions): Promise<LessonWithNeighbours> {
  const lessons = await getLessons(locale, options);
  const index = lessons.findIndex((l) => l.slug === slug);
  if (index === -1) throw new Error(`no lesson "${slug}" for locale "${locale}"`);
  const summary = (l: Lesson | undefined): LessonSummary | null =>
    l ? { slug: l.slug, order: l.order, locale: l.locale, file: l.file, frontmatter: l.frontmatter } : null;
  return { lesson: lessons[index], previous: summary(lessons[index - 1]), next: summary(lessons[index + 1]) };
}
