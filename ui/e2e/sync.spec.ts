// Always-visible state: sync, offline with queued actions, a refused action, demo badge.
import { expect, fixture, openApp, shot, test } from './fixtures';

test('offline, actions queue up and go out when the connection is back', async ({ page, problems }, info) => {
  void problems;
  await openApp(page, 'undo=200');
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByTestId('sync-state')).toContainText(/Actualizado/);
  await page.evaluate(() => window.__mostradorMock!.setOffline(true));
  await expect(page.getByTestId('offline-banner')).toContainText(/Sin conexión desde \d\d:\d\d/);
  await expect(page.getByTestId('sync-state')).toContainText('Sin conexión desde');

  await page.getByTestId('order-row').filter({ hasText: 'Jorge Ramírez' }).click();
  await page.getByTestId('advance-delivered').click();
  await expect(page.getByTestId('queue-button')).toContainText('1 en cola');
  await page.getByTestId('queue-button').click();
  await expect(page.getByTestId('queue-pending')).toContainText('Entregado');
  await shot(page, 'sin-conexion', info.project.name);
  await page.keyboard.press('Escape');

  await page.evaluate(() => window.__mostradorMock!.setOffline(false));
  await expect(page.getByTestId('queue-button'), 'the queue drains once online').toHaveCount(0);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
});

test('a refused action tells the owner why, and can be dismissed', async ({ page, problems }, info) => {
  void problems;
  await openApp(page, 'undo=200');
  const jorge = await fixture(page, 'Jorge Ramírez');
  await page.evaluate(() => window.__mostradorMock!.failNextAction());
  await page.getByTestId('order-row').filter({ hasText: 'Jorge Ramírez' }).click();
  await page.getByTestId('advance-delivered').click();
  await expect(page.getByTestId('queue-button')).toContainText('1 con error');
  await page.getByTestId('queue-button').click();
  await expect(page.getByTestId('queue-failed')).toContainText(
    `El cliente canceló el pedido #${jorge.number} mientras estabas sin conexión; no se marcó como Entregado.`,
  );
  await shot(page, 'accion-fallida', info.project.name);
  await page.getByTestId('queue-dismiss').click();
  await expect(page.getByTestId('queue-failed')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('queue-button')).toHaveCount(0);
});

test('a refused session asks to reconnect', async ({ page, problems }) => {
  void problems;
  await openApp(page);
  await page.evaluate(() => window.__mostradorMock!.setNeedsReconnect(true));
  await expect(page.getByTestId('reconnect-banner')).toBeVisible();
  await expect(page.getByTestId('sync-state')).toContainText('Reconecta tu cuenta');
});
