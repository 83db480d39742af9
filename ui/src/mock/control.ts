// `window.__mostradorMock`: what Playwright (and a developer in `vite dev`) uses to drive the
// mock backend — go offline, fail the next action, generate 100,000 orders, open a notice.
import type { ActionView } from '../bindings/ActionView';
import type { MockBackend } from './backend';
import { applyCancel } from './actions';
import { generateOrder } from './generate';

export interface MockControls {
  backend: MockBackend;
  setOffline(offline: boolean): void;
  setNeedsReconnect(on: boolean): void;
  /** The next action sent is refused; with no message, as if the customer had cancelled. */
  failNextAction(message?: string): void;
  generate(count: number): number;
  addOrder(): string;
  openNotice(orderId: string): void;
  advanceClock(seconds: number): void;
  setLatency(ms: number): void;
  calls(command?: string): { command: string; args: unknown }[];
  /** Actions that reached the server (an undone one never does). */
  sent(): ActionView[];
  findOrder(customerName: string): { id: string; number: string } | null;
}

declare global {
  interface Window {
    __mostradorMock?: MockControls;
  }
}

export function exposeControls(mock: MockBackend): MockControls {
  const controls: MockControls = {
    backend: mock,
    setOffline(offline) {
      if (offline === mock.offline) return;
      mock.offline = offline;
      mock.offlineSince = offline ? mock.nowIso() : null;
      if (!offline) mock.lastSyncedAt = mock.nowIso();
      mock.emitStatus();
      if (!offline) mock.scheduleFlush();
    },
    setNeedsReconnect(on) {
      mock.needsReconnect = on;
      mock.emitStatus();
      if (!on) mock.scheduleFlush();
    },
    failNextAction(message) {
      mock.failNext = message ?? '';
    },
    generate(count) {
      const t0 = performance.now();
      mock.db.reset(count, mock.now());
      mock.emit('orders://changed', { ids: [], all: true });
      return performance.now() - t0;
    },
    addOrder() {
      const top = Math.max(...mock.db.recs.slice(0, 50).map((r) => Number(r.s.number) || 0)) + 1;
      const o = generateOrder(900_000 + top, top, 0, mock.now(), mock.db.store, mock.db.catalog);
      const order = {
        ...o,
        id: `ord_new_${top}`,
        status: 'pending' as const,
        refunded: 0,
        cancellation: null,
        error: null,
        auto_cancel_at: new Date(mock.now() + (mock.db.store.attention.auto_cancel_after_s ?? 1200) * 1000).toISOString(),
        payment: { ...o.payment, status: o.paid ? ('paid' as const) : ('unpaid' as const) },
      };
      mock.db.put(order, 0);
      mock.emit('orders://changed', { ids: [order.id], all: false });
      return order.id;
    },
    openNotice(orderId) {
      mock.emit('notice://opened', { order_id: orderId });
    },
    advanceClock(seconds) {
      mock.clockOffsetMs += seconds * 1000;
      const ids: string[] = [];
      for (const r of mock.db.recs.slice(0, 200)) {
        if (r.s.status === 'pending' && r.s.auto_cancel_at && Date.parse(r.s.auto_cancel_at) <= mock.now()) {
          const o = mock.db.order(r.s.id);
          if (!o) continue;
          mock.db.put(applyCancel(o, mock.db.store, 'Sin atención', o.paid - o.refunded, mock.nowIso(), 'auto'), 0);
          ids.push(o.id);
        }
      }
      if (ids.length) mock.emit('orders://changed', { ids, all: false });
      mock.emitStatus();
    },
    setLatency(ms) {
      mock.latencyMs = ms;
    },
    sent() {
      return structuredClone(mock.sent);
    },
    calls(command) {
      return mock.calls.filter((c) => !command || c.command === command);
    },
    findOrder(customerName) {
      const r = mock.db.recs.find((x) => x.s.customer_name === customerName);
      return r ? { id: r.s.id, number: r.s.number } : null;
    },
  };
  window.__mostradorMock = controls;
  return controls;
}
