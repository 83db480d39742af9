//! The optimistic state: what the owner sees while actions wait, computed from the server's
//! order and the pending actions in queue order. Pure.

use chrono::{DateTime, Utc};

use crate::model::{
    Actor, Cancellation, DocumentStatus, HistoryEntry, Order, OrderStatus, PaymentMethod,
    PaymentStatus, Refund, RefundMethod, RefundStatus,
};
use crate::outbox::kind::ActionKind;

/// `order` with one action applied as the backend is expected to apply it.
pub fn apply(order: &Order, kind: &ActionKind, at: DateTime<Utc>) -> Order {
    let mut next = order.clone();
    match kind {
        ActionKind::Advance { to } => {
            next.status = *to;
            next.auto_cancel_at = None;
            next.history.push(HistoryEntry {
                status: *to,
                at,
                by: Actor::Merchant,
                device: None,
            });
        }
        ActionKind::Cancel {
            reason,
            refund_amount,
        } => cancel(&mut next, reason, *refund_amount, at),
        ActionKind::RetryDocument { document_id } => {
            // The result is not known until the backend answers: show it as in progress.
            if let Some(doc) = next.documents.iter_mut().find(|d| &d.id == document_id) {
                doc.status = DocumentStatus::Pending;
            }
        }
        ActionKind::Pay {
            amount,
            method,
            reference,
            ..
        } => super::counter::apply_pay(&mut next, *amount, *method, reference.as_deref(), at),
        ActionKind::Note { text } => super::counter::apply_note(&mut next, text, at),
        ActionKind::Acknowledge => {
            next.acknowledged_at = next.acknowledged_at.or(Some(at));
        }
    }
    next
}

fn cancel(order: &mut Order, reason: &str, amount: i64, at: DateTime<Utc>) {
    order.status = OrderStatus::Cancelled;
    order.auto_cancel_at = None;
    order.refunded += amount;
    if order.paid > 0 && amount > 0 {
        order.payment.status = if order.refunded >= order.paid {
            PaymentStatus::Refunded
        } else {
            PaymentStatus::PartiallyRefunded
        };
    }
    let via_gateway = order.payment.method == PaymentMethod::Card;
    order.cancellation = Some(Cancellation {
        reason: reason.to_string(),
        refund_amount: amount,
        by: Actor::Merchant,
        at,
        refund: Some(Refund {
            method: if via_gateway {
                RefundMethod::Gateway
            } else {
                RefundMethod::Manual
            },
            status: RefundStatus::Pending,
            fee: 0,
        }),
    });
    order.history.push(HistoryEntry {
        status: OrderStatus::Cancelled,
        at,
        by: Actor::Merchant,
        device: None,
    });
}

/// The server's order with every pending action applied in queue order; `None` when nothing
/// is pending (the server's state is shown as is).
pub fn effective<'a>(
    server: &Order,
    pending: impl IntoIterator<Item = (&'a ActionKind, DateTime<Utc>)>,
) -> Option<Order> {
    let mut out: Option<Order> = None;
    for (kind, at) in pending {
        let base = out.as_ref().unwrap_or(server);
        out = Some(apply(base, kind, at));
    }
    out
}
