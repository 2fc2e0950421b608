/**
 * An exercise is data plus a check on the world's state, never on what was typed. Its words live
 * beside it in the lesson's folder, one entry per language, so the checks are shared by every
 * edition of the course.
 */
import type { World } from './world';

/** Text in each language the course is written in. */
export type Localized = { en: string } & Partial<Record<string, string>>;

export type CheckResult = { passed: true } | { passed: false; missing: Localized };

export interface Hint {
  text: Localized;
  /** A hint check: when it matches, this hint is the one to show (a known mistake was made). */
  when?: (world: World) => Promise<boolean> | boolean;
}

export interface Exercise {
  id: string;
  title: Localized;
  /** Hints from gentle to specific. */
  hints: Hint[];
  check: (world: World) => Promise<CheckResult> | CheckResult;
  solution: {
    /** Lines typed into the terminal, in order. */
    commands: string[];
  };
}

export interface LessonExercises {
  /** The scenario the lesson starts from (also declared in its frontmatter). */
  scenario: string;
  /** Whether each exercise waits for the one before it. */
  ordered: boolean;
  exercises: Exercise[];
}

export const pass = (): CheckResult => ({ passed: true });
export const missing = (text: Localized): CheckResult => ({ passed: false, missing: text });
