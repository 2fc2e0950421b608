/**
 * The whole course in a real browser: every lesson opened, every exercise's solution typed into the
 * terminal key by key (as tests/lessons.spec.ts does), until every card is done. Then a reload, to
 * time restoring the saved world against booting a fresh one.
 */
import type { Page } from '@playwright/test';
import { LESSON_EXERCISES } from '../../content/exercises';
import { launchBrowser, serveOut } from './browser';
import { median, ms, printFigures } from './stats';

const READY = '[data-testid="terminal"][data-shell-state="idle"]';

async function typeLine(page: Page, line: string) {
  await page.locator('[data-testid="terminal"] .xterm').click();
  await page.keyboard.type(line);
  const terminal = page.locator('[data-testid="terminal"]');
  const before = await terminal.getAttribute('data-changes');
  await page.keyboard.press('Enter');
  // Until this command has finished (the pane counts it) and the prompt is back.
  await page.waitForFunction((seen) => {
    const pane = document.querySelector<HTMLElement>('[data-testid="terminal"]');
    return pane?.dataset.changes !== seen && pane?.dataset.shellState === 'idle';
  }, before, { timeout: 60_000 });
}

async function timeToPrompt(page: Page, url: string, reload = false): Promise<number> {
  const t0 = Date.now();
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector(READY, { timeout: 30_000 });
  return Date.now() - t0;
}

export async function benchCourse(): Promise<Record<string, number>> {
  const server = await serveOut(4392);
  const browser = await launchBrowser();
  try {
    const walks: number[] = [];
    const doneLatencies: number[] = [];
    let commands = 0;
    for (let round = 0; round < 3; round++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t0 = Date.now();
      commands = 0;
      for (const [lesson, { exercises }] of Object.entries(LESSON_EXERCISES)) {
        await page.goto(`${server.url}/en/${lesson}/`);
        await page.waitForSelector(READY, { timeout: 30_000 });
        for (const exercise of exercises) {
          for (const [i, line] of exercise.solution.commands.entries()) {
            const sent = Date.now();
            await typeLine(page, line);
            commands++;
            // The last command by position: a solution may run the same line twice (look, act, look again).
            if (i === exercise.solution.commands.length - 1) {
              await page.waitForSelector(`[data-exercise-id="${exercise.id}"][data-status="done"]`, { timeout: 60_000 });
              doneLatencies.push(Date.now() - sent);
            }
          }
        }
      }
      walks.push(Date.now() - t0);
      await context.close();
    }

    // A reload with a saved world (restore) against a first visit (boot from the scenario).
    const first = Object.keys(LESSON_EXERCISES)[0];
    const url = `${server.url}/en/${first}/`;
    const fresh: number[] = [];
    const restored: number[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      fresh.push(await timeToPrompt(page, url));
      await typeLine(page, 'echo "Hello, Dockyard" > ~/notes.txt; mkdir -p ~/projects; cd ~/projects');
      await page.waitForSelector('[data-testid="terminal"][data-save-state="saved"]');
      restored.push(await timeToPrompt(page, url, true));
      await context.close();
    }

    const figures = {
      courseWalkthroughMs: median(walks),
      courseCommands: commands,
      solveToDoneMs: median(doneLatencies),
      promptFreshMs: median(fresh.slice(1)),
      promptRestoredMs: median(restored.slice(1)),
    };
    printFigures('Course walkthrough (headless Chromium, keyboard typing as in tests/lessons.spec.ts)', [
      { name: `every lesson's solutions typed until all cards are done (${commands} commands; median of 3)`, value: ms(figures.courseWalkthroughMs) },
      { name: 'last solution line typed → card done (median)', value: ms(figures.solveToDoneMs) },
      { name: 'lesson 0 to a ready prompt, first visit (boot)', value: ms(figures.promptFreshMs) },
      { name: 'lesson 0 to a ready prompt, reload with a save (restore)', value: ms(figures.promptRestoredMs) },
    ]);
    return figures;
  } finally {
    await browser.close();
    server.stop();
  }
}
