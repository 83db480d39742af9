// Hand-written orders at the top of the mock list, relative to `now`: one of each case the
// UI must get right (pending with a countdown, unpaid cash, oversell, a document error, a
// partial-refund candidate, an order past the cancel window, each fulfilment and method).
import type { Order } from '../bindings/Order';
import type { Store } from '../bindings/Store';
import type { Catalog } from './catalog';

type Draft = Partial<Order> & { name: string; minutesAgo: number; lines: [number, number][] };

const MIN = 60_000;

function build(d: Draft, number: number, now: number, store: Store, catalog: Catalog): Order {
  const created = new Date(now - d.minutesAgo * MIN).toISOString();
  const items = d.lines.map(([p, quantity]) => {
    const product = catalog.products[p % catalog.products.length];
    return { sku: product.sku, name: product.name, quantity, unit_price: product.price, total: product.price * quantity };
  });
  const total = items.reduce((s, l) => s + l.total, 0);
  const status = d.status ?? 'pending';
  const method = d.payment?.method ?? 'card';
  const paid = d.paid ?? (d.payment?.status === 'unpaid' ? 0 : total);
  const autoCancelAfter = store.attention.auto_cancel_after_s ?? 1200;
  const slug = d.name
    .split(' ')[0]
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
  const local =
    catalog.phonePrefix === '+56 9'
      ? `${catalog.phonePrefix} ${5100 + number} ${2300 + number}`
      : `${catalog.phonePrefix} ${1200 + number} ${5600 + number}`;
  return {
    id: `ord_${slug}_${number}`,
    number: String(number),
    version: 1,
    seq: number,
    status,
    fulfillment: d.fulfillment ?? 'pickup',
    created_at: created,
    updated_at: created,
    auto_cancel_at: status === 'pending' ? new Date(Date.parse(created) + autoCancelAfter * 1000).toISOString() : null,
    customer: { name: d.name, phone: local, email: `${slug}@example.com` },
    warehouse: d.warehouse ?? catalog.warehouses[0],
    tags: d.tags ?? [],
    currency: store.currency,
    total,
    paid,
    refunded: d.refunded ?? 0,
    payment: {
      method,
      gateway: method === 'card' ? (store.currency === 'CLP' ? 'transbank' : 'conekta') : null,
      status: d.payment?.status ?? 'paid',
    },
    items,
    documents: d.documents ?? [
      {
        id: `doc_${number}`,
        kind: store.currency === 'CLP' ? 'receipt' : 'sales_note',
        number: `B-${5000 + number}`,
        status: 'issued',
        error: null,
      },
    ],
    error: d.error ?? null,
    cancellation: d.cancellation ?? null,
    history: d.history ?? historyFor(status, created),
    notes: d.notes ?? null,
    shipping_address: d.shipping_address ?? (d.fulfillment && d.fulfillment !== 'pickup' ? addressFor(number, store) : null),
    scheduled_for: d.scheduled_for ?? null,
    payments: d.payments ?? (paid > 0 ? [{ id: `pay_${number}_1`, amount: paid, method, at: created, reference: null, device: null }] : []),
    staff_notes: d.staff_notes ?? [],
    acknowledged_at: d.acknowledged_at ?? null,
    acknowledged_by: d.acknowledged_by ?? null,
  };
}

/** A delivery address in the store's city (Ciudad de México or Santiago). */
export function addressFor(number: number, store: Store): Order['shipping_address'] {
  if (store.currency === 'CLP') {
    const streets = ['Av. Providencia', 'Av. Irarrázaval', 'Calle Condell', 'Av. Pedro de Valdivia'];
    const comunas = ['Providencia', 'Ñuñoa', 'Providencia', 'Ñuñoa'];
    const i = number % streets.length;
    return {
      line1: `${streets[i]} ${100 + (number % 1900)}`,
      line2: 'Depto. 504',
      city: comunas[i],
      region: 'Región Metropolitana',
      postal_code: '7500000',
      country: 'CL',
      reference: 'Edificio con conserjería',
      lat: -33.43 + (number % 7) * 0.002,
      lng: -70.61 - (number % 5) * 0.002,
    };
  }
  const streets = ['Av. Álvaro Obregón', 'Calle Querétaro', 'Av. Ámsterdam', 'Calle Durango'];
  const colonias = ['Roma Norte', 'Roma Sur', 'Hipódromo Condesa', 'Roma Norte'];
  const i = number % streets.length;
  return {
    line1: `${streets[i]} ${20 + (number % 300)}`,
    line2: `Col. ${colonias[i]}`,
    city: 'Cuauhtémoc, Ciudad de México',
    region: 'CDMX',
    postal_code: '06700',
    country: 'MX',
    reference: 'Portón verde junto a la farmacia',
    lat: 19.418 + (number % 7) * 0.001,
    lng: -99.162 - (number % 5) * 0.001,
  };
}

