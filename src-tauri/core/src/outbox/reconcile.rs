//! Before a refusal is called a failure: an action whose earlier attempt had an unknown
//! outcome (the answer was lost) may have been applied then. When its retry meets
//! `version_conflict` or `invalid_transition` — e.g. because the backend forgot the
//! idempotency key after 24 h and judged the retry afresh — the order itself is read (its
//! status, history, cancellation, refund, documents): if it shows the action's effect, the
//! action was applied. An applied refund is never reported as "not refunded".

use crate::api::ApiError;
use crate::model::{Actor, DocumentStatus, Order, OrderStatus};
use crate::outbox::kind::ActionKind;

use super::Action;

/// Whether a refusal of `action` must be checked against the order before it is final:
/// a state refusal (`version_conflict`, `invalid_transition`) after at least one earlier
/// attempt whose outcome is not known.
pub fn needs_reconcile(action: &Action, err: &ApiError) -> bool {
    let state_refusal = err
        .problem()
        .is_some_and(|p| matches!(p.code.as_str(), "version_conflict" | "invalid_transition"));
    state_refusal && action.attempts > 1
}

/// Whether `order` (the backend's, now) shows the effect of `action`.
pub fn shows_effect(action: &Action, order: &Order) -> bool {
    if order.id != action.order_id {
        return false;
    }
    match &action.kind {
        ActionKind::Advance { to } => order
            .history
            .iter()
            .any(|h| h.status == *to && h.by == Actor::Merchant),
        ActionKind::Cancel {
            reason,
            refund_amount,
        } => {
            let Some(c) = order.cancellation.as_ref() else {
                return false;
            };
            order.status == OrderStatus::Cancelled
                && c.by == Actor::Merchant
                && c.reason.trim() == reason.trim()
                && c.refund_amount == *refund_amount
                && order.refunded >= *refund_amount
        }
        ActionKind::RetryDocument { document_id } => order
            .documents
            .iter()
            .any(|d| d.id == *document_id && d.status != DocumentStatus::Error),
        ActionKind::Pay { amount, method, .. } => order
            .payments
            .iter()
            .any(|p| p.amount == *amount && p.method == *method),
        ActionKind::Note { text } => order
            .staff_notes
            .iter()
            .any(|n| n.text.trim() == text.trim()),
        ActionKind::Acknowledge => order.acknowledged_at.is_some(),
    }
}
