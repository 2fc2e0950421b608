import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

const PORT = 4173;
// PW_BASE_URL points the suite at a server that is already running (e.g. `next dev`).
const external = process.env.PW_BASE_URL;
// Debian's Chromium where it exists (this project's machines cannot download browsers);
// Playwright's own browser elsewhere.
const debianChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const executablePath = fs.existsSync(debianChromium) ? debianChromium : undefined;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: external ?? `http://127.0.0.1:${PORT}`,
    trace: 'off',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: external
    ? undefined
    : {
        command: `node scripts/serve-out.mjs ${PORT} out`,
        url: `http://127.0.0.1:${PORT}/`,
        reuseExistingServer: false,
        timeout: 15_000,
      },
});
