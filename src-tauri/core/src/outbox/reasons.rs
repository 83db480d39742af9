//! Plain words for a refused action: what happened to which order, and what did not happen.

use crate::api::{ApiError, Problem};
use crate::model::{Actor, OrderStatus};
use crate::outbox::kind::ActionKind;
use crate::text::Text;

use super::Action;

/// The default Spanish name of a status (the store's own labels may differ; these are what
/// a failure message can rely on without the store at hand).
pub fn status_es(status: OrderStatus) -> &'static str {
    status.name_es()
}

/// The English name of a status.
pub fn status_en(status: OrderStatus) -> &'static str {
    status.name_en()
}

/// What did not happen, e.g. "no se marcó como Listo para entrega".
fn not_done(kind: &ActionKind) -> (String, String) {
    match kind {
        ActionKind::Advance { to } => (
            format!("no se marcó como {}", status_es(*to)),
            format!("it was not marked {}", status_en(*to)),
        ),
        ActionKind::Cancel { .. } => ("no se canceló".into(), "it was not cancelled".into()),
        ActionKind::RetryDocument { document_id } => (
            format!("no se reintentó el documento {document_id}"),
            format!("document {document_id} was not retried"),
        ),
        ActionKind::Pay { .. } => (
            "no se registró el pago".into(),
            "the payment was not recorded".into(),
        ),
        ActionKind::Note { .. } => (
            "no se guardó la nota".into(),
            "the note was not saved".into(),
        ),
        ActionKind::Acknowledge => (
            "no se marcó como atendido en los demás dispositivos".into(),
            "it was not marked as seen on the other devices".into(),
        ),
    }
}

/// Why the backend refused `action`, in words for the owner.
pub fn rejection_reason(action: &Action, problem: Option<&Problem>) -> Text {
    let n = &action.order_number;
    let (no_es, no_en) = not_done(&action.kind);
    let code = problem.map_or("", |p| p.code.as_str());
    let current = problem.and_then(|p| p.current.as_deref());
    if let Some(order) = current.filter(|o| o.status == OrderStatus::Cancelled) {
        let by = order.cancellation.as_ref().map(|c| c.by);
        return match by {
            Some(Actor::Customer) => Text::new(
                format!(
                    "El cliente canceló el pedido #{n} mientras estabas sin conexión; {no_es}."
                ),
                format!("The customer cancelled order #{n} while you were offline; {no_en}."),
            ),
            Some(Actor::Auto) => Text::new(
                format!(
                    "El pedido #{n} se canceló automáticamente por falta de atención; {no_es}."
                ),
                format!("Order #{n} was cancelled automatically for lack of attention; {no_en}."),
            ),
            _ => Text::new(
                format!("El pedido #{n} ya estaba cancelado; {no_es}."),
                format!("Order #{n} was already cancelled; {no_en}."),
            ),
        };
    }
    match (code, current) {
        ("version_conflict" | "invalid_transition", Some(order)) => Text::new(
            format!(
                "El pedido #{n} cambió en el servidor (ahora está {}); {no_es}. Revísalo y vuelve a intentarlo.",
                status_es(order.status)
            ),
            format!(
                "Order #{n} changed on the server (it is now {}); {no_en}. Check it and try again.",
                status_en(order.status)
            ),
        ),
        ("version_conflict" | "invalid_transition", None) => Text::new(
            format!(
                "El pedido #{n} cambió en el servidor; {no_es}. Revísalo y vuelve a intentarlo."
            ),
            format!("Order #{n} changed on the server; {no_en}. Check it and try again."),
        ),
        ("refund_exceeds_paid", _) => Text::new(
            format!("El reembolso supera lo que aún se puede devolver del pedido #{n}; {no_es}."),
            format!("The refund is more than can still be refunded on order #{n}; {no_en}."),
        ),
        ("cancel_window_expired", _) => Text::new(
            format!("Ya pasó el plazo para cancelar el pedido #{n}; {no_es}."),
            format!("The cancel window of order #{n} has closed; {no_en}."),
        ),
        ("document_not_retryable", _) => Text::new(
            format!("El documento ya no está en error en el pedido #{n}; {no_es}."),
            format!("The document of order #{n} is no longer in error; {no_en}."),
        ),
        ("payment_exceeds_due", _) => Text::new(
            format!("El pago supera lo que falta por pagar del pedido #{n}; {no_es}."),
            format!("The payment is more than is still due on order #{n}; {no_en}."),
        ),
        ("note_required", _) => Text::new(
            format!("La nota del pedido #{n} está vacía o es demasiado larga; {no_es}."),
            format!("The note on order #{n} is empty or too long; {no_en}."),
        ),
        ("not_found", _) => Text::new(
            format!("El pedido #{n} ya no existe en el servidor; {no_es}."),
            format!("Order #{n} no longer exists on the server; {no_en}."),
        ),
        _ => Text::new(
            format!("El servidor rechazó la acción sobre el pedido #{n} ({code}); {no_es}."),
            format!("The server refused the action on order #{n} ({code}); {no_en}."),
        ),
    }
}

/// Why `action` failed for good without a problem body from the backend (a redirect, an
/// unusable address): a real code and words, never an empty "()".
pub fn local_rejection_reason(action: &Action, err: &ApiError) -> Text {
    let n = &action.order_number;
    let (no_es, no_en) = not_done(&action.kind);
    match err {
        ApiError::Redirect(to) => Text::new(
            format!(
                "El servidor redirigió la acción sobre el pedido #{n} a {to} (redirect) y las \
                 redirecciones no se siguen; {no_es}. Revisa la dirección del servidor en Ajustes."
            ),
            format!(
                "The server redirected the action on order #{n} to {to} (redirect) and \
                 redirects are not followed; {no_en}. Check the server address in Settings."
            ),
        ),
        ApiError::InvalidUrl(_) => Text::new(
            format!(
                "La dirección del servidor no es válida (invalid_url); {no_es}. Revísala en Ajustes."
            ),
            format!(
                "The server address is not valid (invalid_url); {no_en}. Check it in Settings."
            ),
        ),
        other => {
            let code = other.code();
            Text::new(
                format!("La acción sobre el pedido #{n} no se pudo enviar ({code}); {no_es}."),
                format!("The action on order #{n} could not be sent ({code}); {no_en}."),
            )
        }
    }
}

/// Why an action queued behind a refused one for the same order was not sent.
pub fn dependent_reason(action: &Action) -> Text {
    let n = &action.order_number;
    let (no_es, no_en) = not_done(&action.kind);
    Text::new(
        format!(
            "No se envió porque la acción anterior sobre el pedido #{n} fue rechazada; {no_es}."
        ),
        format!("Not sent because the previous action on order #{n} was refused; {no_en}."),
    )
}
