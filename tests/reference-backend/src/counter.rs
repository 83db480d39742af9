//! The v1 additions at the counter as pure rules: payments, staff notes and the
//! `Device-Name` header that says which device did it. No I/O, time passed in.

use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::model::{Order, PaymentMethod, PaymentRecord, PaymentStatus, StaffNote, Status};
use crate::problem::{ErrorCode, Problem};
use crate::rules::current;

/// Longest staff note, in characters after trimming.
pub const MAX_NOTE_CHARS: usize = 1000;
/// Longest payment reference, in characters after trimming.
pub const MAX_REFERENCE_CHARS: usize = 100;
/// Longest `Device-Name`, in characters.
pub const MAX_DEVICE_CHARS: usize = 64;

/// The request's `Device-Name`: `None` when absent; `invalid_parameter` when it is empty,
/// longer than 64 characters, not UTF-8 or holds control characters.
pub fn device_name(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(value) = headers.get("device-name") else {
        return Ok(None);
    };
    let bad = |why: &str| {
        Problem::new(
            ErrorCode::InvalidParameter,
            format!("Device-Name must be 1-{MAX_DEVICE_CHARS} printable characters: {why}"),
        )
    };
    let text = std::str::from_utf8(value.as_bytes()).map_err(|_| bad("not UTF-8"))?;
    let text = text.trim();
    if text.is_empty() {
        return Err(bad("empty"));
    }
    if text.chars().count() > MAX_DEVICE_CHARS {
        return Err(bad("too long"));
    }
    if text.chars().any(char::is_control) {
        return Err(bad("control character"));
    }
    Ok(Some(text.to_string()))
}

/// A payment to record, as the body of `POST /v1/orders/{id}/payments` asked for it.
#[derive(Debug, Clone)]
pub struct TakePayment {
    /// Minor units, validated > 0.
    pub amount: i64,
    /// How it was paid.
    pub method: PaymentMethod,
    /// Trimmed reference, `None` when absent or blank.
    pub reference: Option<String>,
    /// Who took it.
    pub device: Option<String>,
}

/// `invalid_amount` unless the JSON value is an integer > 0.
pub fn validate_payment_amount(amount: &Value) -> Result<i64, Problem> {
    match amount.as_i64() {
        Some(n) if n > 0 => Ok(n),
        _ => Err(Problem::new(
            ErrorCode::InvalidAmount,
            format!("amount must be an integer > 0 in minor units, got {amount}"),
        )),
    }
}

/// Trims the reference; `invalid_body` when longer than 100 characters.
pub fn validate_reference(reference: Option<&str>) -> Result<Option<String>, Problem> {
    let Some(text) = reference.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_REFERENCE_CHARS {
        return Err(Problem::new(
            ErrorCode::InvalidBody,
            format!("reference is longer than {MAX_REFERENCE_CHARS} characters"),
        ));
    }
    Ok(Some(text.to_string()))
}

/// What is still owed: `total − paid`, never below 0.
pub fn due(order: &Order) -> i64 {
    (order.total - order.paid).max(0)
}

/// Records a payment: `paid` grows, `payment.status` becomes `paid` once `paid ≥ total`.
pub fn take_payment(
    order: &mut Order,
    request: &TakePayment,
    now: DateTime<Utc>,
) -> Result<(), Problem> {
    if order.status == Status::Cancelled {
        return Err(Problem::new(
            ErrorCode::InvalidTransition,
            "a cancelled order takes no payment",
        )
        .with("current", current(order)));
    }
    let due = due(order);
    if request.amount > due {
        return Err(Problem::new(
            ErrorCode::PaymentExceedsDue,
            format!("payment {} is above the amount due {due}", request.amount),
        )
        .with("due", json!(due)));
    }
    let n = order.payments.len() + 1;
    order.payments.push(PaymentRecord {
        id: format!("pay_{}_{n}", order.number),
        amount: request.amount,
        method: request.method,
        at: now,
        reference: request.reference.clone(),
        device: request.device.clone(),
    });
    order.paid += request.amount;
    if order.paid >= order.total && order.payment.status == PaymentStatus::Unpaid {
        order.payment.status = PaymentStatus::Paid;
    }
    Ok(())
}

/// Trims the note; `note_required` when empty or longer than 1000 characters.
pub fn validate_note(text: Option<&str>) -> Result<String, Problem> {
    let trimmed = text.unwrap_or("").trim();
    if trimmed.is_empty() {
        return Err(Problem::new(ErrorCode::NoteRequired, "the note is empty"));
    }
    if trimmed.chars().count() > MAX_NOTE_CHARS {
        return Err(Problem::new(
            ErrorCode::NoteRequired,
            format!("the note is longer than {MAX_NOTE_CHARS} characters"),
        ));
    }
    Ok(trimmed.to_string())
}

/// Adds a staff note (any status, cancelled too: the shop may still write down why).
pub fn add_note(order: &mut Order, text: String, device: Option<String>, now: DateTime<Utc>) {
    let n = order.staff_notes.len() + 1;
    order.staff_notes.push(StaffNote {
        id: format!("note_{}_{n}", order.number),
        text,
        at: now,
        device,
    });
}
