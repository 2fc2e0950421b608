/**
 * The lesson's exercises, checked in the shell worker against the live world. Only the worker
 * imports this file: the checks (and the sandbox they read) stay out of the page's bundle, and
 * the page receives plain reports in its own language.
 */
import { LESSON_EXERCISES } from '@/content/exercises';
import type { Sandbox } from '@/sandbox';
import { evaluate } from '@/sandbox/exercises/runner';
import type { ExerciseStatusReport, LessonContext } from './protocol';

/** The reports for the lesson's exercises, in their order; null when the lesson has none. */
export async function checkExercises(sandbox: Sandbox, context: LessonContext): Promise<ExerciseStatusReport[] | null> {
  const lesson = LESSON_EXERCISES[context.lesson];
  if (!lesson || lesson.exercises.length === 0) return null;
  const reports = await evaluate(sandbox, lesson.exercises);
  return reports.map(({ id, result, matchedHint }) => ({
    id,
    passed: result.passed,
    missing: result.passed ? null : (result.missing[context.locale] ?? result.missing.en),
    matchedHint,
  }));
}
