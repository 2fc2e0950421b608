/**
 * The editor pane: `code FILE` (and nano, vi) open the file above the terminal, Save writes it into
 * the simulated machine (where `cat` and the checks see it), the file tree opens files, and the
 * terminal keeps working throughout.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, exerciseCard, expectScreen, typeLine, waitForPrompt } from './terminal';

const LESSON = '/en/welcome/';
const editor = (page: Page) => page.getByTestId('editor');

test('code FILE opens the editor; Ctrl+S saves into the machine, and the checks see it', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(LESSON);
  await waitForPrompt(page);
  await typeLine(page, 'code notes.txt');
  await expect(editor(page)).toBeVisible();
  await expect(page.getByTestId('editor-path')).toHaveText('/root/notes.txt');
  await expect(page.getByTestId('editor-state')).toHaveAttribute('data-state', 'new');
  // The editor has the focus: type straight into it.
  await expect(editor(page).locator('.cm-content')).toBeFocused();
  await page.keyboard.type('Hello, Dockyard');
  await expect(page.getByTestId('editor-state')).toHaveAttribute('data-state', 'dirty');
  await expect(page.locator('[data-testid="editor-tab"][data-path="/root/notes.txt"]')).toHaveAttribute('data-dirty', '');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('editor-state')).toHaveAttribute('data-state', 'saved');
  await expect(exerciseCard(page, 'leave-a-note')).toHaveAttribute('data-status', 'done');

  // The terminal keeps working with the editor open, and sees the file.
  await typeLine(page, 'cat notes.txt');
  await expectScreen(page, /cat notes\.txt\nHello, Dockyard\n/);

  // Opening it again shows what the machine holds now.
  await typeLine(page, 'echo "second line" >> notes.txt');
  await typeLine(page, 'vi notes.txt');
  await expect(editor(page).locator('.cm-content')).toContainText('second line');
  await expect(page.getByTestId('editor-tab')).toHaveCount(1);

  await page.getByTestId('editor-close').click();
  await expect(editor(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('closing a file with unsaved changes asks first', async ({ page }) => {
  await page.goto(LESSON);
  await waitForPrompt(page);
  await typeLine(page, 'nano app.py');
  await expect(editor(page).locator('.cm-content')).toBeFocused();
  await page.keyboard.type('print("hi")');
  await page.getByTestId('editor-close').click();
  const dialog = page.getByTestId('editor-discard-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(editor(page)).toBeVisible();
  await page.getByTestId('editor-save').click();
  await expect(page.getByTestId('editor-state')).toHaveAttribute('data-state', 'saved');
  await page.getByTestId('editor-close').click();
  await expect(editor(page)).toHaveCount(0);
  await typeLine(page, 'cat app.py');
  await expectScreen(page, /\nprint\("hi"\)\n/);
});

test('the file tree follows the shell and opens files in the editor', async ({ page }) => {
  await page.goto(LESSON);
  await waitForPrompt(page);
  await page.getByTestId('files-toggle').click();
  const tree = page.getByTestId('file-tree');
  await expect(tree.locator('[data-path="/root/welcome.txt"]')).toBeVisible();

  await typeLine(page, 'mkdir -p ~/projects/app && echo "port: 80" > ~/projects/app/compose.yaml');
  const folder = tree.locator('[data-path="/root/projects"]');
  await expect(folder).toHaveAttribute('data-kind', 'dir');
  await folder.click();
  await tree.locator('[data-path="/root/projects/app"]').click();
  await tree.locator('[data-path="/root/projects/app/compose.yaml"]').click();
  await expect(page.getByTestId('editor-path')).toHaveText('/root/projects/app/compose.yaml');
  await expect(editor(page).locator('.cm-content')).toContainText('port: 80');

  await typeLine(page, 'cd /etc');
  await expect(tree.locator('[data-path="/etc/os-release"]')).toBeVisible();
  await tree.locator('[data-path="/etc/os-release"]').click();
  await expect(page.getByTestId('editor-tab')).toHaveCount(2);
  await expect(editor(page).locator('.cm-content')).toContainText('Ubuntu 24.04');
});

test('on a phone the file tree lies over the editor and steps aside once a file is open', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(LESSON);
  await waitForPrompt(page);
  await page.getByTestId('files-toggle').click();
  const tree = page.getByTestId('file-tree');
  await tree.locator('[data-path="/root/welcome.txt"]').click();
  await expect(page.getByTestId('editor-path')).toHaveText('/root/welcome.txt');
  await expect(tree).toHaveCount(0);
  await typeLine(page, 'echo still typing');
  await expectScreen(page, /\nstill typing\n/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the lesson with cards in progress and the editor open has no detectable accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(LESSON);
    await waitForPrompt(page);
    await typeLine(page, 'mkdir ~/projects');
    await exerciseCard(page, 'make-a-workspace').getByTestId('exercise-hint').click();
    await exerciseCard(page, 'which-release').getByTestId('exercise-show-solution').click();
    await typeLine(page, 'code Dockerfile');
    await page.keyboard.type('FROM ubuntu:24.04');
    await page.getByTestId('files-toggle').click();
    await expect(page.getByTestId('file-tree').locator('[data-path="/root/projects"]')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary).toEqual([]);
  });
}
