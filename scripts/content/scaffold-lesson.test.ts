import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent } from '@/lib/content/check-content.server';
import { formatProblem } from '@/lib/content/content-error.server';
import { evaluate } from '@/sandbox/exercises/runner';
import type { LessonExercises } from '@/sandbox/exercises/types';
import { findScenario } from '@/sandbox/scenarios';
import { identifierOf, register, scaffoldLesson, titleOf } from './scaffold-lesson';

const REGISTRY = `import type { LessonExercises } from '@/sandbox/exercises/types';
import welcome from './00-welcome/exercises';

export const LESSON_EXERCISES: Record<string, LessonExercises> = {
  welcome,
};
`;

let root: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'dockyard-new-'));
  await fs.mkdir(path.join(root, 'content/00-welcome'), { recursive: true });
  await fs.mkdir(path.join(root, 'content/07-later'), { recursive: true });
  await fs.writeFile(path.join(root, 'content/exercises.ts'), REGISTRY);
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('new:lesson', () => {
  it('names things from the slug', () => {
    expect(titleOf('images-and-containers')).toBe('Images and containers');
    expect(identifierOf('images-and-containers')).toBe('imagesAndContainers');
    expect(identifierOf('2048-game')).toBe('lesson2048Game');
    expect(register(REGISTRY, 'images-and-containers', '01-images-and-containers')).toContain(
      "import welcome from './00-welcome/exercises';\nimport imagesAndContainers from './01-images-and-containers/exercises';",
    );
    expect(register(REGISTRY, 'namespaces', '02-namespaces')).toContain('  welcome,\n  namespaces,\n};');
    expect(register(REGISTRY, 'cgroups-v2', '03-cgroups-v2')).toContain("  welcome,\n  'cgroups-v2': cgroupsV2,\n};");
  });

  it('quotes a title that YAML would misread', async () => {
    const made = await scaffoldLesson(root, 'cgroups', 'Cgroups: what a container may use');
    const text = await fs.readFile(path.join(root, made.folder, 'en.mdx'), 'utf8');
    // A double-quoted YAML scalar is a JSON string.
    expect(text).toContain('\ntitle: "Cgroups: what a container may use"\n');
  });

  it('scaffolds the next lesson, which passes check:content and whose solution passes its check', async () => {
    const made = await scaffoldLesson(root, 'images-and-containers');
    expect(made).toEqual({
      folder: 'content/08-images-and-containers',
      order: 8,
      files: ['content/08-images-and-containers/en.mdx', 'content/08-images-and-containers/exercises.ts', 'content/exercises.ts'],
    });
    expect(await fs.readFile(path.join(root, 'content/exercises.ts'), 'utf8')).toContain("  'images-and-containers': imagesAndContainers,\n};");
    await expect(scaffoldLesson(root, 'images-and-containers')).rejects.toThrow('already uses the slug');
    await expect(scaffoldLesson(root, 'Bad Slug')).rejects.toThrow('is not a slug');

    // The new lesson alone (the temp course's other folders are empty): check it as the course would.
    await fs.rm(path.join(root, 'content/00-welcome'), { recursive: true });
    await fs.rm(path.join(root, 'content/07-later'), { recursive: true });
    const file = path.join(root, made.folder, 'exercises.ts');
    const lesson = ((await import(file)) as { default: LessonExercises }).default;
    const result = await checkContent({ root, exercises: { 'images-and-containers': lesson }, locales: ['en'], load: (f) => import(f) });
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result).toMatchObject({ lessons: 1, exercises: 1 });

    const sandbox = await findScenario(lesson.scenario)!.build({ seed: 1 });
    expect((await evaluate(sandbox, lesson.exercises))[0].result.passed).toBe(false);
    await sandbox.console.run('mkdir /tmp/x && cd /tmp/x && touch hello.txt');
    expect((await evaluate(sandbox, lesson.exercises))[0].matchedHint).toBe(1);
    for (const command of lesson.exercises[0].solution.commands) await sandbox.console.run(command);
    expect((await evaluate(sandbox, lesson.exercises))[0].result).toEqual({ passed: true });
  });
});
