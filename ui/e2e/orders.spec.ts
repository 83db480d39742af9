// The Pedidos screen against the built UI and the mock backend, at phone and desktop size.
import { expect, fixture, isWide, openApp, shot, test } from './fixtures';

test('the list shows each order with number, customer, amount, age, payment and countdown', async ({ page, problems }, info) => {
  void problems;
  await openApp(page);
  const ana = page.getByTestId('order-row').filter({ hasText: 'Ana Pérez' });
  await expect(ana, 'a pending card order is at the top of the list').toContainText('#1042');
  await expect(ana, 'amounts follow es-MX money formatting').toContainText('$220.00');
  await expect(ana, 'the age is written the way people say it').toContainText(/hace \d+ min/);
  await expect(ana.getByTestId('countdown'), 'pending orders count down to the auto-cancel').toContainText(/se cancela en \d+:\d\d/);
  await expect(ana, 'paid orders carry a paid badge').toContainText('Pagado');
  await expect(ana, 'the status has a name, not only a colour').toContainText('Pendiente');
  const carlos = page.getByTestId('order-row').filter({ hasText: 'Carlos Hernández' });
  await expect(carlos, 'an unpaid cash order says so').toContainText('Sin pagar');
  await expect(carlos, 'the fulfilment is shown').toContainText('A domicilio');
  const lucia = page.getByTestId('order-row').filter({ hasText: 'Lucía Fernández' });
  await expect(lucia.getByTestId('row-error'), 'an error order shows why, in words').toContainText('Sobreventa');
  await expect(page.getByTestId('tab-pending'), 'the tab counts come from counts()').toContainText('3');
  await shot(page, 'pedidos', info.project.name);
});

test('status tabs, KPI tiles and the filter sheet narrow the list', async ({ page, problems }, info) => {
  void problems;
  await openApp(page);
  await page.getByTestId('tab-preparing').click();
  await expect(page.getByTestId('order-row').first()).toContainText('Preparando');
  const statuses = await page.getByTestId('order-row').evaluateAll((rows) => rows.slice(0, 8).map((r) => r.className));
  expect(
    statuses.every((c) => c.includes('status-preparing')),
    'the Preparando tab lists only preparing orders',
  ).toBe(true);

  await page.getByTestId('kpi-with_error').click();
  await expect(page.getByTestId('tab-all')).toHaveAttribute('aria-selected', 'true');
  const errors = await page.getByTestId('order-row').evaluateAll((rows) => rows.slice(0, 8).map((r) => r.classList.contains('error')));
  expect(errors.length > 0 && errors.every(Boolean), 'the "con error" tile opens error orders only').toBe(true);
  await page.getByTestId('kpi-with_error').click();

  await page.getByTestId('open-filters').click();
  await expect
    .poll(() => page.evaluate(() => window.__mostradorMock!.calls('facets').length), {
      message: 'opening the sheet asks the core for every warehouse and tag',
    })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('filter-warehouse').locator('option'), '"any" plus the warehouses the cache has').not.toHaveCount(1);
  await page.getByTestId('filter-paid-false').click();
  await page.getByTestId('filter-ful-delivery').click();
  await shot(page, 'filtros', info.project.name);
  await page.getByTestId('filter-apply').click();
  await expect(page.getByTestId('order-row').first()).toContainText('Carlos Hernández');
  const rows = await page.getByTestId('order-row').allInnerTexts();
  expect(
    rows.every((r) => r.includes('Sin pagar') && r.includes('A domicilio')),
    'filters combine with AND',
  ).toBe(true);
  const last = await page.evaluate(() => window.__mostradorMock!.calls('list_orders').at(-1)!.args as { query: Record<string, unknown> });
  expect(last.query.paid, 'the query sent through IPC carries paid=false').toBe(false);
  expect(last.query.fulfillments, 'and the fulfilment').toEqual(['delivery']);
  await page.getByTestId('clear-filters').click();
  await expect(page.getByTestId('order-row').filter({ hasText: 'Ana Pérez' })).toBeVisible();
});

test('search answers while typing, by product and by customer', async ({ page, problems }) => {
  void problems;
  await openApp(page);
  await page.getByTestId('search').fill('rosca');
  await expect(page.getByTestId('order-row').first()).toContainText(/Rosca|Lucía|María José/);
  await page.getByTestId('search').fill('lucia fernandez');
  await expect(page.getByTestId('order-row'), 'accents are ignored, like the core search').toHaveCount(1);
  await expect(page.getByTestId('order-row')).toContainText('Lucía Fernández');
  const searches = await page.evaluate(() =>
    window.__mostradorMock!.calls('list_orders').map((c) => (c.args as { query: { search: string | null } }).query.search),
  );
  expect(searches.at(-1), 'the search goes through list_orders query.search').toBe('lucia fernandez');
  await page.getByTestId('search').fill('zzzz-no-existe');
  await expect(page.getByTestId('list-empty')).toBeVisible();
});

test('a notification tap opens that order', async ({ page, problems }) => {
  void problems;
  await openApp(page);
  const jorge = await fixture(page, 'Jorge Ramírez');
  await page.evaluate((id) => window.__mostradorMock!.openNotice(id), jorge.id);
  await expect(page.getByTestId('order-detail')).toContainText(`#${jorge.number}`);
});

test('the counter PC is driven from the keyboard', async ({ page, problems }, info) => {
  test.skip(!isWide(info.project.name), 'keyboard shortcuts are for the counter PC layout');
  void problems;
  await openApp(page, 'undo=60000');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('order-detail')).toContainText('Ana Pérez');
  await page.keyboard.press('p');
  await expect(page.getByTestId('undo-toast'), 'P prepares the open order (with undo)').toContainText('Preparando');
  await page.getByTestId('undo').click();
  await page.keyboard.press('/');
  await expect(page.getByTestId('search')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByText('Elige un pedido para ver su detalle.')).toBeVisible();
});

test('a Chilean store shows its own status names and CLP amounts', async ({ page, problems }) => {
  void problems;
  await openApp(page, 'store=clp');
  await expect(page.getByTestId('tab-pending')).toContainText('Por confirmar');
  const first = await page.getByTestId('order-row').first().innerText();
  expect(first, 'CLP has no decimals and groups with dots').toMatch(/\$\d{1,3}(\.\d{3})+(?![,\d])/);
});
