import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { es } from '../i18n/es';
import { PLATFORMS, connectFields, missing, platformLabel } from './connect';

describe('the connect form', () => {
  it('offers the three platforms, each named in both languages', () => {
    expect(PLATFORMS.map((p) => p.kind)).toEqual(['orders_api', 'woocommerce', 'shopify']);
    for (const p of PLATFORMS) {
      expect(es[p.label], p.kind).toBeTruthy();
      expect(en[p.label], p.kind).toBeTruthy();
    }
  });

  it('asks WooCommerce for a key and a secret, Shopify and the API for a token only', () => {
    expect(connectFields('woocommerce').key).toBe('settings.woo_key');
    expect(connectFields('shopify').key).toBeNull();
    expect(connectFields('orders_api').key).toBeNull();
    expect(connectFields('shopify').urlPlaceholder).toContain('myshopify.com');
  });

  it('names the Shopify scopes (orders, fulfillments, refunds) in Spanish and English', () => {
    const hints = connectFields('shopify').hints;
    expect(hints).toContain('settings.shopify_scopes');
    expect(en['settings.shopify_scopes']).toMatch(/orders.*fulfillments.*refunds/);
    expect(es['settings.shopify_scopes']).toMatch(/pedidos.*envío.*reembolsos/);
    expect(en['settings.shopify_scopes']).toContain('read_orders');
  });

  it('says what is missing before sending anything', () => {
    expect(missing('woocommerce', '', 'ck', 'cs')).toBe('settings.need_url');
    expect(missing('woocommerce', 'https://tienda.cl', 'ck_1', ' ')).toBe('settings.need_keys');
    expect(missing('woocommerce', 'https://tienda.cl', 'ck_1', 'cs_1')).toBeNull();
    expect(missing('shopify', 'tienda', '', '')).toBe('settings.need_token');
    expect(missing('shopify', 'tienda', '', 'shpat_1')).toBeNull();
    expect(missing('orders_api', 'https://x', '', 'tok')).toBeNull();
  });

  it('labels the connected platform', () => {
    expect(platformLabel('shopify')).toBe('settings.p_shopify');
    expect(platformLabel(undefined)).toBe('settings.p_orders_api');
  });
});
