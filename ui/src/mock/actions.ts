// Optimistic changes of owner actions, and what the "server" answers, for the mock outbox.
import type { Order } from '../bindings/Order';
import type { OrderStatus } from '../bindings/OrderStatus';
import type { PaymentMethod } from '../bindings/PaymentMethod';
import type { Store } from '../bindings/Store';
import { refundFee } from '../lib/money';

export function applyAdvance(o: Order, to: OrderStatus, nowIso: string): Order {
  return {
    ...o,
    status: to,
    auto_cancel_at: null,
    updated_at: nowIso,
    history: [...o.history, { status: to, at: nowIso, by: 'merchant', device: null }],
  };
}

export function applyCancel(
  o: Order,
  store: Store,
  reason: string,
  amount: number,
  nowIso: string,
  by: 'merchant' | 'customer' | 'auto' = 'merchant',
): Order {
  const gateway = o.payment.method === 'card';
  const refunded = o.refunded + amount;
  const hasTaxDoc = o.documents.some((d) => (d.kind === 'receipt' || d.kind === 'invoice') && d.status === 'issued');
  const documents =
    amount > 0 && hasTaxDoc
      ? [...o.documents, { id: `doc_cn_${o.id}`, kind: 'credit_note' as const, number: null, status: 'pending' as const, error: null }]
      : o.documents;
  return {
    ...o,
    status: 'cancelled',
    auto_cancel_at: null,
    updated_at: nowIso,
    refunded,
    payment: {
      ...o.payment,
      status: amount === 0 ? o.payment.status : refunded >= o.paid ? 'refunded' : 'partially_refunded',
    },
    documents,
    cancellation: {
      reason,
      refund_amount: amount,
      by,
      at: nowIso,
      refund: { method: gateway ? 'gateway' : 'manual', status: 'pending', fee: gateway ? refundFee(amount, o.paid, store.refund_fee) : 0 },
    },
    history: [...o.history, { status: 'cancelled', at: nowIso, by, device: null }],
  };
}

export function applyPay(o: Order, amount: number, method: PaymentMethod, reference: string | null, nowIso: string): Order {
  const paid = o.paid + amount;
  return {
    ...o,
    paid,
    updated_at: nowIso,
    payment: { ...o.payment, status: paid >= o.total && o.payment.status === 'unpaid' ? 'paid' : o.payment.status },
    payments: [...o.payments, { id: `local-${o.payments.length + 1}`, amount, method, at: nowIso, reference, device: null }],
  };
}

export function applyNote(o: Order, text: string, nowIso: string): Order {
  return {
    ...o,
    updated_at: nowIso,
    staff_notes: [...o.staff_notes, { id: `local-${o.staff_notes.length + 1}`, text, at: nowIso, device: null }],
  };
}

/** What the server records once a local payment or note lands: its id and this device. */
export function stamp(o: Order, device: string | null): Order {
  return {
    ...o,
    payments: o.payments.map((p, i) => (p.id.startsWith('local-') ? { ...p, id: `pay_${o.number}_${i + 1}`, device } : p)),
    staff_notes: o.staff_notes.map((n, i) => (n.id.startsWith('local-') ? { ...n, id: `note_${o.number}_${i + 1}`, device } : n)),
    history: o.history.map((h, i) => (i > 0 && h.by === 'merchant' && h.device === null ? { ...h, device } : h)),
  };
}

export function applyRetryPending(o: Order, documentId: string): Order {
  return { ...o, documents: o.documents.map((d) => (d.id === documentId ? { ...d, status: 'pending' as const } : d)) };
}

/** What the server does once an action lands: issued documents, settled refunds. */
export function settle(o: Order): Order {
  const documents = o.documents.map((d) =>
    d.status === 'pending'
      ? { ...d, status: 'issued' as const, number: d.number ?? `${d.kind === 'credit_note' ? 'NC' : 'F'}-${o.number}`, error: null }
      : d,
  );
  const docError = documents.some((d) => d.status === 'error');
  const error = o.error?.code === 'document_error' && !docError ? null : o.error;
  const cancellation = o.cancellation?.refund
    ? { ...o.cancellation, refund: { ...o.cancellation.refund, status: 'succeeded' as const } }
    : o.cancellation;
  return { ...o, documents, error, cancellation, version: o.version + 1 };
}
