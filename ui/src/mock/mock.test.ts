import { describe, expect, it } from 'vitest';
import { MockBackend } from './backend';
import { nextStatuses } from '../lib/transitions';

describe('mock backend follows the core rules', () => {
  it("offers the core's next statuses on every order, usual step first", async () => {
    const m = new MockBackend(false, 40);
    for (const { s: order } of m.db.recs) {
      const detail = await m.invoke<{ next_statuses: string[] }>('get_order', { id: order.id });
      expect(detail.next_statuses, `${order.status} ${order.fulfillment}: the buttons come from the generated table`).toEqual(
        nextStatuses(order.status, order.fulfillment),
      );
    }
  });

  it('pages newest first with a keyset cursor and no repeats', async () => {
    const m = new MockBackend(false, 500);
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    do {
      const page: { orders: { id: string }[]; next: string | null } = await m.invoke('list_orders', {
        query: {
          statuses: [],
          fulfillments: [],
          paid: null,
          has_error: null,
          incomplete: null,
          warehouse: null,
          tag: null,
          created_from: null,
          created_to: null,
          search: null,
          after,
          limit: 100,
        },
      });
      for (const o of page.orders) seen.add(o.id);
      after = page.next;
      pages++;
    } while (after && pages < 20);
    expect(seen.size, 'every order appears exactly once across pages').toBe(512);
  });

  it('answers facets from every order, not only a loaded page, sorted and once each', async () => {
    const m = new MockBackend(false, 500);
    const facets = await m.invoke<{ warehouses: string[]; tags: string[] }>('facets');
    const all = m.db.recs.map((r) => r.s);
    const expectedTags = [...new Set(all.flatMap((s) => s.tags))].sort();
    const expectedWarehouses = [...new Set(all.map((s) => s.warehouse).filter((w): w is string => !!w))].sort();
    expect(facets.tags, 'every tag of the 512 orders, once each, sorted').toEqual(expectedTags);
    expect(facets.warehouses, 'every warehouse of the 512 orders, once each, sorted').toEqual(expectedWarehouses);
    const last = all[all.length - 1];
    for (const tag of last.tags)
      expect(facets.tags, `the oldest order's tag ${tag} is offered though far past the first page`).toContain(tag);
    expect(facets.warehouses.length, 'the mock orders use several warehouses').toBeGreaterThan(1);
  });

  it('refuses a refund above the refundable with refund_too_large', async () => {
    const m = new MockBackend(false, 0);
    const ana = m.db.recs.find((r) => r.s.customer_name === 'Ana Pérez')!;
    await expect(
      m.invoke('cancel_order', { id: ana.s.id, reason: 'Sin stock', refund: '999999' }),
      'more than was paid',
    ).rejects.toMatchObject({ code: 'refund_too_large' });
    await expect(m.invoke('cancel_order', { id: ana.s.id, reason: '  ', refund: '1' }), 'a blank reason').rejects.toMatchObject({
      code: 'invalid_input',
    });
    const view = await m.invoke<{ kind: { kind: string; refund_amount: number } }>('cancel_order', {
      id: ana.s.id,
      reason: 'Sin stock',
      refund: '100,50',
    });
    expect(view.kind, 'the refund typed "100,50" is 10050 centavos').toMatchObject({ kind: 'cancel', refund_amount: 10050 });
    await expect(m.invoke('cancel_order', { id: ana.s.id, reason: 'x', refund: '1' }), 'one cancellation per order').rejects.toMatchObject({
      code: 'not_allowed',
    });
  });

  it('refuses cancelling after the window, and an advance the table does not allow', async () => {
    const m = new MockBackend(false, 0);
    const old = m.db.recs.find((r) => r.s.customer_name === 'Ricardo Mendoza')!;
    await expect(m.invoke('cancel_order', { id: old.s.id, reason: 'x', refund: '0' }), '20 days > 15').rejects.toMatchObject({
      code: 'cancel_window_closed',
    });
    const ana = m.db.recs.find((r) => r.s.customer_name === 'Ana Pérez')!;
    await expect(m.invoke('advance_order', { id: ana.s.id, to: 'delivered' }), 'pending cannot jump to delivered').rejects.toMatchObject({
      code: 'not_allowed',
    });
  });
});

describe('mock connect_platform answers as the core does', () => {
  it('refuses plain http for WooCommerce and bad keys, then connects and says which platform', async () => {
    const m = new MockBackend(false, 0);
    await expect(
      m.invoke('connect_platform', { platform: 'woocommerce', url: 'http://tienda.cl', key: 'ck_1', secret: 'cs_1' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      m.invoke('connect_platform', { platform: 'woocommerce', url: 'https://tienda.cl', key: 'x', secret: 'y' }),
    ).rejects.toMatchObject({ code: 'not_connected' });
    const status = await m.invoke<{ platform: string; backend_url: string }>('connect_platform', {
      platform: 'shopify',
      url: 'tienda.myshopify.com',
      key: '',
      secret: 'shpat_1',
    });
    expect(status.platform).toBe('shopify');
    expect(status.backend_url).toBe('https://tienda.myshopify.com');
  });
});

describe('mock "Conectar con WordPress" answers as the core does', () => {
  it('refuses plain http, waits for the approval, cancels, and connects when the link comes back', async () => {
    const m = new MockBackend(false, 0);
    await expect(m.invoke('begin_woo_approval', { url: 'http://tienda.cl' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await m.invoke('woo_approval')).toBeNull();
    const view = await m.invoke<{ store_url: string; started_at: string; expires_at: string }>('begin_woo_approval', {
      url: 'https://tienda.cl/',
    });
    expect(view.store_url).toBe('https://tienda.cl');
    expect(Date.parse(view.expires_at) - Date.parse(view.started_at)).toBe(30 * 60_000);
    expect(await m.invoke('woo_approval')).toMatchObject({ store_url: 'https://tienda.cl' });
    await m.invoke('cancel_woo_approval');
    expect(await m.invoke('woo_approval')).toBeNull();

    await m.invoke('begin_woo_approval', { url: 'https://tienda.cl' });
    const seen: { connected: boolean; store_url: string }[] = [];
    await m.listen<{ connected: boolean; store_url: string }>('woocommerce://approval', (f) => seen.push(f));
    m.finishWooApproval(true);
    expect(seen).toEqual([expect.objectContaining({ connected: true, store_url: 'https://tienda.cl' })]);
    const status = await m.invoke<{ platform: string }>('sync_status');
    expect(status.platform).toBe('woocommerce');
    expect(await m.invoke('woo_approval')).toBeNull();
  });
});
