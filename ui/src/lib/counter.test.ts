import { describe, expect, it } from 'vitest';
import type { Address } from '../bindings/Address';
import type { HistoryEntry } from '../bindings/HistoryEntry';
import { MockBackend } from '../mock/backend';
import { addressLine, geoHref, osmHref } from './address';
import { cashChange } from './change';
import { dayTime, historyLine } from './history';
import { DEFAULT_LABELS_ES } from './labels';

const TZ = 'America/Mexico_City';
// 14:05 in Mexico City.
const AT = '2026-12-15T20:05:00Z';
const NOW = Date.parse(AT) + 3600_000;

describe('history lines say who did what (as the core writes them)', () => {
  const e = (status: HistoryEntry['status'], by: HistoryEntry['by'], device: string | null): HistoryEntry => ({
    status,
    at: AT,
    by,
    device,
  });
  const cases: [HistoryEntry, string, string][] = [
    [e('ready', 'merchant', 'Caja 1'), 'Caja 1 marcó Listo para entrega · 14:05', 'Caja 1 marked Ready for pickup · 14:05'],
    [e('preparing', 'merchant', null), 'La tienda marcó Preparando · 14:05', 'The shop marked Preparing · 14:05'],
    [e('pending', 'customer', null), 'El cliente hizo el pedido · 14:05', 'The customer placed the order · 14:05'],
    [e('cancelled', 'merchant', 'iPhone de Ana'), 'iPhone de Ana canceló el pedido · 14:05', 'iPhone de Ana cancelled the order · 14:05'],
    [
      e('cancelled', 'auto', null),
      'Se canceló automáticamente por falta de atención · 14:05',
      'Cancelled automatically for lack of attention · 14:05',
    ],
  ];
  it.each(cases)('%o', (entry, es, en) => {
    expect(historyLine(entry, DEFAULT_LABELS_ES, TZ, 'es', NOW)).toBe(es);
    expect(historyLine(entry, DEFAULT_LABELS_ES, TZ, 'en', NOW)).toBe(en);
  });
  it('shows the date on another day, and the cancel deadline with its date', () => {
    const next = NOW + 86_400_000;
    expect(historyLine(e('ready', 'merchant', 'Caja 1'), DEFAULT_LABELS_ES, TZ, 'es', next)).toBe(
      'Caja 1 marcó Listo para entrega · 15 dic, 14:05',
    );
    expect(dayTime(AT, TZ, 'es'), '"Se puede cancelar hasta el 15 dic, 14:05"').toBe('15 dic, 14:05');
    expect(dayTime(AT, TZ, 'en')).toBe('Dec 15, 14:05');
  });
});

describe('the counter', () => {
  it('gives change only when the cash covers the payment', () => {
    expect(cashChange(45000, 50000)).toBe(5000);
    expect(cashChange(45000, 45000)).toBe(0);
    expect(cashChange(45000, 44999), 'short cash gives no change').toBeNull();
  });

  it('links an address to OpenStreetMap and the maps app', () => {
    const a: Address = {
      line1: 'Av. Álvaro Obregón 182',
      line2: 'Col. Roma Norte',
      city: 'Cuauhtémoc',
      region: 'CDMX',
      postal_code: '06700',
      country: 'MX',
      reference: null,
      lat: 19.418,
      lng: -99.162,
    };
    expect(addressLine(a)).toBe('Av. Álvaro Obregón 182, Col. Roma Norte, Cuauhtémoc, CDMX, 06700, MX');
    expect(osmHref(a)).toBe(`https://www.openstreetmap.org/search?query=${encodeURIComponent(addressLine(a))}`);
    expect(geoHref(a), 'coordinates when known').toBe('geo:19.418,-99.162?q=19.418,-99.162');
    expect(geoHref({ ...a, lat: null, lng: null }), 'else the address').toContain('geo:0,0?q=Av.%20%C3%81lvaro');
  });

  it('takes a payment optimistically, refuses one above the due, and stamps the device once sent', async () => {
    const m = new MockBackend(false, 0);
    m.latencyMs = 0;
    const unpaid = m.db.recs.map((r) => m.db.order(r.s.id)!).find((o) => o.payment.status === 'unpaid' && o.status !== 'cancelled')!;
    const before = m.detail(unpaid.id);
    expect(before.can_pay, 'an unpaid order can be charged').toBe(true);
    await expect(
      m.invoke('pay_order', { id: unpaid.id, amount: String(before.due / 100 + 1), method: 'cash', reference: null }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await m.invoke('pay_order', { id: unpaid.id, amount: String(before.due / 100), method: 'cash', reference: null });
    const shown = m.detail(unpaid.id);
    expect(shown.order.payment.status, '"Sin pagar" goes away at once').toBe('paid');
    expect(shown.due).toBe(0);
    expect(shown.can_pay).toBe(false);
    m.flush();
    const sent = m.detail(unpaid.id);
    expect(sent.order.payments.at(-1)?.device, 'the backend records the device').toBe('Caja 1');
    await expect(m.invoke('add_note', { id: unpaid.id, text: '   ' })).rejects.toMatchObject({ code: 'invalid_input' });
    await m.invoke('add_note', { id: unpaid.id, text: ' Llamó ' });
    expect(m.detail(unpaid.id).order.staff_notes.at(-1)?.text).toBe('Llamó');
  });

  it('finds orders by their address and staff notes, and filters the scheduled ones', async () => {
    const m = new MockBackend(false, 0);
    const q = {
      statuses: [],
      fulfillments: [],
      paid: null,
      has_error: null,
      incomplete: null,
      scheduled: null,
      warehouse: null,
      tag: null,
      created_from: null,
      created_to: null,
      search: null,
      after: null,
      limit: 100,
    };
    const byNote = await m.invoke<{ orders: { id: string }[] }>('list_orders', { query: { ...q, search: 'billete' } });
    expect(byNote.orders.length, 'a staff note is searchable').toBe(1);
    const byStreet = await m.invoke<{ orders: { id: string }[] }>('list_orders', { query: { ...q, search: 'queretaro' } });
    expect(byStreet.orders.length, 'an address is searchable, accents ignored').toBeGreaterThan(0);
    const scheduled = await m.invoke<{ orders: { scheduled_for: string | null }[] }>('list_orders', { query: { ...q, scheduled: true } });
    expect(scheduled.orders.length).toBeGreaterThan(0);
    expect(scheduled.orders.every((o) => o.scheduled_for !== null)).toBe(true);
  });
});
