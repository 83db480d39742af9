//! The counter's actions on WooCommerce: take a payment and write a staff note, each tagged
//! with the action's UUID and checked before any second attempt (WooCommerce has no
//! idempotency), and the staff notes read back from `GET /orders/{id}/notes`.
//!
//! - **Cobrar**: WooCommerce knows an order as paid or not paid, nothing in between, so only
//!   the whole amount due is taken; a part payment is refused in words. The `PUT
//!   /orders/{id}` carries `set_paid: true` (WooCommerce acts on it only while the order
//!   still needs payment — `pending` / `failed`; a cash-on-delivery order that is
//!   `processing` gets its own `date_paid` only when it is completed), `payment_method_title`
//!   ("Efectivo (Mostrador)"), `transaction_id` (the reference, when given) and the meta
//!   [`PAID_KEY`] (the action's UUID — also what tells Mostrador the order is paid),
//!   [`PAID_METHOD_KEY`], [`PAID_DEVICE_KEY`]; then a private note "Mostrador: cobrado …".
//! - **Staff note**: a private note (`customer_note: false`, never e-mailed) "Caja 1: texto
//!   [mostrador-nota:UUID]", then the meta `_mostrador_action` so the order's
//!   `date_modified` moves and every device's poll reads its notes again (adding a note does
//!   not touch the order on WooCommerce).
//! - **Reading notes back**: private notes carrying [`STAFF_TAG`] (the device is the part
//!   before the first ": ", "Mostrador" when the device had no name) and private notes written
//!   by a person in WooCommerce's admin (author not "WooCommerce"/"system"; the device is the
//!   author's name). The connector's own stage, cancel and payment notes and WooCommerce's
//!   system notes are not staff notes.

use reqwest::Method;
use serde_json::json;

use super::WooCommerce;
use super::apply::note_tag;
use super::map::{self, ACTION_KEY};
use super::wire::{Note, WireOrder, WooStatus};
use crate::model::{PaymentMethod, PaymentRecord, StaffNote};
use crate::money::{Currency, Money};
use crate::platforms::{ApplyOutcome, Fetched, PlatformAction, PlatformError};
use crate::text::Text;

/// Order meta: the UUID of the Mostrador action that took the payment.
pub const PAID_KEY: &str = "_mostrador_paid";
/// Order meta: how it was paid (`cash`, `transfer`, `card`, `other`).
pub const PAID_METHOD_KEY: &str = "_mostrador_paid_method";
/// Order meta: the device that took it.
pub const PAID_DEVICE_KEY: &str = "_mostrador_paid_device";
/// The start of a staff note's tag: `[mostrador-nota:UUID]`.
pub const STAFF_TAG: &str = "[mostrador-nota:";
/// The device part of a staff note written by a device without a name.
const UNNAMED: &str = "Mostrador";

/// The tag of a staff note.
pub fn staff_tag(action_id: &str) -> String {
    format!("{STAFF_TAG}{action_id}]")
}

/// The text of a staff note as WooCommerce keeps it: "Caja 1: texto [mostrador-nota:UUID]".
pub fn staff_note_text(device: Option<&str>, text: &str, action_id: &str) -> String {
    let device = device
        .map(|d| d.replace(": ", " "))
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| UNNAMED.to_string());
    format!("{device}: {text} {}", staff_tag(action_id))
}

fn is_system_author(author: &str) -> bool {
    let a = author.trim();
    a.is_empty() || a.eq_ignore_ascii_case("woocommerce") || a.eq_ignore_ascii_case("system")
}

/// The staff notes among an order's notes (as `GET /orders/{id}/notes` lists them, newest
/// first), oldest first.
pub fn staff_notes(notes: &[Note]) -> Vec<StaffNote> {
    let mut out: Vec<StaffNote> = notes
        .iter()
        .filter(|n| !n.customer_note)
        .filter_map(|n| {
            let at = map::gmt(&n.date_created_gmt).unwrap_or_default();
            let id = format!("woo-note-{}", n.id);
            if let Some(start) = n.note.rfind(STAFF_TAG) {
                let body = n.note[..start].trim_end();
                let (device, text) = body.split_once(": ").unwrap_or((UNNAMED, body));
                let device = (device != UNNAMED).then(|| device.to_string());
                return Some(StaffNote {
                    id,
                    text: text.trim().to_string(),
                    at,
                    device,
                });
            }
            if is_system_author(&n.author) || n.note.contains("[mostrador:") {
                return None;
            }
            Some(StaffNote {
                id,
                text: n.note.trim().to_string(),
                at,
                device: Some(n.author.trim().to_string()),
            })
        })
        .collect();
    out.sort_by_key(|n| n.at);
    out
}

