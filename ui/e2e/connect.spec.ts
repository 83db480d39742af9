// Ajustes › Conexión: the platform picker (Mostrador API / WooCommerce / Shopify), its fields,
// the errors in words, and the connect_platform call the shell receives.
import { expect, openApp, test } from './fixtures';

test('Ajustes connects a WooCommerce store and a Shopify shop with the right fields', async ({ page, problems }) => {
  void problems;
  await openApp(page);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('disconnect').click();
  await page.getByTestId('disconnect').click();
  await expect(page.getByTestId('connect-url')).toBeVisible();
  await expect(page.getByTestId('connect-key'), 'the API asks for a token only').toHaveCount(0);

  await page.getByTestId('platform-woocommerce').click();
  await expect(page.getByTestId('platform-woocommerce')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('connect-key')).toBeVisible();
  await expect(page.getByTestId('hint-settings.woo_hint')).toContainText('API REST');
  await page.getByTestId('connect-url').fill('http://tienda.example');
  await page.getByTestId('connect-key').fill('ck_1');
  await page.getByTestId('connect-token').fill('cs_1');
  await page.getByTestId('connect').click();
  await expect(page.getByRole('alert')).toContainText('https://');
  await page.getByTestId('connect-url').fill('https://tienda.example');
  await page.getByTestId('connect').click();
  await expect(page.getByTestId('connected-platform')).toContainText('WooCommerce');
  const woo = await page.evaluate(() => window.__mostradorMock!.calls('connect_platform').at(-1)!.args);
  expect(woo).toEqual({ platform: 'woocommerce', url: 'https://tienda.example', key: 'ck_1', secret: 'cs_1' });

  await page.getByTestId('disconnect').click();
  await page.getByTestId('disconnect').click();
  await page.getByTestId('platform-shopify').click();
  await expect(page.getByTestId('connect-key')).toHaveCount(0);
  await expect(page.getByTestId('hint-settings.shopify_scopes')).toContainText('reembolsos');
  await page.getByTestId('connect-url').fill('tienda.myshopify.com');
  await page.getByTestId('connect').click();
  await expect(page.getByRole('alert'), 'nothing is sent without a token').toContainText('token');
  await page.getByTestId('connect-token').fill('shpat_abc');
  await page.getByTestId('connect').click();
  await expect(page.getByTestId('connected-platform')).toContainText('Shopify');

  await page.getByTestId('lang-en').click();
  await page.getByTestId('disconnect').click();
  await page.getByTestId('disconnect').click();
  await page.getByTestId('platform-shopify').click();
  await expect(page.getByTestId('hint-settings.shopify_scopes')).toContainText('refunds');
});
