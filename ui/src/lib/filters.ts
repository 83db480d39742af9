// The list's filter state as plain data, and how it becomes an OrderQuery. Pure, so the
// tabs, KPI tiles, filter sheet and search box all agree and tests can check it.
import type { Fulfillment } from '../bindings/Fulfillment';
import type { OrderQuery } from '../bindings/OrderQuery';
import type { OrderStatus } from '../bindings/OrderStatus';
import { startOfDayInZone } from './time';

export type Tri = boolean | null;

export interface Filters {
  /** The status tab; null = Todos. */
  status: OrderStatus | null;
  fulfillments: Fulfillment[];
  /** true paid only, false unpaid only, null both. */
  paid: Tri;
  /** true error orders only. */
  hasError: Tri;
  /** true "sin completar" only. */
  incomplete: Tri;
  /** true "Programados": scheduled and still to do. */
  scheduled: Tri;
  warehouse: string | null;
  tag: string | null;
  /** "YYYY-MM-DD", inclusive, in the device's timezone. */
  from: string | null;
  to: string | null;
  search: string;
}

export type KpiKey = 'pending' | 'unpaid' | 'incomplete' | 'with_error';

export function emptyFilters(): Filters {
  return {
    status: null,
    fulfillments: [],
    paid: null,
    hasError: null,
    incomplete: null,
    scheduled: null,
    warehouse: null,
    tag: null,
    from: null,
    to: null,
    search: '',
  };
}

/** What a KPI tile opens: the list with only that filter (the search is kept). */
export function kpiFilters(kpi: KpiKey, search = ''): Filters {
  const f = { ...emptyFilters(), search };
  if (kpi === 'pending') f.status = 'pending';
  if (kpi === 'unpaid') f.paid = false;
  if (kpi === 'incomplete') f.incomplete = true;
  if (kpi === 'with_error') f.hasError = true;
  return f;
}

/** Which KPI tile the filters are exactly, to show it pressed. */
export function activeKpi(f: Filters): KpiKey | null {
  for (const k of ['pending', 'unpaid', 'incomplete', 'with_error'] as const) {
    if (sameFilters(f, kpiFilters(k, f.search))) return k;
  }
  return null;
}

/** The filters of the sheet that are set (the tab and the search are shown elsewhere). */
export function sheetFilterCount(f: Filters): number {
  let n = 0;
  if (f.fulfillments.length > 0) n++;
  if (f.paid !== null) n++;
  if (f.hasError) n++;
  if (f.incomplete) n++;
  if (f.scheduled) n++;
  if (f.warehouse) n++;
  if (f.tag) n++;
  if (f.from || f.to) n++;
  return n;
}

export function toggleFulfillment(f: Filters, which: Fulfillment): Filters {
  const has = f.fulfillments.includes(which);
  return {
    ...f,
    fulfillments: has ? f.fulfillments.filter((x) => x !== which) : [...f.fulfillments, which],
  };
}

/** Start of a calendar day in the store's timezone, as an RFC 3339 UTC instant. */
export function localDayStart(date: string, plusDays = 0, timeZone?: string): string {
  return new Date(startOfDayInZone(date, timeZone, plusDays)).toISOString();
}

/**
 * The page request for these filters. `after` and `limit` are the paging of the list; the date
 * range is read as days in `timeZone` (the store's).
 */
export function toQuery(f: Filters, after: string | null = null, limit = 100, timeZone?: string): OrderQuery {
  const search = f.search.trim();
  return {
    statuses: f.status ? [f.status] : [],
    fulfillments: [...f.fulfillments],
    paid: f.paid,
    has_error: f.hasError ? true : null,
    incomplete: f.incomplete ? true : null,
    scheduled: f.scheduled ? true : null,
    warehouse: f.warehouse || null,
    tag: f.tag || null,
    created_from: f.from ? localDayStart(f.from, 0, timeZone) : null,
    // `to` is inclusive for people, `created_to` is exclusive: the next day's start.
    created_to: f.to ? localDayStart(f.to, 1, timeZone) : null,
    search: search === '' ? null : search,
    after,
    limit,
  };
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return JSON.stringify(toQuery(a)) === JSON.stringify(toQuery(b));
}
