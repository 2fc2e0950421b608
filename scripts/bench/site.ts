/**
 * The site in a real browser: how soon lesson 0's prompt is ready compared with first paint, how
 * much JavaScript a lesson page loads, and how long a command takes through the real terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from '@playwright/test';
import { launchBrowser, serveOut } from './browser';
import { kb, median, ms, printFigures } from './stats';

const LESSON = '/en/welcome/';
const LOADS = 7;
const READY = '[data-testid="terminal"][data-shell-state="idle"]';

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/**
 * Scripts the lesson's HTML loads before anything runs: what Next.js calls first-load JS. The
 * `noModule` polyfill is left out: browsers that run modules (all the ones we test) never fetch it.
 */
function firstLoadScripts(): string[] {
  const html = fs.readFileSync(path.join('out', LESSON, 'index.html'), 'utf8');
  const tags = [...html.matchAll(/<script[^>]+>/g)].map((m) => m[0]).filter((tag) => !/noModule/i.test(tag));
  return [...new Set(tags.map((tag) => /src="([^"]+\.js)"/.exec(tag)?.[1]).filter((src): src is string => !!src))];
}

async function measureLoad(page: Page, url: string) {
  await page.goto(url, { waitUntil: 'commit' });
  const readyAt = await page.waitForFunction((sel) => (document.querySelector(sel) ? performance.now() : 0), READY, { polling: 'raf', timeout: 30_000 });
  // When the shell itself answers: xterm has drawn the prompt the worker sent.
  const liveAt = await page.waitForFunction(() => (document.querySelector('.xterm-rows')?.textContent?.includes('#') ? performance.now() : 0), undefined, { polling: 'raf', timeout: 30_000 });
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
  return { ready: (await readyAt.jsonValue()) as number, live: (await liveAt.jsonValue()) as number, fcp };
}

/**
 * Runs `count` commands through the page's Run path and times each from request to output row.
 * The browser-side code is a string: tsx would wrap named functions in a helper the page lacks.
 */
async function commandLatencies(page: Page, count: number): Promise<number[]> {
  const script = `(async (n) => {
    const rows = document.querySelector('.xterm-rows');
    if (!rows) throw new Error('no terminal rows');
    const seen = (text) => [...rows.children].some((row) => row.textContent.trim() === text);
    const waitForRow = (text) => new Promise((resolve) => {
      if (seen(text)) return resolve();
      const observer = new MutationObserver(() => { if (seen(text)) { observer.disconnect(); resolve(); } });
      observer.observe(rows, { childList: true, subtree: true, characterData: true });
    });
    const times = [];
    for (let i = 0; i < n; i++) {
      const marker = 'bench-' + i;
      const t0 = performance.now();
      window.dispatchEvent(new CustomEvent('dockyard:run', { detail: { command: 'echo ' + marker } }));
      await waitForRow(marker);
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    return times;
  })(${count})`;
  return page.evaluate(script) as Promise<number[]>;
}

export async function benchSite(): Promise<Record<string, number>> {
  const server = await serveOut(4391);
  const browser = await launchBrowser();
  try {
    const readies: number[] = [];
    const lives: number[] = [];
    const fcps: number[] = [];
    const lazyScripts = new Map<string, number>();
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on('response', async (response) => {
        if (response.url().endsWith('.js')) lazyScripts.set(new URL(response.url()).pathname, 0);
      });
      const { ready, live, fcp } = await measureLoad(page, server.url + LESSON);
      if (i > 0) {
        // The first load warms the server's disk cache and Chromium's code cache; it is not quoted.
        readies.push(ready);
        lives.push(live);
        fcps.push(fcp);
      }
      await context.close();
    }
    const first = firstLoadScripts();
    const firstLoadBytes = first.reduce((sum, src) => sum + gzipSize(path.join('out', src)), 0);
    const workerFiles = [...lazyScripts.keys()].filter((p) => !first.includes(p) && fs.readFileSync(path.join('out', p), 'utf8').includes('__dockyard_yield'));
    const workerBytes = workerFiles.reduce((sum, p) => sum + gzipSize(path.join('out', p)), 0);
    const lazyUiBytes = [...lazyScripts.keys()]
      .filter((p) => !first.includes(p) && !workerFiles.includes(p))
      .reduce((sum, p) => sum + gzipSize(path.join('out', p)), 0);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url + LESSON);
    await page.waitForFunction(() => document.querySelector('.xterm-rows')?.textContent?.includes('#'));
    const latencies = await commandLatencies(page, 100);
    await context.close();

    const figures = {
      promptReadyMs: median(readies),
      shellLiveMs: median(lives),
      firstContentfulPaintMs: median(fcps),
      readyOverFcp: median(readies) / median(fcps),
      firstLoadJsGzipBytes: firstLoadBytes,
      lazyTerminalUiGzipBytes: lazyUiBytes,
      workerJsGzipBytes: workerBytes,
      browserCommandMedianMs: median(latencies),
    };
    printFigures(`Site (headless Chromium, lesson 0, median of ${LOADS - 1} loads after a warm-up)`, [
      { name: 'navigation → ready prompt (takes keys)', value: ms(figures.promptReadyMs) },
      { name: 'navigation → shell answering', value: ms(figures.shellLiveMs) },
      { name: 'first contentful paint', value: ms(figures.firstContentfulPaintMs) },
      { name: 'ready prompt / FCP', value: `${figures.readyOverFcp.toFixed(2)}×`, target: '≤ 1.5×' },
      { name: 'first-load JS (gzip)', value: kb(firstLoadBytes), target: '≤ 150 KB' },
      { name: 'terminal UI, lazy (gzip)', value: kb(lazyUiBytes) },
      { name: 'worker JS (gzip)', value: `${kb(workerBytes)} in ${workerFiles.length} file(s)` },
      { name: '100 commands via Run: median', value: ms(figures.browserCommandMedianMs) },
    ]);
    return figures;
  } finally {
    await browser.close();
    server.stop();
  }
}
