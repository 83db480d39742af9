// The mock's order cache: list rows kept newest first, full orders built on demand, keyset
// paging by cursor, filters and accent-insensitive search like the core's, counts and KPIs.
import type { Counts } from '../bindings/Counts';
import type { DayPoint } from '../bindings/DayPoint';
import type { Facets } from '../bindings/Facets';
import type { KpiTotals } from '../bindings/KpiTotals';
import type { Kpis } from '../bindings/Kpis';
import type { Order } from '../bindings/Order';
import type { OrderPage } from '../bindings/OrderPage';
import type { OrderQuery } from '../bindings/OrderQuery';
import type { OrderSummary } from '../bindings/OrderSummary';
import type { Period } from '../bindings/Period';
import type { Store } from '../bindings/Store';
import type { Catalog } from './catalog';
import { FIXTURE_COUNT, fixtureOrders } from './fixtures';
import { generateOrder } from './generate';

interface Rec {
  s: OrderSummary;
  /** The full order once built (always for fixtures and for anything changed). */
  full: Order | null;
  /** For generated orders: how to rebuild the full order. */
  gen: { j: number; number: number; ageS: number; now: number } | null;
  /** Lower-cased, accent-free text searched by `search`. */
  text: string;
}

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function summarize(o: Order, pendingActions = 0): OrderSummary {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    fulfillment: o.fulfillment,
    created_at: o.created_at,
    auto_cancel_at: o.auto_cancel_at,
    customer_name: o.customer.name,
    currency: o.currency,
    total: o.total,
    paid: o.paid,
    refunded: o.refunded,
    payment_method: o.payment.method,
    payment_status: o.payment.status,
    warehouse: o.warehouse,
    tags: o.tags,
    error: o.error,
    pending_actions: pendingActions,
    scheduled_for: o.scheduled_for,
    documents: o.documents.map((d) => ({ kind: d.kind, status: d.status, number: d.number })),
  };
}

function addressText(o: Order): string {
  const a = o.shipping_address;
  return a ? [a.line1, a.line2 ?? '', a.reference ?? '', a.city, a.postal_code].join(' ') : '';
}

function searchText(o: Order): string {
  const c = o.customer;
  return fold(
    [
      o.number,
      c.name,
      c.phone ?? '',
      (c.phone ?? '').replace(/\D/g, ''),
      c.email ?? '',
      ...o.tags,
      ...o.items.map((i) => `${i.sku} ${i.name}`),
      addressText(o),
      ...o.staff_notes.map((n) => n.text),
    ].join(' '),
  );
}

export class MockDb {
  recs: Rec[] = [];
  private index = new Map<string, number>();

  constructor(
    public store: Store,
    public catalog: Catalog,
  ) {}

  /** Fixtures on top, `generated` older orders below; numbers run up to the newest. */
  reset(generated: number, now: number): void {
    const span = generated > 0 ? Math.max(40 * 86400, Math.min(365 * 86400, generated * 300)) : 0;
    const step = generated > 0 ? span / generated : 0;
    const top = generated + FIXTURE_COUNT;
    const fixtures = fixtureOrders(now, this.store, this.catalog, top);
    const recs: Rec[] = fixtures.map((o) => ({ s: summarize(o), full: o, gen: null, text: searchText(o) }));
    for (let j = 0; j < generated; j++) {
      const ageS = Math.round(3 * 3600 + j * step);
      const number = generated - j;
      const o = generateOrder(j, number, ageS, now, this.store, this.catalog);
      recs.push({ s: summarize(o), full: null, gen: { j, number, ageS, now }, text: searchText(o) });
    }
    recs.sort((a, b) => (a.s.created_at < b.s.created_at ? 1 : a.s.created_at > b.s.created_at ? -1 : 0));
    this.recs = recs;
    this.reindex();
  }

  private reindex(): void {
    this.index.clear();
    for (const [i, r] of this.recs.entries()) this.index.set(r.s.id, i);
  }

