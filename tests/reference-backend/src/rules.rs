//! The business rules of API.md as pure functions on an [`Order`]: no I/O, time passed in.

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use crate::config::Config;
use crate::model::{
    Actor, Cancellation, Document, DocumentKind, DocumentStatus, HistoryEntry, Order,
    PaymentMethod, PaymentStatus, Refund, Status, transition_allowed,
};
use crate::problem::{ErrorCode, Problem};

/// Longest accepted cancel reason, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// Reason given by the platform's auto-cancel.
pub const AUTO_CANCEL_REASON: &str = "Sin atención";

pub(crate) fn current(order: &Order) -> Value {
    serde_json::to_value(order).unwrap_or(Value::Null)
}

/// `version_conflict` (with `current`) unless `expected` is absent or equal to the version.
pub fn check_version(order: &Order, expected: Option<i64>) -> Result<(), Problem> {
    match expected {
        Some(v) if v != order.version => Err(Problem::new(
            ErrorCode::VersionConflict,
            format!("expected version {v}, the order is at {}", order.version),
        )
        .with("current", current(order))),
        _ => Ok(()),
    }
}

/// Moves the order to `to` per the transition table, by the merchant.
pub fn transition(order: &mut Order, to: Status, now: DateTime<Utc>) -> Result<(), Problem> {
    transition_by(order, to, now, None)
}

/// [`transition`], recording the merchant's `Device-Name` on the history entry.
pub fn transition_by(
    order: &mut Order,
    to: Status,
    now: DateTime<Utc>,
    device: Option<String>,
) -> Result<(), Problem> {
    if !transition_allowed(order.fulfillment, order.status, to) {
        return Err(Problem::new(
            ErrorCode::InvalidTransition,
            format!(
                "a {:?} order cannot go from {} to {}",
                order.fulfillment,
                order.status.as_str(),
                to.as_str()
            ),
        )
        .with("current", current(order)));
    }
    order.status = to;
    order.auto_cancel_at = None;
    order.history.push(HistoryEntry {
        status: to,
        at: now,
        by: Actor::Merchant,
        device,
    });
    Ok(())
}

/// A character that shows nothing: whitespace, zero-width and joiner characters, direction
/// marks, the soft hyphen, fillers. A reason made only of these is empty.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
            | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}')
}

/// Trims the reason (whitespace and invisible characters); `reason_required` when nothing
/// visible is left or it is longer than 500 characters.
pub fn validate_reason(reason: &str) -> Result<String, Problem> {
    let trimmed = reason.trim_matches(is_invisible);
    if trimmed.chars().all(is_invisible) {
        return Err(Problem::new(
            ErrorCode::ReasonRequired,
            "the reason is empty",
        ));
    }
    if trimmed.chars().count() > MAX_REASON_CHARS {
        return Err(Problem::new(
            ErrorCode::ReasonRequired,
            format!("the reason is longer than {MAX_REASON_CHARS} characters"),
        ));
    }
    Ok(trimmed.to_string())
}

/// A refund amount must be a JSON integer ≥ 0 (no fraction, no string, no null).
pub fn validate_amount(amount: &Value) -> Result<i64, Problem> {
    match amount.as_i64() {
        Some(n) if n >= 0 => Ok(n),
        _ => Err(Problem::new(
            ErrorCode::InvalidAmount,
            format!("refund_amount must be an integer ≥ 0 in minor units, got {amount}"),
        )),
    }
}

/// The cancellation to apply: validated reason and amount, who asks.
#[derive(Debug, Clone)]
pub struct CancelOrder {
    /// Trimmed reason.
    pub reason: String,
    /// Refund in minor units.
    pub refund_amount: i64,
    /// Merchant, customer or auto.
    pub by: Actor,
    /// Whether the cancel window applies (it does for the merchant).
    pub enforce_window: bool,
    /// The merchant's `Device-Name`, recorded on the history entry.
    pub device: Option<String>,
}

