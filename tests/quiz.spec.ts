/**
 * The quiz in lesson 0, driven from the keyboard: each question is a radio group; choosing shows
 * right or wrong with the answer's explanation in a live region; answers survive a reload and
 * Reset lesson clears them; axe finds nothing wrong with the quiz in either theme.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, terminal, waitForPrompt, waitForSave } from './terminal';

const LESSON = '/en/welcome/';

const quiz = (page: Page) => page.locator('[data-testid="quiz"][data-quiz-id="how-the-page-works"]');
const question = (page: Page, id: string) => quiz(page).locator(`[data-testid="quiz-question"][data-question-id="${id}"]`);

test('a student answers wrong, then right, with the keyboard; the answers survive a reload; Reset clears them', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(LESSON);
  await waitForPrompt(page);
  await expect(quiz(page).getByTestId('quiz-score')).toHaveText('No answers yet');

  // The first question is a group named by its prompt, its answers native radio buttons.
  const first = page.getByRole('group', { name: /An exercise asks for a file called note\.txt/ });
  await expect(first.getByRole('radio')).toHaveCount(3);
  await first.getByRole('radio').first().focus();
  await page.keyboard.press('Space');
  const feedback = question(page, 'what-makes-done').getByTestId('quiz-feedback');
  await expect(question(page, 'what-makes-done')).toHaveAttribute('data-result', 'wrong');
  await expect(feedback).toContainText('Wrong.');
  await expect(feedback).toContainText('The card does not look at which command you typed.');
  // The explanation is in a polite live region, so a screen reader reads it out.
  await expect(feedback.locator('xpath=..')).toHaveAttribute('aria-live', 'polite');
  await expect(quiz(page).getByTestId('quiz-score')).toHaveText('0 of 2 right');

  // Changing one's mind: the arrow key moves to the next answer and chooses it.
  await page.keyboard.press('ArrowDown');
  await expect(first.getByRole('radio', { name: 'It turns Done, because the file now exists.' })).toBeChecked();
  await expect(question(page, 'what-makes-done')).toHaveAttribute('data-result', 'right');
  await expect(feedback).toContainText('Right.');
  await expect(feedback).toContainText('A check looks at the state of the simulated machine.');
  await expect(quiz(page).getByTestId('quiz-score')).toHaveText('1 of 2 right');

  // Tab leaves the group for the next question's.
  await page.keyboard.press('Tab');
  const second = page.getByRole('group', { name: /What does Reset lesson/ });
  await expect(second.getByRole('radio').first()).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(second.getByRole('radio').nth(2)).toBeChecked();
  await expect(question(page, 'what-reset-does').getByTestId('quiz-feedback')).toContainText('Right.');
  await expect(quiz(page).getByTestId('quiz-score')).toHaveText('2 of 2 right');
  await waitForSave(page);

  await page.reload();
  await waitForPrompt(page);
  await expect(page.getByRole('radio', { name: 'It turns Done, because the file now exists.' })).toBeChecked();
  await expect(second.getByRole('radio').nth(2)).toBeChecked();
  await expect(question(page, 'what-makes-done').getByTestId('quiz-feedback')).toContainText('Right.');
  await expect(quiz(page).getByTestId('quiz-score')).toHaveText('2 of 2 right');

  await page.getByTestId('reset-lesson').click();
  await page.getByTestId('reset-lesson-dialog-confirm').click();
  await expect(quiz(page).getByTestId('quiz-score')).toHaveText('No answers yet');
  await expect(quiz(page).getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(quiz(page).getByTestId('quiz-feedback')).toHaveCount(0);
  await waitForPrompt(page);
  await page.reload();
  await waitForPrompt(page);
  await expect(quiz(page).getByTestId('quiz-score')).toHaveText('No answers yet');
  expect(errors).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the answered quiz has no detectable accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(LESSON);
    await waitForPrompt(page);
    await question(page, 'what-makes-done').getByRole('radio').first().check();
    await question(page, 'what-reset-does').getByRole('radio').nth(2).check();
    await expect(quiz(page).getByTestId('quiz-feedback')).toHaveCount(2);
    await expect(terminal(page)).toBeVisible();
    const results = await new AxeBuilder({ page }).include('[data-testid="quiz"]').analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary).toEqual([]);
  });
}
