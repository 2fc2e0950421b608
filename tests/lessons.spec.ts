/**
 * One walkthrough per lesson, generated from content/exercises.ts: every exercise's reference
 * solution is typed into the real terminal with the keyboard, and its card must turn done. The
 * same solutions are replayed headless by content/exercises.test.ts.
 */
import { expect, test } from '@playwright/test';
import { LESSON_EXERCISES } from '../content/exercises';
import { collectErrors, exerciseCard, typeLine, waitForPrompt } from './terminal';

for (const [lesson, { exercises }] of Object.entries(LESSON_EXERCISES)) {
  test(`lesson ${lesson}: every exercise is solved by typing its solution`, async ({ page }) => {
    test.setTimeout(30_000 + exercises.length * 15_000);
    const errors = collectErrors(page);
    await page.goto(`/en/${lesson}/`);
    await waitForPrompt(page);
    for (const exercise of exercises) {
      const card = exerciseCard(page, exercise.id);
      await expect(card, `${exercise.id} starts unsolved`).not.toHaveAttribute('data-status', 'done');
      for (const command of exercise.solution.commands) await typeLine(page, command);
      await expect(card, `${exercise.id} is done after its solution`).toHaveAttribute('data-status', 'done');
    }
    await expect(page.getByTestId('lesson-progress')).toHaveAttribute('data-done', String(exercises.length));
    expect(errors).toEqual([]);
  });
}
