// The whole order at the counter: address with map links, scheduled time, Cobrar with change,
// staff notes, history with devices, documents on the row, the cancel deadline, keys.
import { expect, openApp, shot, test, isWide } from './fixtures';

async function open(page: import('@playwright/test').Page, name: string) {
  await page.getByTestId('order-row').filter({ hasText: name }).click();
  await expect(page.getByTestId('order-detail')).toContainText(name);
}

test('a delivery order shows its address, schedule, payments, notes and who did what', async ({ page, problems }, info) => {
  void problems;
  await openApp(page);
  const row = page.getByTestId('order-row').filter({ hasText: 'Carlos Hernández' });
  await expect(row.getByTestId('row-scheduled'), 'the row says when it is wanted').toContainText('Para las');
  await open(page, 'Carlos Hernández');
  const detail = page.getByTestId('order-detail');
  const address = detail.getByTestId('detail-address');
  await expect(address).toContainText('CDMX');
  await expect(address.getByTestId('address-map')).toHaveAttribute('href', /^https:\/\/www\.openstreetmap\.org\/search\?query=/);
  await expect(address.getByTestId('address-geo')).toHaveAttribute('href', /^geo:19\.\d+,-99\.\d+/);
  await expect(detail.getByTestId('detail-scheduled')).toContainText('Para las');
  await expect(detail.getByTestId('cancel-until'), 'the cancel deadline is shown while cancelling is possible').toContainText(
    'Se puede cancelar hasta el',
  );
  await expect(detail.getByTestId('staff-note')).toContainText('billete de $500');
  await expect(detail.getByTestId('staff-note')).toContainText('iPhone de Ana');
  await expect(detail.getByTestId('detail-due')).toContainText('Por cobrar');

  // Cobrar in cash: $500 handed over, the change computed, "Sin pagar" gone at once.
  await page.getByTestId('pay-open').click();
  const dialog = page.getByTestId('pay-dialog');
  const due = await dialog.getByTestId('pay-amount').inputValue();
  await dialog.getByTestId('pay-received').fill(String(Math.ceil(Number(due) / 100) * 100 + 100));
  await expect(dialog.getByTestId('pay-change')).toContainText(/Recibido \$[\d,.]+ · Vuelto \$[\d,.]+/);
  await shot(page, 'cobrar', info.project.name);
  await dialog.getByTestId('pay-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Vuelto' }).first()).toBeVisible();
  await expect(detail.getByTestId('payment'), 'the payment shows at once').toHaveCount(1);
  await expect(detail.getByTestId('pay-open'), 'nothing left to charge').toHaveCount(0);
  const pays = await page.evaluate(() => window.__mostradorMock!.calls('pay_order').map((c) => c.args));
  expect(pays.length, 'one pay_order call').toBe(1);
  expect((pays[0] as { method: string }).method).toBe('cash');

  // A staff note, sent once.
  await detail.getByTestId('note-add').click();
  await expect(detail.getByTestId('note-error')).toContainText('Escribe la nota');
  await detail.getByTestId('note-text').fill('Pasa a las 6, timbre 3');
  await detail.getByTestId('note-add').click();
  await expect(detail.getByTestId('staff-note').first()).toContainText('Pasa a las 6');
  const notes = await page.evaluate(() => window.__mostradorMock!.calls('add_note').length);
  expect(notes).toBe(1);
  await expect(detail.getByTestId('payment')).toContainText('Caja 1', { timeout: 5000 });
  await expect(detail.getByTestId('history-line').first()).toContainText(/marcó|hizo el pedido/);
  if (info.project.name === 'phone' && (await page.getByTestId('toast').count()) > 0) {
    // A finger needs 44 × 44 px: the toast's close button included.
    const box = await page.getByTestId('toast').first().getByRole('button').boundingBox();
    expect(box && Math.min(box.width, box.height), 'a toast closes with a 44 px touch target').toBeGreaterThanOrEqual(44);
  }
  while ((await page.getByTestId('toast').count()) > 0) await page.getByTestId('toast').first().getByRole('button').click();
  await detail.getByTestId('detail-address').scrollIntoViewIfNeeded();
  await shot(page, 'pedido-completo', info.project.name);
  await detail.getByTestId('history-line').last().scrollIntoViewIfNeeded();
  await shot(page, 'pedido-historial', info.project.name);
});

test('history lines carry the device, documents show on the row, and the scheduled filter works', async ({ page, problems }, info) => {
  void problems;
  await openApp(page);
  const sofia = page.getByTestId('order-row').filter({ hasText: 'Sofía Gutiérrez' });
  await expect(sofia.getByTestId('row-document'), 'the invoice shows on the row').toContainText('Factura');
  const miguel = page.getByTestId('order-row').filter({ hasText: 'Miguel Ángel Torres' });
  await expect(miguel.getByTestId('row-document').filter({ hasText: '✕' }), 'a failed document is marked on the row').toHaveCount(1);
  await open(page, 'Sofía Gutiérrez');
  await expect(
    page
      .getByTestId('history-line')
      .filter({ hasText: /(Caja 1|iPhone de Ana) marcó/ })
      .first(),
  ).toBeVisible();
  if (isWide(info.project.name)) {
    await page.keyboard.press('Escape');
  } else {
    await page.getByTestId('detail-back').click();
  }
  await page.goto('/?mock=1#/pedidos');
  await expect(page.getByTestId('order-row').first()).toBeVisible();
  await page.getByTestId('open-filters').click();
  await page.getByTestId('filter-scheduled').check();
  await page.getByTestId('filter-apply').click();
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('order-row')).toContainText('Carlos Hernández');
});

test('keys: D marks delivered, R opens Cobrar; a row advances without opening', async ({ page, problems }, info) => {
  void problems;
  test.skip(!isWide(info.project.name), 'keyboard and hover buttons are the counter PC’s');
  await openApp(page, 'undo=300');
  await open(page, 'Jorge Ramírez');
  await page.getByTestId('order-detail').locator('.top').click();
  await page.keyboard.press('d');
  await expect(page.getByTestId('order-detail').locator('.top')).toContainText('Entregado', { timeout: 5000 });
  await open(page, 'Carlos Hernández');
  await page.getByTestId('order-detail').locator('.top').click();
  await page.keyboard.press('r');
  await expect(page.getByTestId('pay-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  const ana = page.getByTestId('order-row').filter({ hasText: 'Ana Pérez' });
  await ana.hover();
  await page.locator('.li', { has: ana }).getByTestId('row-advance').click();
  await expect.poll(() => page.evaluate(() => window.__mostradorMock!.calls('advance_order').length), { timeout: 5000 }).toBe(2);
});

test('printing: the system printer through window.print, an ESC/POS printer that fails says why', async ({ page, problems }) => {
  void problems;
  await openApp(page);
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await open(page, 'Ana Pérez');
  await page.getByTestId('print-kitchen').click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed), 'no printer set up: the system print dialog').toBe(
    1,
  );
  await page.goto('/?mock=1#/ajustes');
  await page.getByTestId('printer-kind').selectOption('network');
  await page.getByTestId('printer-host').fill('0.0.0.0');
  await page.getByTestId('printer-host').blur();
  await page.getByTestId('print-test').click();
  await expect(page.getByTestId('print-error'), 'a failed print says why').toContainText('No se pudo imprimir en 0.0.0.0:9100');
});
