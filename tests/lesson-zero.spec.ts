import { expect, test } from '@playwright/test';
import { collectErrors, expectScreen, screenText, terminal, typeLine, waitForPrompt } from './terminal';

const LESSON = '/en/welcome/';

test.describe('lesson 0 and its terminal', () => {
  test('a student types into a shell that behaves like bash', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto(LESSON);
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome to the lab' })).toBeVisible();
    await waitForPrompt(page);
    await expectScreen(page, 'root@lab:~#');

    await typeLine(page, 'echo hi | tr a-z A-Z');
    await expectScreen(page, /\nHI\n/);

    await typeLine(page, 'cd /tmp');
    await typeLine(page, 'pwd');
    await expectScreen(page, /root@lab:\/tmp# pwd\n\/tmp\n/);

    await typeLine(page, 'foo');
    await expectScreen(page, 'bash: foo: command not found');
    expect(errors).toEqual([]);
  });

  test('the prompt is there as the page paints, and keys typed before the shell loads are kept', async ({ page }) => {
    // Hold the terminal's code back, so the typing surely happens on the painted prompt.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/*.js', async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      if (body.includes('xterm-helper-textarea')) await held;
      await route.fulfill({ response, body });
    });
    await page.goto(LESSON);
    const painted = page.locator('[data-early-terminal]');
    await expect(painted).toContainText('root@lab:~#');
    await expect(terminal(page)).toHaveAttribute('data-shell-state', 'idle');
    await painted.click();
    await page.keyboard.type('echo typed early');
    await page.keyboard.press('Enter');
    await expect(painted).toContainText('echo typed early');
    release();
    await expectScreen(page, /\ntyped early\n/);
  });

  test('Ctrl-C stops a busy loop and the shell carries on', async ({ page }) => {
    await page.goto(LESSON);
    await waitForPrompt(page);
    await terminal(page).locator('.xterm').click();
    await page.keyboard.type('while true; do :; done');
    await page.keyboard.press('Enter');
    await expect(terminal(page)).toHaveAttribute('data-shell-state', 'busy');
    const pressed = Date.now();
    await page.keyboard.press('Control+C');
    await waitForPrompt(page);
    expect(Date.now() - pressed).toBeLessThan(2_000);
    await expectScreen(page, '^C');
    await typeLine(page, 'echo $?');
    await expectScreen(page, /\n130\n/);
  });

  test("a command block's Run button types and runs its command", async ({ page }) => {
    await page.goto(LESSON);
    await waitForPrompt(page);
    const run = page.getByRole('button', { name: /^Run: echo hi \| tr a-z A-Z/ });
    await run.click();
    await waitForPrompt(page);
    await expectScreen(page, /root@lab:~# echo hi \| tr a-z A-Z\nHI\n/);
  });

  test('a flood of output is bounded and the page stays responsive', async ({ page }) => {
    await page.goto(LESSON);
    await waitForPrompt(page);
    await typeLine(page, 'seq 1 1000000');
    await expectScreen(page, /\n1000000\n/);
    // The page still answers promptly: the next command runs straight away.
    await typeLine(page, 'echo alive');
    await expectScreen(page, /\nalive\n/);
  });

  test('heredocs continue across lines, and Tab completes paths', async ({ page }) => {
    await page.goto(LESSON);
    await waitForPrompt(page);
    await terminal(page).locator('.xterm').click();
    for (const line of ["cat > note.txt <<'EOF'", 'written by a heredoc', 'EOF']) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    }
    await waitForPrompt(page);
    await expectScreen(page, /\n> written by a heredoc\n> EOF\n/);
    await terminal(page).locator('.xterm').click();
    await page.keyboard.type('cat note.t');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForPrompt(page);
    await expectScreen(page, /cat note\.txt\s*\nwritten by a heredoc\n/);
  });

  test('on a phone the terminal stacks under the text', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(LESSON);
    await waitForPrompt(page);
    const text = await page.getByTestId('lesson-text').boundingBox();
    const pane = await page.getByTestId('terminal-pane').boundingBox();
    expect(text && pane).toBeTruthy();
    expect(pane!.y).toBeGreaterThanOrEqual(text!.y + text!.height - 1);
    expect(pane!.width).toBeGreaterThan(300);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test('on a laptop the text and the terminal sit side by side', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(LESSON);
    await waitForPrompt(page);
    const text = await page.getByTestId('lesson-text').boundingBox();
    const pane = await page.getByTestId('terminal-pane').boundingBox();
    expect(pane!.x).toBeGreaterThan(text!.x + text!.width - 1);
    expect(await screenText(page)).toContain('root@lab:~#');
  });
});
