/**
 * Running a lesson's checks against a world: the same code in the browser's worker, in Vitest and
 * under Playwright. A check that throws counts as not passed, with the error as what is missing.
 */
import type { Sandbox } from '../index';
import type { CheckResult, Exercise, Hint } from './types';
import { worldOf } from './world';

export interface ExerciseReport {
  id: string;
  result: CheckResult;
  /** The index of the hint a hint check chose for the current state, if any. */
  matchedHint: number | null;
}

export async function evaluate(sandbox: Sandbox, exercises: Exercise[]): Promise<ExerciseReport[]> {
  const world = worldOf(sandbox);
  const reports: ExerciseReport[] = [];
  for (const exercise of exercises) {
    let result: CheckResult;
    try {
      result = await exercise.check(world);
    } catch (error) {
      result = { passed: false, missing: { en: `The check could not run: ${error instanceof Error ? error.message : String(error)}` } };
    }
    reports.push({ id: exercise.id, result, matchedHint: result.passed ? null : await matchHint(exercise.hints, world) });
  }
  return reports;
}

async function matchHint(hints: Hint[], world: ReturnType<typeof worldOf>): Promise<number | null> {
  for (let i = 0; i < hints.length; i++) {
    const when = hints[i].when;
    if (when && (await when(world))) return i;
  }
  return null;
}
