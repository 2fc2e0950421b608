/**
 * Progress kept in the browser: the world, the cards and the terminal's history survive a reload;
 * a save that cannot be used is set aside with a message and the lesson starts fresh; Reset lesson
 * and Reset all progress put things back; the course home shows what is done.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, exerciseCard, expectScreen, terminal, typeLine, waitForPrompt, waitForSave } from './terminal';

const LESSON = '/en/welcome/';

/** Writes a raw value over the lesson's save in IndexedDB, as a corrupted or foreign record would be. */
async function writeSave(page: Page, value: unknown) {
  await page.evaluate(
    (record) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('dockyard', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('saves');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('saves', 'readwrite');
          tx.objectStore('saves').put(record, 'lesson:welcome');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    value,
  );
}

async function savedKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('dockyard', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('saves').objectStore('saves').getAllKeys();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result.map(String));
          };
        };
      }),
  );
}

test('progress, files and history survive a reload', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(LESSON);
  await waitForPrompt(page);
  await typeLine(page, 'echo "Hello, Dockyard" > ~/notes.txt');
  await expect(exerciseCard(page, 'leave-a-note')).toHaveAttribute('data-status', 'done');
  await expect(exerciseCard(page, 'make-a-workspace')).toHaveAttribute('data-status', 'in-progress');
  await typeLine(page, 'cd /tmp');
  await waitForSave(page);

  await page.reload();
  await waitForPrompt(page);
  await expect(exerciseCard(page, 'leave-a-note')).toHaveAttribute('data-status', 'done');
  await expect(exerciseCard(page, 'which-release')).toHaveAttribute('data-status', 'in-progress');
  await expect(page.getByTestId('lesson-progress')).toHaveAttribute('data-done', '1');
  // The prompt shows the directory the shell was in.
  await expectScreen(page, 'root@lab:/tmp#');
  await typeLine(page, 'cat ~/notes.txt');
  await expectScreen(page, /cat ~\/notes\.txt\nHello, Dockyard\n/);
  // Up recalls the commands from before the reload.
  await terminal(page).locator('.xterm').click();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expectScreen(page, /root@lab:\/tmp# cd \/tmp$/m);
  await page.keyboard.press('Control+C');
  await expect(page.getByTestId('set-aside-notice')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a corrupted save is set aside with a message, and the terminal works', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(LESSON);
  await waitForPrompt(page);
  await writeSave(page, 'garbage \u0000 not a save');
  await page.reload();
  await expect(page.getByTestId('set-aside-notice')).toBeVisible();
  await expect(page.getByTestId('set-aside-notice')).toContainText('could not be restored');
  await waitForPrompt(page);
  await expectScreen(page, 'could not be restored');
  await typeLine(page, 'echo still here');
  await expectScreen(page, /\nstill here\n/);
  await expect(exerciseCard(page, 'leave-a-note')).toHaveAttribute('data-status', 'in-progress');
  expect((await savedKeys(page)).some((key) => key.startsWith('set-aside:welcome:'))).toBe(true);
  // Dismissed, it stays away.
  await page.getByTestId('set-aside-notice').getByRole('button').click();
  await expect(page.getByTestId('set-aside-notice')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a save whose world the sandbox cannot restore is set aside too', async ({ page }) => {
  await page.goto(LESSON);
  await waitForPrompt(page);
  await writeSave(page, { schemaVersion: 1, savedAt: 1, snapshot: { version: 999, hosts: [] }, statuses: { 'leave-a-note': 'done' }, history: [] });
  await page.reload();
  await waitForPrompt(page);
  await expect(page.getByTestId('set-aside-notice')).toBeVisible();
  await expect(exerciseCard(page, 'leave-a-note')).toHaveAttribute('data-status', 'not-started');
  await typeLine(page, 'ls');
  await expectScreen(page, /\nwelcome\.txt\n/);
  await waitForSave(page);
  expect(await savedKeys(page)).toEqual(expect.arrayContaining(['lesson:welcome', expect.stringMatching(/^set-aside:welcome:/)]));
});

test('Reset lesson asks, then restores the starting machine and clears the cards', async ({ page }) => {
  await page.goto(LESSON);
  await waitForPrompt(page);
  await typeLine(page, 'echo "Hello, Dockyard" > ~/notes.txt');
  await typeLine(page, 'mkdir ~/projects && cd ~/projects');
  await expect(exerciseCard(page, 'make-a-workspace')).toHaveAttribute('data-status', 'done');
  await waitForSave(page);

  await page.getByTestId('reset-lesson').click();
  const dialog = page.getByTestId('reset-lesson-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(exerciseCard(page, 'leave-a-note')).toHaveAttribute('data-status', 'done');

  await page.getByTestId('reset-lesson').click();
  await page.getByTestId('reset-lesson-dialog-confirm').click();
  await waitForPrompt(page);
  for (const id of ['leave-a-note', 'make-a-workspace', 'which-release']) await expect(exerciseCard(page, id)).toHaveAttribute('data-status', 'not-started');
  await expectScreen(page, 'The lesson was reset');
  await typeLine(page, 'ls ~; pwd');
  await expectScreen(page, /\nwelcome\.txt\n\/root\n/);
  await page.reload();
  await waitForPrompt(page);
  await expect(exerciseCard(page, 'leave-a-note')).not.toHaveAttribute('data-status', 'done');
});

test('the course home shows progress per lesson, and Reset all progress clears it', async ({ page }) => {
  await page.goto('/en/');
  const meter = page.locator('[data-testid="course-progress"][data-lesson="welcome"]');
  await expect(meter).toHaveAttribute('data-loaded', '');
  await expect(meter).toHaveAttribute('data-done', '0');
  // In-app navigation both ways: the home page reads the progress again when it is shown.
  await page.getByRole('link', { name: /Welcome to the lab/ }).click();
  await waitForPrompt(page);
  await typeLine(page, 'grep VERSION_ID /etc/os-release > ~/version.txt');
  await expect(exerciseCard(page, 'which-release')).toHaveAttribute('data-status', 'done');
  await waitForSave(page);
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Lessons' }).click();
  await expect(page).toHaveURL(/\/en\/$/);
  await expect(meter).toHaveAttribute('data-done', '1');
  await expect(meter).toContainText('1 of 3 done');
  await page.getByTestId('reset-all').click();
  await page.getByTestId('reset-all-dialog-confirm').click();
  await expect(meter).toHaveAttribute('data-done', '0');
  await page.goto(LESSON);
  await waitForPrompt(page);
  await expect(exerciseCard(page, 'which-release')).toHaveAttribute('data-status', 'not-started');
  await typeLine(page, 'cat ~/version.txt');
  await expectScreen(page, 'No such file or directory');
});

test('Hint, Show solution and Solve on a card', async ({ page }) => {
  await page.goto(LESSON);
  await waitForPrompt(page);
  const card = exerciseCard(page, 'make-a-workspace');
  await expect(card).toHaveAttribute('data-status', 'not-started');
  await card.getByTestId('exercise-hint').click();
  await expect(card.getByTestId('exercise-hints')).toContainText('Hint 1:');
  await card.getByTestId('exercise-hint').click();
  await expect(card.getByTestId('exercise-hints')).toContainText('Hint 2: Run mkdir ~/projects');
  await expect(card.getByTestId('exercise-hint')).toBeDisabled();

  // A known mistake: the directory is made but the shell is not in it.
  await typeLine(page, 'mkdir ~/projects');
  await expect(card).toHaveAttribute('data-status', 'in-progress');
  await expect(card.getByTestId('exercise-missing')).toContainText('/root/projects exists, but the shell is in /root.');
  await expect(card.getByTestId('exercise-matched-hint')).toContainText('now step into it');

  await card.getByTestId('exercise-show-solution').click();
  await expect(card.getByTestId('exercise-solution')).toContainText('mkdir ~/projects\ncd ~/projects');
  await card.getByTestId('exercise-solve').click();
  await expect(card).toHaveAttribute('data-status', 'done');
  await waitForPrompt(page);
  await expectScreen(page, 'root@lab:~/projects#');
});
