// "Deshacer": an advance is queued in the core at once, held there for the undo window (the
// order shows its new status right away), and only sent when the window ends. The window lives
// in the outbox, not here, so it survives a quit: on the next start the held advances come back
// from the queue with their time left. Undo takes the held action back before anything is sent.
import type { ActionView } from '../bindings/ActionView';
import type { OrderStatus } from '../bindings/OrderStatus';
import { ipc } from '../ipc';
import { toasts } from './toasts.svelte';

export interface PendingAdvance {
  key: number;
  /** The held action in the outbox; empty while the core is still queueing it. */
  actionId: string;
  orderId: string;
  number: string;
  /** The status it had; unknown for an advance restored after a restart. */
  from: OrderStatus | null;
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
  /** Undo pressed before the core answered with the action's id. */
  private undoWhenQueued = new Set<number>();
  private seq = 0;
  readonly windowMs = undoWindowMs();

  pendingFor(orderId: string): PendingAdvance | undefined {
    return this.items.find((p) => p.orderId === orderId);
  }

  /** Queues the advance, held for the undo window; the list and the order show it at once. */
  async schedule(orderId: string, number: string, from: OrderStatus, to: OrderStatus): Promise<void> {
    if (this.pendingFor(orderId)) return;
    const key = this.add({ actionId: '', orderId, number, from, to, sendAt: Date.now() + this.windowMs });
    try {
      const action = await ipc.advanceOrder(orderId, to, this.windowMs);
      const sendAt = action.undo_until ? Date.parse(action.undo_until) : Date.now();
      this.items = this.items.map((p) => (p.key === key ? { ...p, actionId: action.id, sendAt } : p));
      this.arm(key, sendAt);
      if (this.undoWhenQueued.delete(key)) await this.takeBack(action.id);
    } catch (err) {
      this.forget(key);
      toasts.error(err);
    }
  }

  /** Takes the advance back; nothing reaches the platform. */
  undo(key: number): PendingAdvance | undefined {
    const item = this.items.find((p) => p.key === key);
    this.forget(key);
    if (!item) return undefined;
    if (item.actionId) void this.takeBack(item.actionId);
    else this.undoWhenQueued.add(key);
    return item;
  }

  /** Held advances found in the queue (after a restart): offered again with their time left. */
  restore(actions: ActionView[]): void {
    const now = Date.now();
    for (const a of actions) {
      if (a.kind.kind !== 'advance' || !a.undo_until) continue;
      const sendAt = Date.parse(a.undo_until);
      if (sendAt <= now || this.items.some((p) => p.actionId === a.id || p.orderId === a.order_id)) continue;
      const key = this.add({ actionId: a.id, orderId: a.order_id, number: a.order_number, from: null, to: a.kind.to, sendAt });
      this.arm(key, sendAt);
    }
  }

  private add(item: Omit<PendingAdvance, 'key'>): number {
    const key = ++this.seq;
    this.items = [...this.items, { key, ...item }];
    return key;
  }

  /** The window ends: the core sends it; the banner goes. */
  private arm(key: number, sendAt: number): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => this.forget(key), Math.max(0, sendAt - Date.now())),
    );
  }

  private forget(key: number): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.items = this.items.filter((p) => p.key !== key);
  }

  private async takeBack(actionId: string): Promise<void> {
    try {
      await ipc.undoAction(actionId);
    } catch (err) {
      toasts.error(err);
    }
  }
}

export const undo = new UndoQueue();
