/** Helpers for driving the lesson terminal the way a student does: keyboard in, screen text out. */
import { expect, type Page } from '@playwright/test';

export const terminal = (page: Page) => page.getByTestId('terminal');

/** Waits until the shell shows its prompt and takes input. */
export async function waitForPrompt(page: Page) {
  await expect(terminal(page)).toHaveAttribute('data-shell-state', 'idle', { timeout: 20_000 });
  // The painted prompt takes keys from the first paint; these tests want the shell itself, so they
  // also wait until xterm has drawn a prompt the shell sent (xterm draws only while on screen).
  await terminal(page).scrollIntoViewIfNeeded();
  await expect(terminal(page).locator('.xterm-rows')).toContainText(/[#$]/, { timeout: 20_000 });
}

/** The terminal's visible text, one line per row, trailing blanks trimmed. */
export async function screenText(page: Page): Promise<string> {
  const rows = await terminal(page).locator('.xterm-rows > div').allTextContents();
  return rows.map((row) => row.replace(/\s+$/, '')).join('\n');
}

/** Types a line into the terminal and presses Enter, then waits for the prompt to return. */
export async function typeLine(page: Page, line: string) {
  await terminal(page).locator('.xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await waitForPrompt(page);
}

export async function expectScreen(page: Page, pattern: RegExp | string) {
  await expect.poll(() => screenText(page), { timeout: 10_000 }).toMatch(typeof pattern === 'string' ? new RegExp(escape(pattern)) : pattern);
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Collects console errors, page errors and failed requests, to assert a page logged none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

/** An exercise card in the lesson text; its data-status is locked|not-started|in-progress|done. */
export const exerciseCard = (page: Page, id: string) => page.locator(`[data-testid="exercise"][data-exercise-id="${id}"]`);

/** Waits until the lesson's progress has been written to IndexedDB (so a reload finds it). */
export async function waitForSave(page: Page) {
  await expect(terminal(page)).toHaveAttribute('data-save-state', 'saved');
}
