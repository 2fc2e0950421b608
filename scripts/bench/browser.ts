/** Launching Debian's Chromium (or Playwright's own) and serving the built site, for benchmarks. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../tests/chromium';


export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
}

export async function serveOut(port: number): Promise<{ url: string; stop: () => void }> {
  if (!fs.existsSync('out/index.html')) throw new Error('out/ is missing: run `npm run build` first');
  const child: ChildProcess = spawn(process.execPath, ['scripts/serve-out.mjs', String(port), 'out'], { stdio: 'pipe' });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => resolve());
    child.on('exit', (code) => reject(new Error(`static server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
