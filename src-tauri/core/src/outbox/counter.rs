//! The counter's actions before they are queued — a payment (`pay`) and a staff note
//! (`note`) — and what they change in the order the owner sees meanwhile. Pure.

use chrono::{DateTime, Utc};

use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    Order, OrderStatus, PaymentMethod, PaymentRecord, PaymentStatus, Shop, StaffNote,
};
use crate::money::Money;

/// The longest staff note the backend accepts, in characters after trimming.
pub const MAX_NOTE_CHARS: usize = 1000;
/// The longest payment reference the backend accepts, in characters after trimming.
pub const MAX_REFERENCE_CHARS: usize = 100;
/// The `features` name of a platform that records a payment only in full (WooCommerce and
/// Shopify know an order as paid or not paid): a part payment is refused before it is queued.
pub const FEATURE_WHOLE_PAYMENTS: &str = "whole_payments";

fn unsupported(what_es: &str, what_en: &str) -> Error {
    Error::new(
        ErrorCode::NotAllowed,
        format!("Esta tienda no permite {what_es} desde Mostrador."),
        format!("This store does not allow {what_en} from Mostrador."),
    )
}

/// Checks a payment on `order` (its effective state): the backend takes payments, the order
/// is not cancelled, `0 < amount ≤ due`, the reference fits. Returns the trimmed reference.
pub fn check_pay(
    order: &Order,
    store: &Shop,
    amount: i64,
    method: PaymentMethod,
    reference: Option<&str>,
) -> Result<Option<String>> {
    if !store.has_feature("payments") {
        return Err(unsupported("registrar pagos", "recording payments"));
    }
    let n = &order.number;
    if method == PaymentMethod::Unknown {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "Elige cómo pagó: efectivo, transferencia, tarjeta u otro.",
            "Choose how it was paid: cash, transfer, card or other.",
        ));
    }
    if order.status == OrderStatus::Cancelled {
        return Err(Error::new(
            ErrorCode::NotAllowed,
            format!("El pedido #{n} está cancelado: no se le puede cobrar."),
            format!("Order #{n} is cancelled: it cannot take a payment."),
        ));
    }
    if amount <= 0 {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "El monto a cobrar debe ser mayor que cero.",
            "The amount to collect must be more than zero.",
        ));
    }
    let due = order.due();
    if amount > due.minor {
        let locale = store.locale();
        let asked = Money::new(amount, order.currency).format(locale);
        let due = due.format(locale);
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("El cobro ({asked}) supera lo que falta por pagar del pedido #{n}: {due}."),
            format!("The payment ({asked}) is more than is still due on order #{n}: {due}."),
        ));
    }
    if amount < due.minor && store.has_feature(FEATURE_WHOLE_PAYMENTS) {
        let due = due.format(store.locale());
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("Esta tienda solo registra el pago completo: cobra {due} de una vez."),
            format!("This store only records a payment in full: take {due} at once."),
        ));
    }
    let reference = reference.map(str::trim).filter(|r| !r.is_empty());
    if reference.is_some_and(|r| r.chars().count() > MAX_REFERENCE_CHARS) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("La referencia no puede pasar de {MAX_REFERENCE_CHARS} caracteres."),
            format!("The reference cannot be longer than {MAX_REFERENCE_CHARS} characters."),
        ));
    }
    Ok(reference.map(str::to_string))
}

/// The cash handed over on a payment, kept only for cash; refused when it does not cover the
/// amount.
pub fn check_received(
    order: &Order,
    store: &Shop,
    amount: i64,
    method: PaymentMethod,
    received: Option<i64>,
) -> Result<Option<i64>> {
    let Some(received) = received.filter(|_| method == PaymentMethod::Cash) else {
        return Ok(None);
    };
    if received < amount {
        let locale = store.locale();
        let got = Money::new(received, order.currency).format(locale);
        let asked = Money::new(amount, order.currency).format(locale);
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("El efectivo recibido ({got}) no alcanza para el cobro de {asked}."),
            format!("The cash handed over ({got}) does not cover the payment of {asked}."),
        ));
    }
    Ok(Some(received))
}

/// Checks a staff note: the backend takes notes and the text has 1–1000 characters after
/// trimming. Returns the trimmed text.
pub fn check_note(store: &Shop, text: &str) -> Result<String> {
    if !store.has_feature("notes") {
        return Err(unsupported("notas internas", "staff notes"));
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "Escribe la nota.",
            "Write the note.",
        ));
    }
    if trimmed.chars().count() > MAX_NOTE_CHARS {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("La nota no puede pasar de {MAX_NOTE_CHARS} caracteres."),
            format!("The note cannot be longer than {MAX_NOTE_CHARS} characters."),
        ));
    }
    Ok(trimmed.to_string())
}

/// The payment as the backend will record it, shown at once ("Sin pagar" goes away as soon
/// as the due reaches zero).
pub fn apply_pay(
    order: &mut Order,
    amount: i64,
    method: PaymentMethod,
    reference: Option<&str>,
    at: DateTime<Utc>,
) {
    order.payments.push(PaymentRecord {
        id: format!("local-{}", order.payments.len() + 1),
        amount,
        method,
        at,
        reference: reference.map(str::to_string),
        device: None,
    });
    order.paid += amount;
    if order.paid >= order.total && order.payment.status == PaymentStatus::Unpaid {
        order.payment.status = PaymentStatus::Paid;
    }
}

/// The note as the backend will record it.
pub fn apply_note(order: &mut Order, text: &str, at: DateTime<Utc>) {
    order.staff_notes.push(StaffNote {
        id: format!("local-{}", order.staff_notes.len() + 1),
        text: text.to_string(),
        at,
        device: None,
    });
}

/// Cash handed over and the change to give back, for "Recibido $500 · Vuelto $50".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CashChange {
    /// What the customer handed over.
    pub received: Money,
    /// What goes back to the customer.
    pub change: Money,
}

/// The change for `received` cash on a payment of `amount`; `None` when the cash does not
/// cover it (or the currencies differ).
pub fn cash_change(amount: Money, received: Money) -> Option<CashChange> {
    if amount.currency != received.currency || received.minor < amount.minor {
        return None;
    }
    Some(CashChange {
        received,
        change: Money::new(received.minor - amount.minor, amount.currency),
    })
}

/// "Recibido $500.00 · Vuelto $50.00" (or in English), for the toast and the CLI.
pub fn change_line(
    change: &CashChange,
    locale: crate::model::Locale,
    language: crate::text::Language,
) -> String {
    let received = change.received.format(locale);
    let back = change.change.format(locale);
    language.pick(
        format!("Recibido {received} · Vuelto {back}"),
        format!("Received {received} · Change {back}"),
    )
}
