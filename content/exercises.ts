/**
 * Every lesson's exercises, by lesson slug. One import per lesson that has exercises;
 * `npm run check:content` fails when a lesson folder's exercises.ts is missing from this list.
 */
import type { LessonExercises } from '@/sandbox/exercises/types';
import welcome from './00-welcome/exercises';

export const LESSON_EXERCISES: Record<string, LessonExercises> = {
  welcome,
};
