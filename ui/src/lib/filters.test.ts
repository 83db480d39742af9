import { describe, expect, it } from 'vitest';
import { activeKpi, emptyFilters, kpiFilters, localDayStart, sameFilters, sheetFilterCount, toQuery, toggleFulfillment } from './filters';

describe('filter state', () => {
  it('turns no filters into an empty query for newest-first paging', () => {
    const q = toQuery(emptyFilters());
    expect(q.statuses, 'no status means all').toEqual([]);
    expect(q.search, 'an empty search is not sent').toBeNull();
    expect(q.after, 'the first page has no cursor').toBeNull();
    expect(q.limit, 'a page is 100 rows').toBe(100);
  });

  it('passes the keyset cursor and the trimmed search', () => {
    const q = toQuery({ ...emptyFilters(), search: '  concha  ' }, 'ord_9', 50);
    expect(q.search, 'search text is trimmed').toBe('concha');
    expect(q.after, 'the next page continues after the cursor').toBe('ord_9');
    expect(q.limit, 'limit as asked').toBe(50);
  });

  it('maps each KPI tile to exactly its filter', () => {
    expect(toQuery(kpiFilters('pending')).statuses, 'Pendientes = status pending').toEqual(['pending']);
    expect(toQuery(kpiFilters('unpaid')).paid, 'Sin pagar = paid false').toBe(false);
    expect(toQuery(kpiFilters('incomplete')).incomplete, 'Sin completar = incomplete').toBe(true);
    expect(toQuery(kpiFilters('with_error')).has_error, 'Con error = has_error').toBe(true);
    expect(activeKpi(kpiFilters('unpaid', 'ana')), 'the tile stays pressed while searching').toBe('unpaid');
    expect(activeKpi({ ...kpiFilters('unpaid'), warehouse: 'Bodega Centro' }), 'another filter means no tile is exact').toBeNull();
  });

  it('toggles fulfilments on and off', () => {
    const once = toggleFulfillment(emptyFilters(), 'delivery');
    expect(once.fulfillments, 'first tap adds').toEqual(['delivery']);
    expect(toggleFulfillment(once, 'delivery').fulfillments, 'second tap removes').toEqual([]);
  });

  it('counts the sheet filters that are set, not the tab or the search', () => {
    const f = { ...emptyFilters(), status: 'pending' as const, search: 'x', paid: true, tag: 'web', from: '2026-11-01' };
    expect(sheetFilterCount(f), 'paid, tag and dates are three').toBe(3);
  });

  it('makes the date range inclusive of the last day', () => {
    const q = toQuery({ ...emptyFilters(), from: '2026-11-01', to: '2026-11-20' }, null, 100, 'America/Mexico_City');
    expect(q.created_from, "from is the start of that day in the store's zone").toBe(localDayStart('2026-11-01', 0, 'America/Mexico_City'));
    expect(q.created_from, 'which is 06:00 UTC in Mexico City').toBe('2026-11-01T06:00:00.000Z');
    expect(q.created_to, 'to is exclusive: the start of the next day').toBe('2026-11-21T06:00:00.000Z');
    expect(
      Date.parse(q.created_to!) - Date.parse(q.created_from!),
      'twenty whole days (no DST change in this range everywhere we test)',
    ).toBeGreaterThanOrEqual(20 * 86_400_000 - 3_600_000);
  });

  it('compares filter states by the query they make', () => {
    expect(sameFilters(emptyFilters(), { ...emptyFilters(), search: '   ' }), 'blank search is no search').toBe(true);
    expect(sameFilters(emptyFilters(), kpiFilters('pending')), 'a status differs').toBe(false);
  });
});