  rec(id: string): Rec | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.recs[i];
  }

  /** The full order, built from its seed the first time. */
  order(id: string): Order | undefined {
    const r = this.rec(id);
    if (!r) return undefined;
    if (!r.full && r.gen) {
      r.full = generateOrder(r.gen.j, r.gen.number, r.gen.ageS, r.gen.now, this.store, this.catalog);
    }
    return r.full ?? undefined;
  }

  /** Stores a changed order and refreshes its row. */
  put(o: Order, pendingActions: number): void {
    const r = this.rec(o.id);
    if (r) {
      r.full = o;
      r.s = summarize(o, pendingActions);
      r.text = searchText(o);
      return;
    }
    this.recs.unshift({ s: summarize(o, pendingActions), full: o, gen: null, text: searchText(o) });
    this.reindex();
  }

  setPendingActions(id: string, n: number): void {
    const r = this.rec(id);
    if (r) r.s = { ...r.s, pending_actions: n };
  }

  private matches(s: OrderSummary, text: string, q: OrderQuery, terms: string[]): boolean {
    if (q.statuses.length && !q.statuses.includes(s.status)) return false;
    if (q.fulfillments.length && !q.fulfillments.includes(s.fulfillment)) return false;
    if (q.scheduled === true && (!s.scheduled_for || s.status === 'delivered' || s.status === 'cancelled')) return false;
    if (q.scheduled === false && s.scheduled_for) return false;
    if (q.paid === true && s.payment_status === 'unpaid') return false;
    if (q.paid === false && (s.payment_status !== 'unpaid' || s.status === 'cancelled')) return false;
    if (q.has_error === true && !s.error) return false;
    if (q.has_error === false && s.error) return false;
    if (q.incomplete === true && (s.status === 'delivered' || s.status === 'cancelled')) return false;
    if (q.warehouse && s.warehouse !== q.warehouse) return false;
    if (q.tag && !s.tags.includes(q.tag)) return false;
    if (q.created_from && s.created_at < q.created_from) return false;
    if (q.created_to && s.created_at >= q.created_to) return false;
    for (const t of terms) if (!text.includes(t)) return false;
    return true;
  }

  /** Newest first; `after` is the id of the last row of the previous page (keyset). */
  list(q: OrderQuery): OrderPage {
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
    const start = q.after ? (this.index.get(q.after) ?? -1) + 1 : 0;
    const terms = q.search ? fold(q.search).split(/\s+/).filter(Boolean) : [];
    const orders: OrderSummary[] = [];
    let i = start;
    for (; i < this.recs.length && orders.length < limit; i++) {
      const r = this.recs[i];
      if (this.matches(r.s, r.text, q, terms)) orders.push(r.s);
    }
    const more = orders.length === limit && i < this.recs.length;
    return { orders, next: more ? orders[orders.length - 1].id : null };
  }

  counts(): Counts {
    const c: Counts = {
      all: 0,
      pending: 0,
      preparing: 0,
      ready: 0,
      shipped: 0,
      delivered: 0,
      cancelled: 0,
      unpaid: 0,
      incomplete: 0,
      with_error: 0,
    };
    for (const { s } of this.recs) {
      c.all++;
      if (s.status !== 'unknown') c[s.status]++;
      if (s.payment_status === 'unpaid' && s.status !== 'cancelled') c.unpaid++;
      if (s.status !== 'delivered' && s.status !== 'cancelled') c.incomplete++;
      if (s.error) c.with_error++;
    }
    return c;
  }

  /** As the core: the warehouses and tags of every order (not only a loaded page), sorted. */
  facets(): Facets {
    const warehouses = new Set<string>();
    const tags = new Set<string>();
    for (const { s } of this.recs) {
      if (s.warehouse?.trim()) warehouses.add(s.warehouse);
      for (const tag of s.tags) if (tag.trim()) tags.add(tag);
    }
    return { warehouses: [...warehouses].sort(), tags: [...tags].sort() };
  }

  kpis(period: Period, now: number): Kpis {
    const offsetMs = zoneOffsetMs(this.store.timezone, now);
    const dayOf = (t: number) => new Date(t + offsetMs).toISOString().slice(0, 10);
    const today = dayOf(now);
    const [from, to] = periodRange(period, today);
    const days = daysBetween(from, to);
    const prevTo = addDays(from, -1);
    const prevFrom = addDays(prevTo, -(days - 1));
    const perDay = new Map<string, DayPoint>();
    for (let d = from; d <= to; d = addDays(d, 1)) perDay.set(d, { date: d, sales: 0, orders: 0 });
    const cur = { sales: 0, orders: 0 };
    const prev = { sales: 0, orders: 0 };
    for (const { s } of this.recs) {
      const d = dayOf(Date.parse(s.created_at));
      const net = s.paid - s.refunded;
      const counted = s.status === 'cancelled' ? 0 : 1;
      if (d >= from && d <= to) {
        cur.sales += net;
        cur.orders += counted;
        const p = perDay.get(d);
        if (p) {
          p.sales += net;
          p.orders += counted;
        }
      } else if (d >= prevFrom && d <= prevTo) {
        prev.sales += net;
        prev.orders += counted;
      }
    }
    const totals = (f: string, t: string, x: { sales: number; orders: number }): KpiTotals => ({
      from: f,
      to: t,
      sales: x.sales,
      orders: x.orders,
      average_ticket: x.orders ? Math.trunc(x.sales / x.orders) : 0,
    });
    return {
      currency: this.store.currency,
      current: totals(from, to, cur),
      previous: totals(prevFrom, prevTo, prev),
      per_day: [...perDay.values()],
    };
  }
}

/** The zone's UTC offset at `now` (good enough for a mock; the core does this properly). */
function zoneOffsetMs(zone: string, now: number): number {
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const get = (t: string) => Number(local.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - now) / 60_000) * 60_000;
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** First and last day of a period, both inclusive. */
export function periodRange(p: Period, today: string): [string, string] {
  switch (p.kind) {
    case 'today':
      return [today, today];
    case 'last7_days':
      return [addDays(today, -6), today];
    case 'last30_days':
      return [addDays(today, -29), today];
    case 'this_month':
      return [`${today.slice(0, 8)}01`, today];
    case 'custom':
      return p.from <= p.to ? [p.from, p.to] : [p.to, p.from];
  }
}
