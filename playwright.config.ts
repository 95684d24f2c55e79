// End-to-end tests in Debian's Chromium against the production server (`next start`) on a fresh
// SQLite database. The port and data folder are chosen once in the main process and inherited by
// the workers through the environment.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number((process.env.MESHDECK_E2E_PORT ??= String(3300 + Math.floor(Math.random() * 1000))));
const dataDir = (process.env.MESHDECK_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'meshdeck-e2e-')));
export const E2E_ADMIN = { email: 'owner@e2e.test', password: 'e2e-owner-password' };

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    command: `node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      MESHDECK_DATA_DIR: dataDir,
      DATABASE_URL: '',
      MESHDECK_ADMIN_EMAIL: E2E_ADMIN.email,
      MESHDECK_ADMIN_PASSWORD: E2E_ADMIN.password,
    },
  },
});
