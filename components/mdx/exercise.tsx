/**
 * `<Exercise id="..."/>` in a lesson: looks the exercise up in the lesson's exercises on the
 * server and hands the client card plain strings in the page's language. The checks themselves
 * never reach the page: they run in the shell worker. An unknown id fails the build earlier, in
 * the content pipeline, with the file and line.
 */
import { LESSON_EXERCISES } from '@/content/exercises';
import type { Messages } from '@/i18n';
import type { Localized } from '@/sandbox/exercises/types';
import { ExerciseCard } from '@/components/exercises/exercise-card';

export interface ExerciseProps {
  id: string;
  /** Bound by the registry: the lesson's slug and the page's language. */
  lesson: string;
  locale: string;
  strings: Messages['site']['mdx']['exercise'];
}

export function Exercise({ id, lesson, locale, strings }: ExerciseProps) {
  const exercises = LESSON_EXERCISES[lesson]?.exercises ?? [];
  const index = exercises.findIndex((exercise) => exercise.id === id);
  if (index === -1) throw new Error(`<Exercise id="${id}">: lesson "${lesson}" has no such exercise`);
  const exercise = exercises[index];
  const pick = (text: Localized) => text[locale] ?? text.en;
  return (
    <ExerciseCard
      id={id}
      number={index + 1}
      title={pick(exercise.title)}
      hints={exercise.hints.map((hint) => ({ text: pick(hint.text), conditional: hint.when !== undefined }))}
      solution={[...exercise.solution.commands]}
      strings={strings}
    />
  );
}
