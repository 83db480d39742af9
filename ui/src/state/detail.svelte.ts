// The open order: loaded when the route opens it, reloaded when sync says it changed, and
// what the owner does with it (advance with undo, cancel, take a payment, notes, documents,
// contact links, slips).
import type { LinkOpened } from '../bindings/LinkOpened';
import type { OrderDetail } from '../bindings/OrderDetail';
import type { OrderStatus } from '../bindings/OrderStatus';
import type { PaymentMethod } from '../bindings/PaymentMethod';
import type { SlipKind } from '../bindings/SlipKind';
import type { UserError } from '../bindings/UserError';
import { ipc } from '../ipc';
import { toasts } from './toasts.svelte';
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
    if (!d?.next_statuses.includes(to) || undo.pendingFor(d.order.id)) return;
    undo.schedule(d.order.id, d.order.number, d.order.status, to);
  }

  openCancel(): void {
    if (this.detail?.cancel.allowed) this.cancelOpen = true;
  }

  openPay(): void {
    if (this.detail?.can_pay) this.payOpen = true;
  }

  /**
   * Queues the cancellation; `refund` as the owner typed it ("450,50"), parsed by the core in
   * the order's currency. Rejects with the owner's reason (a UserError) when refused.
   */
  async cancel(orderId: string, reason: string, refund: string): Promise<void> {
    await ipc.cancelOrder(orderId, reason, refund);
  }

  /** Queues a payment; `amount` as typed. Rejects with the owner's reason when refused. */
  async pay(
    orderId: string,
    amount: string,
    method: PaymentMethod,
    reference: string | null,
    received: string | null = null,
  ): Promise<void> {
    await ipc.payOrder(orderId, amount, method, reference, received);
  }

  /** A contact link (tel:, WhatsApp, mailto:): the shell opens it, or copies the number. */
  async openLink(url: string): Promise<LinkOpened | null> {
    try {
      return await ipc.openLink(url);
    } catch (err) {
      toasts.error(err);
      return null;
    }
  }

  /** Prints a slip on the ESC/POS printer of Ajustes; `false` when it failed (toasted). */
  async print(orderId: string, kind: SlipKind): Promise<boolean> {
    try {
      await ipc.printOrder(orderId, kind);
      return true;
    } catch (err) {
      toasts.error(err);
      return false;
    }
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
      toasts.error(err);
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
      toasts.error(err);
    }
  }
}

export const opened = new OpenOrder();
