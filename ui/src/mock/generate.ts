// Deterministic order generator: order j of a data set is a pure function of j, so 100,000
// orders cost only their list rows up front; the full order (items, documents, history) is
// rebuilt from the same seed when someone opens it.
import type { Fulfillment } from '../bindings/Fulfillment';
import type { LineItem } from '../bindings/LineItem';
import type { Order } from '../bindings/Order';
import type { OrderStatus } from '../bindings/OrderStatus';
import type { PaymentMethod } from '../bindings/PaymentMethod';
import type { Store } from '../bindings/Store';
import { FIRST_NAMES, LAST_NAMES, TAGS, type Catalog } from './catalog';
import { addressFor } from './fixtures';

/** A small fast PRNG (mulberry32): same seed, same order, on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

function items(r: () => number, catalog: Catalog): LineItem[] {
  const n = 1 + Math.floor(r() * 3);
  const out: LineItem[] = [];
  for (let i = 0; i < n; i++) {
    const p = pick(r, catalog.products);
    const quantity = p.price > 20000 ? 1 : 1 + Math.floor(r() * 8);
    out.push({ sku: p.sku, name: p.name, quantity, unit_price: p.price, total: p.price * quantity });
  }
  return out;
}

function statusFor(r: () => number, ageS: number, fulfillment: Fulfillment): OrderStatus {
  const x = r();
  if (ageS > 2 * 86400) {
    if (x < 0.1) return 'cancelled';
    if (x < 0.992) return 'delivered';
    return fulfillment === 'pickup' ? 'ready' : 'shipped';
  }
  if (x < 0.08) return 'cancelled';
  if (x < 0.2) return 'preparing';
  if (x < 0.35) return fulfillment === 'pickup' ? 'ready' : 'shipped';
  return 'delivered';
}

/**
 * Order `j` (0 = newest) of a generated set, created `ageS` seconds before `now`. The number
 * is given so fixtures and generated orders share one numbering.
 */
export function generateOrder(j: number, number: number, ageS: number, now: number, store: Store, catalog: Catalog): Order {
  const r = rng(j * 7919 + 17);
  const fulfillment = pick(r, ['pickup', 'pickup', 'delivery', 'parcel'] as const);
  const method: PaymentMethod = pick(r, ['card', 'card', 'card', 'cash', 'transfer'] as const);
  const lines = items(r, catalog);
  const total = lines.reduce((s, l) => s + l.total, 0);
  const status = statusFor(r, ageS, fulfillment);
  const unpaid = method === 'cash' && r() < 0.3 && status !== 'delivered';
  const paid = unpaid ? 0 : total;
  const refunded = status === 'cancelled' ? paid : 0;
  const created = new Date(now - ageS * 1000).toISOString();
  const name = `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}`;
  const phone = `${catalog.phonePrefix} ${1000 + Math.floor(r() * 9000)} ${1000 + Math.floor(r() * 9000)}`;
  const tags = r() < 0.5 ? [pick(r, TAGS)] : r() < 0.3 ? [pick(r, TAGS), pick(r, TAGS)] : [];
  const errorRoll = r();
  const hasError = status !== 'cancelled' && status !== 'delivered' && errorRoll < 0.05;
  const docError = hasError && errorRoll < 0.025;
  return {
    id: `ord_g${j}`,
    number: String(number),
    version: 1 + Math.floor(r() * 4),
    seq: number,
    status,
    fulfillment,
    created_at: created,
    updated_at: created,
    auto_cancel_at: null,
    customer: {
      name,
      phone,
      email: `${name
        .split(' ')[0]
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}@example.com`,
    },
    warehouse: pick(r, catalog.warehouses),
    tags: [...new Set(tags)],
    currency: store.currency,
    total,
    paid,
    refunded,
    payment: {
      method,
      gateway: method === 'card' ? (store.currency === 'CLP' ? 'transbank' : 'conekta') : null,
      status: unpaid ? 'unpaid' : refunded > 0 ? 'refunded' : 'paid',
    },
    items: lines,
    documents: [
      {
        id: `doc_g${j}`,
        kind: store.currency === 'CLP' ? 'receipt' : 'sales_note',
        number: docError ? null : `B-${number}`,
        status: docError ? 'error' : 'issued',
        error: docError ? 'El servicio de facturación no respondió' : null,
      },
    ],
    error: hasError
      ? docError
        ? { code: 'document_error', message: 'No se pudo emitir la boleta', retryable: true }
        : { code: 'oversell', message: `Sin stock de ${lines[0].name}`, retryable: false }
      : null,
    cancellation:
      status === 'cancelled'
        ? {
            reason: pick(r, ['Sin stock', 'Cliente lo pidió', 'Sin atención']),
            refund_amount: refunded,
            by: pick(r, ['merchant', 'customer', 'auto'] as const),
            at: created,
            refund: { method: method === 'card' ? 'gateway' : 'manual', status: 'succeeded', fee: 0 },
          }
        : null,
    history: [
      { status: 'pending', at: created, by: 'customer', device: null },
      ...(status === 'pending' ? [] : [{ status, at: created, by: 'merchant' as const, device: 'Caja 1' }]),
    ],
    notes: r() < 0.1 ? 'Tocar el timbre, por favor' : null,
    shipping_address: fulfillment === 'pickup' ? null : addressFor(number, store),
    scheduled_for: null,
    payments: paid > 0 ? [{ id: `pay_g${j}`, amount: paid, method, at: created, reference: null, device: null }] : [],
    staff_notes: [],
    acknowledged_at: null,
    acknowledged_by: null,
  };
}
