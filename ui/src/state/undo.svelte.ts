// Advances wait a few seconds before they are sent, so a wrong tap can be undone without the
// backend ever seeing it. Each pending advance has its own timer; leaving does not cancel it.
import type { OrderStatus } from '../bindings/OrderStatus';
import { ipc } from '../ipc';
import { app } from './app.svelte';

export interface PendingAdvance {
  key: number;
  orderId: string;
  number: string;
  from: OrderStatus;
  to: OrderStatus;
  sendAt: number;
}

function undoWindowMs(): number {
  if (typeof window === 'undefined') return 5000;
  const v = Number(new URLSearchParams(window.location.search).get('undo'));
  return Number.isFinite(v) && v > 0 ? v : 5000;
}

class UndoQueue {
  items = $state<PendingAdvance[]>([]);
  private timers = new Map<number, ReturnType<typeof setTimeout>>();
  private seq = 0;
  readonly windowMs = undoWindowMs();

  pendingFor(orderId: string): PendingAdvance | undefined {
    return this.items.find((p) => p.orderId === orderId);
  }

  schedule(orderId: string, number: string, from: OrderStatus, to: OrderStatus): void {
    if (this.pendingFor(orderId)) return;
    const key = ++this.seq;
    this.items = [...this.items, { key, orderId, number, from, to, sendAt: Date.now() + this.windowMs }];
    this.timers.set(key, setTimeout(() => void this.send(key), this.windowMs));
  }

  undo(key: number): PendingAdvance | undefined {
    const item = this.items.find((p) => p.key === key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.items = this.items.filter((p) => p.key !== key);
    return item;
  }

  private async send(key: number): Promise<void> {
    const item = this.items.find((p) => p.key === key);
    this.timers.delete(key);
    if (!item) return;
    try {
      await ipc.advanceOrder(item.orderId, item.to);
    } catch (err) {
      app.error(err);
    } finally {
      this.items = this.items.filter((p) => p.key !== key);
    }
  }
}

export const undo = new UndoQueue();
