// The Pedido screen: next-status buttons with undo, cancelling with a refund, the cancel window.
import { expect, fixture, openApp, shot, test } from './fixtures';

async function open(page: import('@playwright/test').Page, name: string) {
  await page.getByTestId('order-row').filter({ hasText: name }).click();
  await expect(page.getByTestId('order-detail')).toContainText(name);
}

test('an advance waits for the undo window and undo sends nothing', async ({ page, problems }, info) => {
  void problems;
  await openApp(page);
  await open(page, 'Ana Pérez');
  await expect(page.getByTestId('tel-link')).toHaveAttribute('href', /^tel:\+52\d+$/);
  await expect(page.getByTestId('wa-link')).toHaveAttribute('href', /^https:\/\/wa\.me\/52\d+$/);
  await shot(page, 'pedido', info.project.name);

  await page.getByTestId('advance-preparing').click();
  await expect(page.getByTestId('undo-toast')).toContainText('Preparando');
  await expect(page.getByTestId('order-detail').locator('.top'), 'the order shows its new status at once').toContainText('Preparando');
  await shot(page, 'deshacer', info.project.name);
  if (info.project.name === 'phone') {
    // A finger needs 44 × 44 px: the toast's undo and close buttons included.
    for (const button of await page.getByTestId('undo-toast').getByRole('button').all()) {
      const box = await button.boundingBox();
      expect(
        box && Math.min(box.width, box.height),
        `${(await button.getAttribute('aria-label')) ?? (await button.textContent())}: a 44 px touch target`,
      ).toBeGreaterThanOrEqual(44);
    }
  }
  const ana = await fixture(page, 'Ana Pérez');
  const queued = await page.evaluate(() => window.__mostradorMock!.calls('advance_order').map((c) => c.args));
  expect(queued, 'the advance is queued at once, held for the undo window').toEqual([{ id: ana.id, to: 'preparing', undoMs: 5000 }]);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('undo-toast')).toHaveCount(0);
  await expect(page.getByTestId('order-detail').locator('.top')).toContainText('Pendiente');
  await page.waitForTimeout(300);
  const afterUndo = await page.evaluate(() => window.__mostradorMock!.sent().length);
  expect(afterUndo, 'an undone advance never reaches the backend').toBe(0);
  expect(await page.evaluate(() => window.__mostradorMock!.calls('undo_action').length), 'undo takes the held action back').toBe(1);

  await page.getByTestId('advance-preparing').click();
  await expect(page.getByTestId('undo-toast')).toHaveCount(0, { timeout: 9000 });
  await expect
    .poll(() => page.evaluate(() => window.__mostradorMock!.sent().map((a) => ({ order: a.order_id, kind: a.kind }))), { timeout: 5000 })
    .toEqual([{ order: ana.id, kind: { kind: 'advance', to: 'preparing' } }]);
  await expect(page.getByTestId('order-detail').locator('.top')).toContainText('Preparando');
  await expect(page.getByTestId('advance-ready'), 'the next step for a pickup order is Listo para entrega').toBeVisible();
  await expect(page.getByTestId('advance-shipped'), 'a pickup order is never shipped').toHaveCount(0);
});

test('a partial card refund warns about the gateway fee and is sent as typed', async ({ page, problems }, info) => {
  void problems;
  await openApp(page);
  await open(page, 'Ana Pérez');
  await page.getByTestId('cancel-open').click();
  const dialog = page.getByTestId('cancel-dialog');
  await expect(dialog.getByTestId('cancel-refund'), 'the refund defaults to the full refundable').toHaveValue('220.00');
  await expect(dialog.getByTestId('fee-warning'), 'a full refund costs no fee').toHaveCount(0);
  await dialog.getByTestId('cancel-refund').fill('100,50');
  // fee = 10050 * 290 / 10000 + 300 = 291 + 300 = 591 centavos
  await expect(dialog.getByTestId('fee-warning')).toContainText('$5.91');
  await dialog.getByTestId('cancel-confirm').click();
  await expect(dialog, 'a reason is required').toContainText('Escribe el motivo');
  await dialog.getByRole('button', { name: 'Sin stock' }).click();
  await shot(page, 'cancelar', info.project.name);
  await dialog.getByTestId('cancel-confirm').click();
  await expect(page.getByTestId('cancel-dialog')).toBeHidden();
  const sent = await page.evaluate(() => window.__mostradorMock!.calls('cancel_order').map((c) => c.args));
  const ana = await fixture(page, 'Ana Pérez');
  expect(sent, 'the refund goes to the core as typed, to be parsed there').toEqual([{ id: ana.id, reason: 'Sin stock', refund: '100,50' }]);
  await expect(page.getByTestId('order-detail').locator('.top')).toContainText('Cancelado');
});

test('a refund above the refundable is refused before it is sent', async ({ page, problems }) => {
  void problems;
  await openApp(page);
  await open(page, 'María José Rodríguez');
  await page.getByTestId('cancel-open').click();
  const dialog = page.getByTestId('cancel-dialog');
  await dialog.getByTestId('cancel-refund').fill('$1.234,50');
  await expect(dialog.getByTestId('refund-error')).toContainText('No puedes reembolsar más de $610.00');
  await expect(dialog.getByTestId('cancel-confirm')).toBeDisabled();
  await dialog.getByTestId('cancel-refund').fill('abc');
  await expect(dialog.getByTestId('refund-error')).toContainText('"abc" no es un monto válido.');
  await dialog.getByTestId('cancel-refund').fill('-5');
  await expect(dialog.getByTestId('refund-error')).toContainText('negativo');
  const calls = await page.evaluate(() => window.__mostradorMock!.calls('cancel_order').length);
  expect(calls, 'nothing was sent').toBe(0);
});

test('after the 15-day window the cancel button is disabled with the reason', async ({ page, problems }, info) => {
  void problems;
  await openApp(page);
  await page.getByTestId('search').fill('Ricardo Mendoza');
  await open(page, 'Ricardo Mendoza');
  await expect(page.getByTestId('cancel-open')).toBeDisabled();
  await expect(page.getByTestId('cancel-why')).toContainText('15 días');
  await shot(page, 'plazo-vencido', info.project.name);
});

test('a document in error can be retried', async ({ page, problems }) => {
  void problems;
  await openApp(page);
  await open(page, 'Miguel Ángel Torres');
  await expect(page.getByTestId('detail-error')).toContainText('No se pudo emitir la factura');
  await page.getByTestId('retry-document').click();
  await expect(page.getByTestId('detail-error'), 'the order error clears once the document is issued').toHaveCount(0);
  await expect(page.getByTestId('retry-document')).toHaveCount(0);
});

test('contact buttons go through open_link and never navigate the page', async ({ page, problems }) => {
  void problems;
  await openApp(page);
  await open(page, 'Ana Pérez');
  const before = page.url();
  await page.getByTestId('tel-link').click();
  // The mock is a desktop without a phone app: the number is copied and the owner told so.
  await expect(page.locator('.toast')).toContainText(/Número copiado: \+52\d+/);
  await page.getByTestId('wa-link').click();
  const urls = await page.evaluate(() => window.__mostradorMock!.calls('open_link').map((c) => c.args));
  expect(urls).toEqual([{ url: expect.stringMatching(/^tel:\+52\d+$/) }, { url: expect.stringMatching(/^https:\/\/wa\.me\/52\d+$/) }]);
  expect(page.url(), 'the page stays the app').toBe(before);
  await expect(page.getByTestId('order-detail')).toContainText('Ana Pérez');
});
