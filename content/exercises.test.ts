/**
 * Every reference solution, replayed headless from its lesson's scenario: the check must fail
 * before the solution and pass after it. A broken check or solution fails here first.
 *
 * The lesson is replayed the way a student (and tests/lessons.spec.ts) works through it: every
 * exercise in order, in one world, so a later exercise may build on an earlier one. In a lesson
 * whose exercises are not ordered, each must also be solvable on its own, from the scenario.
 */
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '@/sandbox';
import { evaluate } from '@/sandbox/exercises/runner';
import type { Exercise } from '@/sandbox/exercises/types';
import { findScenario } from '@/sandbox/scenarios';
import { LESSON_EXERCISES } from './exercises';

async function solve(sandbox: Sandbox, exercise: Exercise): Promise<void> {
  const [before] = await evaluate(sandbox, [exercise]);
  expect(before.result.passed, `${exercise.id} passes before its solution`).toBe(false);
  for (const line of exercise.solution.commands) {
    const result = await sandbox.console.run(line);
    expect(result.exitCode, `${exercise.id}: ${line}: ${result.stderr}`).toBe(0);
  }
  const [after] = await evaluate(sandbox, [exercise]);
  expect(after.result, `${exercise.id} after its solution`).toEqual({ passed: true });
}

for (const [lesson, { scenario, ordered, exercises }] of Object.entries(LESSON_EXERCISES)) {
  describe(`lesson ${lesson}`, () => {
    it('starts from a scenario that exists', () => {
      expect(findScenario(scenario), scenario).toBeDefined();
    });

    it('every exercise, in order in one world, fails before its solution and passes after', async () => {
      const sandbox = await findScenario(scenario)!.build({ seed: 1 });
      for (const exercise of exercises) await solve(sandbox, exercise);
      // Done stays done for the student; the world should agree at the end.
      expect((await evaluate(sandbox, exercises)).map((r) => [r.id, r.result.passed])).toEqual(exercises.map((e) => [e.id, true]));
    });

    if (!ordered) {
      for (const exercise of exercises) {
        it(`${exercise.id}: solvable on its own, from the scenario`, async () => {
          await solve(await findScenario(scenario)!.build({ seed: 1 }), exercise);
        });
      }
    }
  });
}
