// The open order: loaded when the route opens it, reloaded when sync says it changed.
import type { OrderDetail } from '../bindings/OrderDetail';
import type { OrderStatus } from '../bindings/OrderStatus';
import type { UserError } from '../bindings/UserError';
import { ipc } from '../ipc';
import { app } from './app.svelte';
import { undo } from './undo.svelte';

class OpenOrder {
  detail = $state<OrderDetail | null>(null);
  loading = $state(false);
  error = $state<UserError | null>(null);
  cancelOpen = $state(false);
  payOpen = $state(false);
  private token = 0;

  async load(id: string | null): Promise<void> {
    const token = ++this.token;
    if (!id) {
      this.detail = null;
      this.error = null;
      return;
    }
    if (this.detail?.order.id !== id) {
      this.detail = null;
      // Opening an order anywhere (list, search, notification) acknowledges it: it stops ringing.
      void ipc.acknowledgeOrder(id).catch(() => undefined);
    }
    this.loading = true;
    try {
      const d = await ipc.getOrder(id);
      if (token === this.token) {
        this.detail = d;
        this.error = null;
      }
    } catch (err) {
      if (token === this.token) this.error = err as UserError;
    } finally {
      if (token === this.token) this.loading = false;
    }
  }

  /** Advance with undo: nothing is sent until the undo window closes. */
  advance(to: OrderStatus): void {
    const d = this.detail;
    if (!d || !d.next_statuses.includes(to) || undo.pendingFor(d.order.id)) return;
    undo.schedule(d.order.id, d.order.number, d.order.status, to);
  }

  openCancel(): void {
    if (this.detail?.cancel.allowed) this.cancelOpen = true;
  }

  openPay(): void {
    if (this.detail?.can_pay) this.payOpen = true;
  }

  /** Adds a staff note; `false` when it was refused (the error is toasted). */
  async addNote(text: string): Promise<boolean> {
    const d = this.detail;
    if (!d) return false;
    try {
      await ipc.addNote(d.order.id, text);
      await this.load(d.order.id);
      return true;
    } catch (err) {
      app.error(err);
      return false;
    }
  }

  async retryDocument(documentId: string): Promise<void> {
    const d = this.detail;
    if (!d) return;
    try {
      await ipc.retryDocument(d.order.id, documentId);
      await this.load(d.order.id);
    } catch (err) {
      app.error(err);
    }
  }
}

export const opened = new OpenOrder();