/// Cancels the order with a refund, per API.md.
pub fn cancel(
    order: &mut Order,
    request: &CancelOrder,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<(), Problem> {
    if order.status == Status::Cancelled {
        return Err(Problem::new(
            ErrorCode::InvalidTransition,
            "the order is already cancelled",
        )
        .with("current", current(order)));
    }
    let window_days = i64::try_from(config.cancel_window_days).unwrap_or(i64::MAX / 86_400_000);
    if request.enforce_window && now > order.created_at + Duration::days(window_days) {
        return Err(Problem::new(
            ErrorCode::CancelWindowExpired,
            format!(
                "orders can be cancelled up to {} days after creation",
                config.cancel_window_days
            ),
        ));
    }
    let refundable = order.paid - order.refunded;
    if request.refund_amount > refundable {
        return Err(Problem::new(
            ErrorCode::RefundExceedsPaid,
            format!(
                "refund {} is above the refundable {refundable}",
                request.refund_amount
            ),
        )
        .with("refundable", json!(refundable)));
    }
    let amount = request.refund_amount;
    let refund = if order.payment.method == PaymentMethod::Card {
        let fee = if amount > 0 && amount != order.paid {
            amount
                .checked_mul(config.refund_fee.percent_bps)
                .map(|n| n / 10_000)
                .and_then(|n| n.checked_add(config.refund_fee.fixed))
                .ok_or_else(|| {
                    Problem::new(
                        ErrorCode::InvalidAmount,
                        format!("the fee of refunding {amount} is out of range"),
                    )
                })?
        } else {
            0
        };
        Refund {
            method: "gateway".into(),
            status: "succeeded".into(),
            fee,
        }
    } else {
        Refund {
            method: "manual".into(),
            status: if amount > 0 { "pending" } else { "succeeded" }.into(),
            fee: 0,
        }
    };
    order.refunded += amount;
    if order.refunded > 0 {
        order.payment.status = if order.refunded >= order.paid {
            PaymentStatus::Refunded
        } else {
            PaymentStatus::PartiallyRefunded
        };
    }
    let has_fiscal_doc = order.documents.iter().any(|d| {
        matches!(d.kind, DocumentKind::Receipt | DocumentKind::Invoice)
            && d.status == DocumentStatus::Issued
    });
    if amount > 0 && has_fiscal_doc {
        let n = order.documents.len() + 1;
        order.documents.push(Document {
            id: format!("doc_{}_{n}", order.number),
            kind: DocumentKind::CreditNote,
            number: Some(format!("NC-{}", order.number)),
            status: DocumentStatus::Issued,
            error: None,
        });
    }
    if order.error.as_ref().is_some_and(|e| e.code == "oversell") {
        order.error = None;
    }
    order.status = Status::Cancelled;
    order.auto_cancel_at = None;
    order.cancellation = Some(Cancellation {
        reason: request.reason.clone(),
        refund_amount: amount,
        by: request.by,
        at: now,
        refund,
    });
    order.history.push(HistoryEntry {
        status: Status::Cancelled,
        at: now,
        by: request.by,
        device: request.device.clone(),
    });
    Ok(())
}

/// Re-issues a document in `error`. `fail` keeps it in error with a new message.
pub fn retry_document(order: &mut Order, doc_id: &str, fail: bool) -> Result<(), Problem> {
    let number = order.number.clone();
    let Some(doc) = order.documents.iter_mut().find(|d| d.id == doc_id) else {
        return Err(Problem::new(
            ErrorCode::NotFound,
            format!("order {} has no document {doc_id}", order.id),
        ));
    };
    if doc.status != DocumentStatus::Error {
        let detail = format!("document {doc_id} is not in error");
        return Err(
            Problem::new(ErrorCode::DocumentNotRetryable, detail).with("current", current(order))
        );
    }
    if fail {
        let message = format!(
            "El servicio de facturación rechazó el documento (intento {})",
            order.version + 1
        );
        doc.error = Some(message.clone());
        if let Some(err) = order.error.as_mut().filter(|e| e.code == "document_error") {
            err.message = message;
        }
        return Ok(());
    }
    doc.status = DocumentStatus::Issued;
    doc.error = None;
    if doc.number.is_none() {
        doc.number = Some(format!("B-{number}"));
    }
    let any_in_error = order
        .documents
        .iter()
        .any(|d| d.status == DocumentStatus::Error);
    if !any_in_error
        && order
            .error
            .as_ref()
            .is_some_and(|e| e.code == "document_error")
    {
        order.error = None;
    }
    Ok(())
}
