//! Local checks before an action is queued: pure functions of the order as the owner sees it
//! (its effective, optimistic state), the store, and the backend's clock.

use chrono::{DateTime, Duration, Utc};

use crate::error::{Error, ErrorCode, Result};
use crate::model::{DocumentStatus, Order, OrderStatus, Shop};
use crate::money::Money;
use crate::transitions::{can_cancel_status, is_allowed};

use super::reasons::{status_en, status_es};

/// The longest cancel reason the backend accepts.
pub const MAX_REASON_CHARS: usize = 500;

/// A character that shows nothing: whitespace, zero-width and joiner characters (U+200B…),
/// direction marks, the soft hyphen, variation selectors, fillers. A reason made only of these
/// is empty.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
            | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}')
}

/// Checks an advance of `order` (effective state) to `to`.
pub fn check_advance(order: &Order, to: OrderStatus) -> Result<()> {
    if is_allowed(order.status, to, order.fulfillment) {
        return Ok(());
    }
    let n = &order.number;
    Err(Error::new(
        ErrorCode::NotAllowed,
        format!(
            "El pedido #{n} está {} y no se puede marcar como {}.",
            status_es(order.status),
            status_es(to)
        ),
        format!(
            "Order #{n} is {} and cannot be marked {}.",
            status_en(order.status),
            status_en(to)
        ),
    ))
}

/// When the cancel window of `order` closes.
pub fn cancel_window_end(order: &Order, store: &Shop) -> DateTime<Utc> {
    order.created_at + Duration::days(store.cancel_window_days)
}

/// Checks a cancellation; returns the trimmed reason to send.
pub fn check_cancel(
    order: &Order,
    store: &Shop,
    reason: &str,
    refund_minor: i64,
    backend_now: DateTime<Utc>,
) -> Result<String> {
    let n = &order.number;
    let trimmed = reason.trim_matches(is_invisible);
    if trimmed.chars().all(is_invisible) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "Escribe el motivo de la cancelación.",
            "Enter a reason for the cancellation.",
        ));
    }
    if trimmed.chars().count() > MAX_REASON_CHARS {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("El motivo no puede pasar de {MAX_REASON_CHARS} caracteres."),
            format!("The reason cannot be longer than {MAX_REASON_CHARS} characters."),
        ));
    }
    if order.status == OrderStatus::Cancelled {
        return Err(Error::new(
            ErrorCode::NotAllowed,
            format!("El pedido #{n} ya está cancelado."),
            format!("Order #{n} is already cancelled."),
        ));
    }
    if !can_cancel_status(order.status) {
        return Err(unknown_status(order));
    }
    if backend_now > cancel_window_end(order, store) {
        let days = store.cancel_window_days;
        return Err(Error::new(
            ErrorCode::CancelWindowClosed,
            format!("Ya pasó el plazo de {days} días para cancelar el pedido #{n}."),
            format!("The {days}-day window to cancel order #{n} has closed."),
        ));
    }
    check_refund(order, store, refund_minor)?;
    Ok(trimmed.to_string())
}

/// A status this build does not know (the backend is newer): never called "cancelled".
fn unknown_status(order: &Order) -> Error {
    let n = &order.number;
    Error::new(
        ErrorCode::NotAllowed,
        format!(
            "El pedido #{n} está en un estado que esta versión de Mostrador no conoce; no se puede cancelar desde aquí. Actualiza la app o revísalo en tu plataforma."
        ),
        format!(
            "Order #{n} is in a status this version of Mostrador does not know; it cannot be cancelled from here. Update the app or check it on your platform."
        ),
    )
}

fn check_refund(order: &Order, store: &Shop, refund_minor: i64) -> Result<()> {
    if refund_minor < 0 {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "El reembolso no puede ser negativo.",
            "The refund cannot be negative.",
        ));
    }
    let refundable = order.refundable();
    if refund_minor > refundable.minor {
        let locale = store.locale();
        let max = refundable.format(locale);
        let asked = Money::new(refund_minor, order.currency).format(locale);
        return Err(Error::new(
            ErrorCode::RefundTooLarge,
            format!(
                "El reembolso ({asked}) supera lo que se puede devolver del pedido #{}: {max}.",
                order.number
            ),
            format!(
                "The refund ({asked}) is more than can be refunded on order #{}: {max}.",
                order.number
            ),
        ));
    }
    Ok(())
}

/// Checks a document retry: the document exists and is in `error`.
pub fn check_retry_document(order: &Order, document_id: &str) -> Result<()> {
    let n = &order.number;
    match order.documents.iter().find(|d| d.id == document_id) {
        None => Err(Error::new(
            ErrorCode::NotFound,
            format!("El pedido #{n} no tiene el documento {document_id}."),
            format!("Order #{n} has no document {document_id}."),
        )),
        Some(doc) if doc.status != DocumentStatus::Error => Err(Error::new(
            ErrorCode::NotAllowed,
            format!("El documento {document_id} del pedido #{n} no está en error."),
            format!("Document {document_id} of order #{n} is not in error."),
        )),
        Some(_) => Ok(()),
    }
}
