import { defineConfig } from '@playwright/test';

// System Chromium (no browser downloads on these machines); the mock build of the UI (dist-mock/) is served by
// a tiny static server each worker starts on 127.0.0.1:0 (e2e/fixtures.ts).
const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: { ...chromium, trace: 'off', locale: 'es-MX', timezoneId: 'America/Mexico_City' },
  projects: [
    {
      name: 'phone',
      testIgnore: /perf\.spec\.ts/,
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
    {
      name: 'desktop',
      testIgnore: /perf\.spec\.ts/,
      use: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
    },
    {
      // Alone, after the others: timing is not shared with another worker's load.
      name: 'perf',
      testMatch: /perf\.spec\.ts/,
      dependencies: ['phone', 'desktop'],
      use: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
    },
  ],
});
