/**
 * Which Chromium the browser tests and benchmarks drive: Debian's (these machines cannot download
 * browsers) when it exists, Playwright's own elsewhere; and the flags that keep it off the network.
 */
import fs from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumExecutable(): string | undefined {
  const debian = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return fs.existsSync(debian) ? debian : undefined;
}
