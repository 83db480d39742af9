// Resumen, Ajustes, language and dark mode.
import { expect, openApp, shot, test } from './fixtures';

test('Resumen shows sales today, the period figures with comparisons, and a chart', async ({ page, problems }, info) => {
  void problems;
  await openApp(page);
  await page.getByTestId('nav-summary').click();
  await expect(page.getByTestId('sales-today')).toContainText('$');
  await expect(page.getByTestId('kpi-tile')).toHaveCount(3);
  await expect(page.getByTestId('kpi-tile').first()).toContainText('vs. periodo anterior');
  await expect(page.getByTestId('sales-chart').locator('rect')).toHaveCount(7);
  await page.getByTestId('period-last30_days').click();
  await expect(page.getByTestId('sales-chart').locator('rect')).toHaveCount(30);
  await shot(page, 'resumen', info.project.name);
});

test('Ajustes switches language live and the theme to dark', async ({ page, problems }, info) => {
  void problems;
  await openApp(page);
  await page.getByTestId('nav-settings').click();
  await shot(page, 'ajustes', info.project.name);
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('nav-orders')).toContainText('Orders');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('lang-es').click();
  await expect(page.getByTestId('nav-orders')).toContainText('Pedidos');
  await page.getByTestId('theme-dark').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const saved = await page.evaluate(() => window.__mostradorMock!.calls('set_settings').at(-1)!.args as { settings: { theme: string } });
  expect(saved.settings.theme, 'the theme is saved through set_settings').toBe('dark');
  await shot(page, 'ajustes-oscuro', info.project.name);
  await page.getByTestId('nav-orders').click();
  await expect(page.getByTestId('order-row').first()).toBeVisible();
  await shot(page, 'pedidos-oscuro', info.project.name);
  await page.getByTestId('order-row').filter({ hasText: 'Lucía Fernández' }).click();
  await expect(page.getByTestId('detail-error')).toBeVisible();
  await shot(page, 'pedido-oscuro', info.project.name);
});
