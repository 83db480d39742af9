import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fulfillment } from '../bindings/Fulfillment';
import type { OrderStatus } from '../bindings/OrderStatus';
import { NEXT_STATUSES } from '../bindings/transitions';
import { isAllowed, nextStatuses } from './transitions';

/** tests/fixtures/transitions.json: API.md's table, which the core's Rust tests read too. */
const table = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../tests/fixtures/transitions.json'), 'utf8')) as {
  moves: { from: OrderStatus; to: OrderStatus; fulfillment: Fulfillment; allowed: boolean }[];
  next: { from: OrderStatus; fulfillment: Fulfillment; next: OrderStatus[] }[];
};

const STATUSES: OrderStatus[] = ['pending', 'preparing', 'ready', 'shipped', 'delivered', 'cancelled', 'unknown'];
const FULFILLMENTS: Fulfillment[] = ['pickup', 'delivery', 'parcel', 'unknown'];

describe('the status rules (generated from the core, checked against the shared table)', () => {
  it.each(table.moves.map((m) => [m.from, m.to, m.fulfillment, m.allowed] as const))(
    '%s → %s for %s: allowed %s',
    (from, to, fulfillment, allowed) => {
      expect(isAllowed(from, to, fulfillment), 'as the shared table (and the core) says').toBe(allowed);
    },
  );

  it('allows exactly the moves the table lists as allowed', () => {
    const listed = new Set(table.moves.filter((m) => m.allowed).map((m) => `${m.from}>${m.to}>${m.fulfillment}`));
    for (const f of FULFILLMENTS) {
      for (const from of STATUSES) {
        for (const to of STATUSES) {
          expect(isAllowed(from, to, f), `${from} → ${to} for ${f}: allowed only when listed`).toBe(listed.has(`${from}>${to}>${f}`));
        }
      }
    }
  });

  it.each(table.next.map((n) => [n.from, n.fulfillment, n.next] as const))('buttons of a %s %s order: %j', (from, fulfillment, next) => {
    expect(nextStatuses(from, fulfillment), 'the usual next step first, as the core orders them').toEqual(next);
  });

  it('covers every fulfilment and status in the generated table', () => {
    expect(Object.keys(NEXT_STATUSES).sort(), 'one row per fulfilment').toEqual([...FULFILLMENTS].sort());
    for (const f of FULFILLMENTS) {
      expect(Object.keys(NEXT_STATUSES[f]).sort(), `${f}: one entry per status`).toEqual([...STATUSES].sort());
    }
  });
});
