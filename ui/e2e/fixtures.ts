// Shared fixtures: the static server per worker, a page that fails the test on any console
// error or CSP violation, and helpers to drive the mock backend and save screenshots.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startServer, type StaticServer } from './server';

export const SHOTS = resolve(import.meta.dirname, '..', 'test-results', 'screenshots');

export const test = base.extend<{ problems: string[] }, { server: StaticServer }>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this object pattern; it must be one, even empty.
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await use(problems);
    expect(problems, 'the page must run without errors or CSP violations').toEqual([]);
  },
});

export { expect };

/** Opens the app on the mock backend (extra query: store=clp, generate=N, ...). */
export async function openApp(page: Page, query = '', hash = '#/pedidos'): Promise<void> {
  await page.goto(`/?mock=1${query ? `&${query}` : ''}${hash}`);
  await expect(page.getByTestId('order-row').first()).toBeVisible();
}

export async function shot(page: Page, name: string, projectName: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SHOTS, `${name}-${projectName}.png`) });
}

/** The mock's id and number of a fixture order, by customer name. */
export async function fixture(page: Page, name: string): Promise<{ id: string; number: string }> {
  const found = await page.evaluate((n) => window.__mostradorMock?.findOrder(n) ?? null, name);
  if (!found) throw new Error(`fixture order for ${name} is missing from the mock`);
  return found;
}

export function isWide(projectName: string): boolean {
  return projectName !== 'phone';
}