function historyFor(status: Order['status'], created: string): Order['history'] {
  const path: Order['status'][] = ['pending', 'preparing', 'ready', 'shipped', 'delivered'];
  const h: Order['history'] = [{ status: 'pending', at: created, by: 'customer', device: null }];
  if (status === 'cancelled' || status === 'pending') return h;
  for (const s of path.slice(1)) {
    h.push({
      status: s,
      at: new Date(Date.parse(created) + h.length * 6 * MIN).toISOString(),
      by: 'merchant',
      device: h.length % 2 ? 'Caja 1' : 'iPhone de Ana',
    });
    if (s === status) break;
  }
  return h;
}

/** The fixture drafts, newest first. Product indexes refer to the store's catalog. */
function drafts(): Draft[] {
  return [
    {
      name: 'Ana Pérez',
      minutesAgo: 3,
      lines: [
        [0, 10],
        [11, 2],
      ],
      tags: ['web', 'promo-buen-fin'],
      notes: 'Sin azúcar, por favor. Paso a las 2.',
    },
    { name: 'Roberto Salinas', minutesAgo: 6, fulfillment: 'parcel', lines: [[10, 3]], tags: ['web'], warehouse: undefined },
    {
      name: 'Carlos Hernández',
      minutesAgo: 14,
      fulfillment: 'delivery',
      lines: [
        [6, 1],
        [2, 12],
      ],
      payment: { method: 'cash', gateway: null, status: 'unpaid' },
      tags: ['whatsapp'],
      scheduled_for: new Date(Math.ceil((Date.now() + 3 * 3600_000) / 900_000) * 900_000).toISOString(),
      staff_notes: [
        {
          id: 'note_fx_1',
          text: 'Llamó: paga con un billete de $500',
          at: new Date(Date.now() - 10 * MIN).toISOString(),
          device: 'iPhone de Ana',
        },
      ],
    },
    {
      name: 'María José Rodríguez',
      minutesAgo: 25,
      status: 'preparing',
      lines: [
        [7, 1],
        [12, 4],
      ],
      tags: ['cliente-frecuente'],
    },
    {
      name: 'Lucía Fernández',
      minutesAgo: 38,
      status: 'preparing',
      fulfillment: 'delivery',
      lines: [[7, 3]],
      error: { code: 'oversell', message: 'Sin stock de Rosca de Reyes: pidió 3, quedan 1', retryable: false },
      tags: ['web'],
    },
    {
      name: 'Jorge Ramírez',
      minutesAgo: 52,
      status: 'ready',
      lines: [
        [1, 6],
        [4, 4],
      ],
      payment: { method: 'transfer', gateway: null, status: 'paid' },
    },
    {
      name: 'Sofía Gutiérrez',
      minutesAgo: 75,
      status: 'shipped',
      fulfillment: 'parcel',
      lines: [[10, 5]],
      documents: [{ id: 'doc_inv_1', kind: 'invoice', number: 'F-2231', status: 'issued', error: null }],
      tags: ['mayoreo'],
    },
    {
      name: 'Miguel Ángel Torres',
      minutesAgo: 95,
      status: 'ready',
      fulfillment: 'delivery',
      lines: [
        [8, 2],
        [5, 6],
      ],
      documents: [
        { id: 'doc_sn_2', kind: 'sales_note', number: 'NV-881', status: 'issued', error: null },
        { id: 'doc_inv_2', kind: 'invoice', number: null, status: 'error', error: 'El RFC del cliente no es válido (XAXX010101000)' },
      ],
      error: { code: 'document_error', message: 'No se pudo emitir la factura', retryable: true },
      tags: ['evento'],
    },
    {
      name: 'Valeria Castillo',
      minutesAgo: 130,
      status: 'cancelled',
      lines: [[0, 4]],
      refunded: undefined,
      payment: { method: 'card', gateway: 'conekta', status: 'refunded' },
      cancellation: {
        reason: 'Ya no lo necesito',
        refund_amount: 0,
        by: 'customer',
        at: new Date().toISOString(),
        refund: { method: 'gateway', status: 'succeeded', fee: 0 },
      },
    },
    { name: 'Fernanda Ruiz', minutesAgo: 170, status: 'delivered', fulfillment: 'delivery', lines: [[6, 1]], tags: ['web'] },
    {
      name: 'Patricia Luna',
      minutesAgo: 240,
      status: 'delivered',
      lines: [
        [3, 20],
        [2, 20],
      ],
      payment: { method: 'cash', gateway: null, status: 'paid' },
      tags: ['mostrador'],
    },
    { name: 'Ricardo Mendoza', minutesAgo: 60 * 24 * 20, status: 'delivered', fulfillment: 'parcel', lines: [[9, 12]], tags: ['mayoreo'] },
  ];
}

export const FIXTURE_COUNT = drafts().length;

/** The fixture orders, newest first, numbered down from `topNumber`. */
export function fixtureOrders(now: number, store: Store, catalog: Catalog, topNumber: number): Order[] {
  return drafts().map((d, i) => {
    const o = build(d, topNumber - i, now, store, catalog);
    if (o.status === 'cancelled' && o.cancellation) {
      o.refunded = o.paid;
      o.cancellation = { ...o.cancellation, refund_amount: o.paid, at: o.created_at };
    }
    return o;
  });
}