/// The payment Mostrador took on this order, from its meta (none when it took none).
pub fn payments(wire: &WireOrder, total: i64) -> Vec<PaymentRecord> {
    let Some(action) = wire.meta(PAID_KEY) else {
        return Vec::new();
    };
    let method = match wire.meta(PAID_METHOD_KEY).as_deref() {
        Some("cash") => PaymentMethod::Cash,
        Some("transfer") => PaymentMethod::Transfer,
        Some("card") => PaymentMethod::Card,
        _ => PaymentMethod::Other,
    };
    let at = wire
        .date_paid_gmt
        .as_deref()
        .and_then(map::gmt)
        .or_else(|| map::gmt(&wire.date_modified_gmt))
        .unwrap_or_default();
    vec![PaymentRecord {
        id: format!("woo-{action}"),
        amount: total,
        method,
        at,
        reference: Some(wire.transaction_id.trim().to_string()).filter(|r| !r.is_empty()),
        device: wire.meta(PAID_DEVICE_KEY).filter(|d| !d.is_empty()),
    }]
}

/// Whether Mostrador (or WooCommerce itself) counts the order as paid.
pub fn is_paid(wire: &WireOrder) -> bool {
    wire.date_paid_gmt.as_deref().and_then(map::gmt).is_some() || wire.meta(PAID_KEY).is_some()
}

/// What was taken: the amount and, for cash, what the customer handed over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cash {
    /// Minor units.
    pub amount: i64,
    /// Cash handed over, minor units.
    pub received: Option<i64>,
}

