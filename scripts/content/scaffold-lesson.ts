/**
 * `npm run new:lesson -- <slug>`: a new lesson folder with the next number, an English text with
 * one exercise placed in it, its exercises.ts, and its entry in content/exercises.ts. What it
 * writes passes `npm run check:content`, the headless replay and the browser walkthrough as it is.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FOLDER = /^(\d{2,})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export interface Scaffolded {
  folder: string;
  order: number;
  files: string[];
}

export function titleOf(slug: string): string {
  const words = slug.split('-');
  return [words[0].charAt(0).toUpperCase() + words[0].slice(1), ...words.slice(1)].join(' ');
}

/** A JavaScript identifier for the import: `images-and-containers` → `imagesAndContainers`. */
export function identifierOf(slug: string): string {
  const camel = slug.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return /^[0-9]/.test(camel) ? `lesson${camel}` : camel;
}

export async function scaffoldLesson(root: string, slug: string, title = titleOf(slug)): Promise<Scaffolded> {
  if (!SLUG.test(slug)) throw new Error(`"${slug}" is not a slug: use lower-case words joined by dashes, e.g. images-and-containers`);
  const content = path.join(root, 'content');
  const entries = await fs.readdir(content, { withFileTypes: true });
  let last = -1;
  for (const entry of entries) {
    const match = entry.isDirectory() ? FOLDER.exec(entry.name) : null;
    if (!match) continue;
    if (match[2] === slug) throw new Error(`content/${entry.name} already uses the slug "${slug}"`);
    last = Math.max(last, Number(match[1]));
  }
  const order = last + 1;
  const folder = `content/${String(order).padStart(2, '0')}-${slug}`;
  await fs.mkdir(path.join(root, folder));
  await fs.writeFile(path.join(root, folder, 'en.mdx'), lessonText(title, order));
  await fs.writeFile(path.join(root, folder, 'exercises.ts'), exercisesText());
  const registry = path.join(content, 'exercises.ts');
  await fs.writeFile(registry, register(await fs.readFile(registry, 'utf8'), slug, path.basename(folder)));
  return { folder, order, files: [`${folder}/en.mdx`, `${folder}/exercises.ts`, 'content/exercises.ts'] };
}

/** content/exercises.ts with the lesson's import and entry added. */
export function register(source: string, slug: string, folderName: string): string {
  const name = identifierOf(slug);
  const lines = source.split('\n');
  const lastImport = lines.reduce((at, line, i) => (/^import\s/.test(line) ? i : at), -1);
  if (lastImport === -1) throw new Error('content/exercises.ts: no import lines found');
  lines.splice(lastImport + 1, 0, `import ${name} from './${folderName}/exercises';`);
  const start = lines.findIndex((line) => line.includes('LESSON_EXERCISES'));
  const end = lines.findIndex((line, i) => i > start && /^};\s*$/.test(line));
  if (start === -1 || end === -1) throw new Error('content/exercises.ts: LESSON_EXERCISES = { … }; not found');
  const key = /^[a-z][a-z0-9]*$/.test(slug) && slug === name ? `  ${name},` : `  '${slug}': ${name},`;
  lines.splice(end, 0, key);
  return lines.join('\n');
}

/** A title as a YAML scalar: quoted when plain YAML would misread it (`Cgroups: limits`). */
function yamlScalar(text: string): string {
  return /^[\w(][^:#]*$/.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}

function lessonText(title: string, order: number): string {
  return `---
title: ${yamlScalar(title)}
summary: One or two sentences on what this lesson is about; the course home shows them.
objectives:
  - Something the student can do after this lesson
minutes: 15
order: ${order}
scenario: fresh-host
---

## First steps

Write the lesson here, in short sections that each start with \`##\`. A command block gets a
**Run** button that types it into the terminal:

\`\`\`bash
ls -l
\`\`\`

Then set the student a goal. The card below comes from \`exercises.ts\` in this folder; its check
looks at the simulated machine, so any way of reaching the goal counts.

<Exercise id="first-file" />
`;
}

function exercisesText(): string {
  return `/**
 * This lesson's exercises: what the student should achieve, checked against the machine's state.
 * Run \`npx vitest run content\` to replay every solution headless, and \`npm run check:content\`.
 */
import { missing, pass, type LessonExercises } from '@/sandbox/exercises/types';

const exercises: LessonExercises = {
  // The same scenario as the lesson's frontmatter.
  scenario: 'fresh-host',
  // true: each exercise opens when the ones before it are done.
  ordered: true,
  exercises: [
    {
      id: 'first-file',
      title: { en: 'Create an empty file called hello.txt in your home directory' },
      hints: [
        { text: { en: '\`touch FILE\` creates an empty file.' } },
        {
          text: { en: 'You made hello.txt, but not in your home directory, /root. \`cd ~\` takes you there.' },
          // A hint check: this hint shows as soon as the student makes this mistake.
          when: async (world) => (await world.readFile('/root/hello.txt')) === null && (await world.readFile(\`\${world.cwd()}/hello.txt\`)) !== null,
        },
        { text: { en: 'Run \`touch ~/hello.txt\`.' } },
      ],
      async check(world) {
        if ((await world.readFile('/root/hello.txt')) === null) return missing({ en: 'There is no hello.txt in /root yet.' });
        return pass();
      },
      solution: { commands: ['touch ~/hello.txt'] },
    },
  ],
};

export default exercises;
`;
}
