import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { collectErrors, waitForPrompt } from './terminal';
import { LESSON_EXERCISES } from '../content/exercises';

test('the course home lists the lessons with their summaries', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/en/');
  const link = page.getByRole('link', { name: /Welcome to the lab/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/en\/welcome\/$/);
  await waitForPrompt(page);
  expect(errors).toEqual([]);
});

test('the site root sends visitors to the English course', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/en\/$/);
});

test('an unknown address shows a real 404 page with a way home', async ({ page }) => {
  const response = await page.goto('/en/no-such-lesson/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i);
  await expect(page.getByRole('link', { name: /course/i }).first()).toBeVisible();
});

test('the theme follows the system and the toggle overrides it, across reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/en/welcome/');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  await page.getByRole('button', { name: /theme/i }).first().click();
  // Whatever the toggle's order, some choice makes the page dark and survives a reload.
  for (let i = 0; i < 3 && !(await page.locator('html').getAttribute('class'))?.includes('dark'); i++) {
    await page.getByRole('button', { name: /theme/i }).first().click();
  }
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
});

test('the divider resizes the panes with the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/en/welcome/');
  const divider = page.getByTestId('divider');
  const before = (await page.getByTestId('terminal-pane').boundingBox())!.width;
  await divider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  const after = (await page.getByTestId('terminal-pane').boundingBox())!.width;
  expect(after).toBeGreaterThan(before + 20);
});

// The course home and every lesson: diagrams, quizzes and cards included.
for (const path of ['/en/', ...Object.keys(LESSON_EXERCISES).map((slug) => `/en/${slug}/`)]) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`${path} has no detectable accessibility violations (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      if (path !== '/en/') await waitForPrompt(page);
      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary).toEqual([]);
    });
  }
}
