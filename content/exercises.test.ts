/**
 * Every reference solution, replayed headless from its lesson's scenario: the check must fail
 * before the solution and pass after it. A broken check or solution fails here first.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '@/sandbox/exercises/runner';
import { findScenario } from '@/sandbox/scenarios';
import { LESSON_EXERCISES } from './exercises';

for (const [lesson, { scenario, exercises }] of Object.entries(LESSON_EXERCISES)) {
  describe(`lesson ${lesson}`, () => {
    it('starts from a scenario that exists', () => {
      expect(findScenario(scenario), scenario).toBeDefined();
    });
    for (const exercise of exercises) {
      it(`${exercise.id}: fails before its solution and passes after`, async () => {
        const sandbox = await findScenario(scenario)!.build({ seed: 1 });
        const [before] = await evaluate(sandbox, [exercise]);
        expect(before.result.passed).toBe(false);
        for (const line of exercise.solution.commands) {
          const result = await sandbox.console.run(line);
          expect(result.exitCode, `${line}: ${result.stderr}`).toBe(0);
        }
        const [after] = await evaluate(sandbox, [exercise]);
        expect(after.result).toEqual({ passed: true });
      });
    }
  });
}