fn method_words(method: PaymentMethod) -> (&'static str, &'static str, &'static str) {
    match method {
        PaymentMethod::Cash => ("cash", "efectivo", "cash"),
        PaymentMethod::Transfer => ("transfer", "transferencia", "transfer"),
        PaymentMethod::Card => ("card", "tarjeta", "card"),
        PaymentMethod::Other | PaymentMethod::Unknown => ("other", "otro medio", "other"),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

impl WooCommerce {
    /// Reads the order's notes.
    pub(super) async fn notes_of(&self, id: &str) -> Result<Vec<Note>, PlatformError> {
        self.http.get(&format!("/orders/{id}/notes")).await?.json()
    }

    /// Fills each order's staff notes from its notes (a few at a time).
    pub(super) async fn with_staff_notes(
        &self,
        orders: &mut [Fetched],
    ) -> Result<(), PlatformError> {
        use futures_util::StreamExt;
        let ids: Vec<String> = orders.iter().map(|f| f.order.id.clone()).collect();
        let read: Vec<Result<Vec<Note>, PlatformError>> = futures_util::stream::iter(ids)
            .map(|id| async move {
                match self.notes_of(&id).await {
                    // Deleted between the list and this read: the reconciliation takes it off.
                    Err(PlatformError::Http { status: 404, .. }) => Ok(Vec::new()),
                    other => other,
                }
            })
            .buffered(self.config.concurrency.max(1))
            .collect()
            .await;
        for (fetched, notes) in orders.iter_mut().zip(read) {
            fetched.order.staff_notes = staff_notes(&notes?);
        }
        Ok(())
    }

    /// Posts a private note unless one already carries `tag`.
    pub(super) async fn post_note_once(
        &self,
        id: &str,
        tag: &str,
        text: &str,
    ) -> Result<(), PlatformError> {
        if self
            .notes_of(id)
            .await?
            .iter()
            .any(|n| n.note.contains(tag))
        {
            return Ok(());
        }
        let body = json!({ "note": text, "customer_note": false });
        self.http
            .write(Method::POST, &format!("/orders/{id}/notes"), &body)
            .await?;
        Ok(())
    }

    pub(super) async fn staff_note(
        &self,
        action: &PlatformAction,
        text: &str,
    ) -> Result<ApplyOutcome, PlatformError> {
        let n = &action.order_number;
        let id = &action.order_id;
        let text = text.trim();
        if text.is_empty() {
            return Ok(ApplyOutcome::Rejected(Text::new(
                "Escribe la nota.",
                "Write the note.",
            )));
        }
        let Some((wire, _)) = self.read(id).await? else {
            return Ok(super::apply::gone(n));
        };
        let tag = staff_tag(&action.id);
        let full = staff_note_text(action.device.as_deref(), text, &action.id);
        self.post_note_once(id, &tag, &full).await?;
        if wire.meta(ACTION_KEY).as_deref() != Some(action.id.as_str()) {
            let body = json!({ "meta_data": [{ "key": ACTION_KEY, "value": action.id }] });
            self.http
                .write(Method::PUT, &format!("/orders/{id}"), &body)
                .await?;
        }
        self.current(id).await
    }

    pub(super) async fn pay(
        &self,
        action: &PlatformAction,
        cash: Cash,
        method: PaymentMethod,
        reference: Option<&str>,
    ) -> Result<ApplyOutcome, PlatformError> {
        let amount = cash.amount;
        let n = &action.order_number;
        let id = &action.order_id;
        let Some((wire, _)) = self.read(id).await? else {
            return Ok(super::apply::gone(n));
        };
        let facts = self.known_facts().await?;
        let currency = Currency::parse(&wire.currency).unwrap_or(facts.store.currency);
        let locale = facts.store.locale();
        let total = map::money(&wire.total, currency).unwrap_or(0);
        let ours = wire.meta(PAID_KEY).as_deref() == Some(action.id.as_str());
        let (code, es, en) = method_words(method);
        if !ours {
            if is_paid(&wire) {
                return Ok(ApplyOutcome::Rejected(Text::new(
                    format!(
                        "El pedido #{n} ya figura como pagado en WooCommerce; no se registró otro cobro."
                    ),
                    format!(
                        "Order #{n} is already paid in WooCommerce; no second payment was recorded."
                    ),
                )));
            }
            match wire.woo_status() {
                WooStatus::Processing | WooStatus::OnHold | WooStatus::Completed => {}
                WooStatus::Pending | WooStatus::Failed => {}
                WooStatus::Cancelled | WooStatus::Refunded => {
                    return Ok(ApplyOutcome::Rejected(Text::new(
                        format!(
                            "El pedido #{n} está cancelado en WooCommerce: no se le puede cobrar."
                        ),
                        format!(
                            "Order #{n} is cancelled in WooCommerce: it cannot take a payment."
                        ),
                    )));
                }
                _ => return Ok(super::apply::gone(n)),
            }
            let due = Money::new(total, currency).format(locale);
            let asked = Money::new(amount, currency).format(locale);
            if amount <= 0 || amount > total {
                return Ok(ApplyOutcome::Rejected(Text::new(
                    format!(
                        "El cobro ({asked}) supera lo que falta por pagar del pedido #{n}: {due}."
                    ),
                    format!(
                        "The payment ({asked}) is more than is still due on order #{n}: {due}."
                    ),
                )));
            }
            if amount < total {
                return Ok(ApplyOutcome::Rejected(Text::new(
                    format!(
                        "WooCommerce no registra pagos parciales: cobra el total del pedido #{n} ({due}) de una vez."
                    ),
                    format!(
                        "WooCommerce does not record part payments: take the whole of order #{n} ({due}) at once."
                    ),
                )));
            }
            let language = crate::text::Language::from_tag(&facts.store.locale);
            let title = format!("{} (Mostrador)", capitalized(language.pick(es, en)));
            let mut meta = vec![
                json!({ "key": PAID_KEY, "value": action.id }),
                json!({ "key": PAID_METHOD_KEY, "value": code }),
                json!({ "key": ACTION_KEY, "value": action.id }),
            ];
            if let Some(device) = &action.device {
                meta.push(json!({ "key": PAID_DEVICE_KEY, "value": device }));
            }
            let mut body = json!({
                "set_paid": true,
                "payment_method_title": title,
                "meta_data": meta,
            });
            if let Some(r) = reference.map(str::trim).filter(|r| !r.is_empty()) {
                body["transaction_id"] = json!(r);
            }
            self.http
                .write(Method::PUT, &format!("/orders/{id}"), &body)
                .await?;
        }
        let shown = map::money_text(amount, currency, currency.decimals());
        let reference = reference
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        let by = action
            .device
            .as_deref()
            .map(|d| format!(" · {d}"))
            .unwrap_or_default();
        // "Recibido $500 · Vuelto $50": WooCommerce has no field for the cash handed over.
        let (change_es, change_en) = match cash.received.filter(|r| *r >= amount) {
            Some(received) if method == PaymentMethod::Cash => {
                let got = Money::new(received, currency).format(locale);
                let back = Money::new(received - amount, currency).format(locale);
                (
                    format!(" · Recibido {got} · Vuelto {back}"),
                    format!(" · received {got} · change {back}"),
                )
            }
            _ => (String::new(), String::new()),
        };
        let note = format!(
            "Mostrador: cobrado {shown} {cur} en {es}{reference}{change_es}{by} / paid {shown} {cur} by {en}{change_en}. {}",
            note_tag(&action.id),
            cur = currency.code(),
        );
        self.post_note_once(id, &note_tag(&action.id), &note)
            .await?;
        self.current(id).await
    }

    /// The order as it is now, with its staff notes.
    async fn current(&self, id: &str) -> Result<ApplyOutcome, PlatformError> {
        let Some((_, text)) = self.read(id).await? else {
            return Ok(ApplyOutcome::Applied(None));
        };
        let Some(mut fetched) = super::apply::fetched(&text) else {
            return Ok(ApplyOutcome::Applied(None));
        };
        fetched.order.staff_notes = staff_notes(&self.notes_of(id).await?);
        Ok(ApplyOutcome::Applied(Some(Box::new(fetched))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wc(id: i64, author: &str, text: &str, customer: bool, at: &str) -> Note {
        Note {
            id,
            note: text.into(),
            customer_note: customer,
            author: author.into(),
            date_created_gmt: at.into(),
        }
    }

    #[test]
    fn staff_notes_are_ours_and_the_admins_only() {
        let ours = staff_note_text(Some("Caja 1"), "Ojo: sin cebolla", "u-1");
        assert_eq!(ours, "Caja 1: Ojo: sin cebolla [mostrador-nota:u-1]");
        let unnamed = staff_note_text(None, "Llamar", "u-2");
        // Newest first, as WooCommerce lists them.
        let notes = [
            wc(6, "WooCommerce", &unnamed, false, "2026-12-01T10:05:00"),
            wc(
                5,
                "Ana Pérez",
                "Cliente llamó",
                false,
                "2026-12-01T10:04:00",
            ),
            wc(
                4,
                "WooCommerce",
                "Order status changed from Pending payment to Processing.",
                false,
                "2026-12-01T10:03:00",
            ),
            wc(
                3,
                "WooCommerce",
                "Mostrador: pedido #1 → Preparando / order #1 → Preparing. [mostrador:u-0]",
                false,
                "2026-12-01T10:02:00",
            ),
            wc(
                2,
                "Ana Pérez",
                "Gracias por tu compra",
                true,
                "2026-12-01T10:01:00",
            ),
            wc(1, "WooCommerce", &ours, false, "2026-12-01T10:00:00"),
        ];
        let staff = staff_notes(&notes);
        let seen: Vec<(&str, Option<&str>)> = staff
            .iter()
            .map(|n| (n.text.as_str(), n.device.as_deref()))
            .collect();
        assert_eq!(
            seen,
            [
                ("Ojo: sin cebolla", Some("Caja 1")),
                ("Cliente llamó", Some("Ana Pérez")),
                ("Llamar", None),
            ],
            "oldest first; system, stage and customer notes left out"
        );
        assert_eq!(staff[0].id, "woo-note-1");
        assert_eq!(staff[0].at.to_rfc3339(), "2026-12-01T10:00:00+00:00");
    }
}
