//! WooCommerce → Mostrador, as pure functions (tested as tables on the recorded real answers).
//!
//! - `processing` / `on-hold` → an order to attend: Pendiente, or the stage kept in the
//!   `_mostrador_stage` meta (preparing / ready / shipped);
//! - `completed` → Entregado; `cancelled` / `refunded` / `failed` → Cancelado;
//! - `pending` (an unpaid checkout), `checkout-draft`, `auto-draft` and `trash` are not orders
//!   to attend: they are left out of the list (and taken off it if they were there), so they
//!   never ring; when the customer pays, the order turns `processing` and arrives as new;
//! - a plugin's own status is shown as unknown, never acted on;
//! - paid from `date_paid`, never from the status (cash on delivery is `processing` unpaid);
//! - money from decimal strings into integer minor units of the currency, never floats.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::wire::{Address, SiteIndex, WireOrder, WooStatus};
use crate::model::{
    Actor, AttentionPolicy, Cancellation, Customer, Fulfillment, HistoryEntry, LineItem, Order,
    OrderStatus, Payment, PaymentMethod, PaymentStatus, Refund, RefundMethod, RefundStatus, Shop,
};
use crate::money::Currency;

/// The order meta key of the stage.
pub const STAGE_KEY: &str = "_mostrador_stage";
/// The meta key holding the UUID of the latest Mostrador action on an order or refund.
pub const ACTION_KEY: &str = "_mostrador_action";
/// The order meta key holding the UUID of the Mostrador cancellation.
pub const CANCEL_KEY: &str = "_mostrador_cancel";
/// The order meta key holding the cancellation's reason.
pub const REASON_KEY: &str = "_mostrador_cancel_reason";
/// The order meta key holding how the refund was paid (`gateway` / `manual`).
pub const REFUND_METHOD_KEY: &str = "_mostrador_refund_method";

/// Why an order could not be mapped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("order {id}: {what}")]
pub struct MapError {
    /// The order id.
    pub id: String,
    /// What was wrong.
    pub what: String,
}

/// What mapping a WooCommerce status gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mapped {
    /// Show with this status.
    Show(OrderStatus),
    /// Not an order to attend.
    Hide,
}

/// The desk status of a WooCommerce status and stage meta.
pub fn status(woo: &WooStatus, stage: Option<&str>) -> Mapped {
    match woo {
        WooStatus::Processing | WooStatus::OnHold => Mapped::Show(match stage {
            Some("preparing") => OrderStatus::Preparing,
            Some("ready") => OrderStatus::Ready,
            Some("shipped") => OrderStatus::Shipped,
            _ => OrderStatus::Pending,
        }),
        WooStatus::Completed => Mapped::Show(OrderStatus::Delivered),
        WooStatus::Cancelled | WooStatus::Refunded | WooStatus::Failed => {
            Mapped::Show(OrderStatus::Cancelled)
        }
        WooStatus::Pending | WooStatus::CheckoutDraft | WooStatus::AutoDraft | WooStatus::Trash => {
            Mapped::Hide
        }
        WooStatus::Other(_) => Mapped::Show(OrderStatus::Unknown),
    }
}

/// The `_mostrador_stage` value of a desk status (None for those WooCommerce keeps itself).
pub fn stage_of(status: OrderStatus) -> Option<&'static str> {
    match status {
        OrderStatus::Preparing => Some("preparing"),
        OrderStatus::Ready => Some("ready"),
        OrderStatus::Shipped => Some("shipped"),
        OrderStatus::Delivered => Some("delivered"),
        _ => None,
    }
}

/// Pickup when a shipping line is `local_pickup` or `pickup_location` (or there is none:
/// the customer comes to the counter); delivery otherwise.
pub fn fulfillment(method_ids: &[&str]) -> Fulfillment {
    if method_ids.is_empty()
        || method_ids
            .iter()
            .any(|m| matches!(*m, "local_pickup" | "pickup_location" | "local-pickup"))
    {
        Fulfillment::Pickup
    } else {
        Fulfillment::Delivery
    }
}

/// The payment method of a gateway id.
pub fn payment_method(gateway: &str) -> PaymentMethod {
    match gateway {
        "cod" => PaymentMethod::Cash,
        "bacs" => PaymentMethod::Transfer,
        "" | "cheque" | "other" => PaymentMethod::Other,
        _ => PaymentMethod::Card,
    }
}

/// A decimal string (`"16800"`, `"450.00"`, `"-2500"`) in integer minor units of `currency`.
/// Digits past the currency's decimals are rounded half away from zero, in integers.
pub fn money(text: &str, currency: Currency) -> Result<i64, String> {
    crate::money::decimal_to_minor(text, currency, crate::money::ExtraDigits::Round, true)
        .map_err(|_| format!("{:?} is not an amount", text.trim()))
}

/// Minor units of `currency` as a decimal string with the store's `decimals` (more when the
/// amount needs them, so nothing is lost): CLP 2500 → `"2500"`, MXN 45050 → `"450.50"`.
pub fn money_text(minor: i64, currency: Currency, decimals: u32) -> String {
    let iso = currency.decimals();
    let scale = 10_i64.pow(iso);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.abs();
    let (whole, frac) = (abs / scale, abs % scale);
    let mut frac_text = if iso == 0 {
        String::new()
    } else {
        format!("{frac:0width$}", width = iso as usize)
    };
    while frac_text.len() > decimals as usize && frac_text.ends_with('0') {
        frac_text.pop();
    }
    while frac_text.len() < decimals as usize {
        frac_text.push('0');
    }
    if frac_text.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac_text}")
    }
}

/// A `*_gmt` time (no `Z`) as UTC.
pub fn gmt(text: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(text.trim_end_matches('Z'), "%Y-%m-%dT%H:%M:%S")
        .ok()
        .map(|n| n.and_utc())
}

fn name_of(a: &Address) -> String {
    format!("{} {}", a.first_name.trim(), a.last_name.trim())
        .trim()
        .to_string()
}

fn non_empty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A WooCommerce order as a Mostrador order; `Ok(None)` when it is not one to attend.
pub fn order(wire: &WireOrder) -> Result<Option<Order>, MapError> {
    let id = wire.id.to_string();
    let fail = |what: String| MapError {
        id: id.clone(),
        what,
    };
    let stage = wire.meta(STAGE_KEY);
    let status = match status(&wire.woo_status(), stage.as_deref()) {
        Mapped::Hide => return Ok(None),
        Mapped::Show(s) => s,
    };
    let currency = Currency::parse(&wire.currency)
        .ok_or_else(|| fail(format!("currency {:?} is not ISO 4217", wire.currency)))?;
    let amount = |text: &str| money(text, currency).map_err(&fail);
    let created_at = gmt(&wire.date_created_gmt)
        .ok_or_else(|| fail(format!("date_created_gmt {:?}", wire.date_created_gmt)))?;
    let updated_at = gmt(&wire.date_modified_gmt)
        .ok_or_else(|| fail(format!("date_modified_gmt {:?}", wire.date_modified_gmt)))?;
    let total = amount(&wire.total)?;
    let mut refunded = 0;
    for r in &wire.refunds {
        refunded += amount(&r.total)?.abs();
    }
    // Paid: WooCommerce's `date_paid`, or a payment taken at the counter (its meta).
    let is_paid = super::counter::is_paid(wire);
    let paid = if is_paid { total } else { 0 };
    let payment_status = match (is_paid, refunded) {
        (false, _) => PaymentStatus::Unpaid,
        (true, 0) => PaymentStatus::Paid,
        (true, r) if r >= total => PaymentStatus::Refunded,
        _ => PaymentStatus::PartiallyRefunded,
    };
    let method = payment_method(&wire.payment_method);
    let mut items = Vec::with_capacity(wire.line_items.len());
    for line in &wire.line_items {
        let subtotal = amount(&line.subtotal)?;
        let quantity = line.quantity.max(1);
        items.push(LineItem {
            sku: line.sku.clone(),
            name: line.name.clone(),
            quantity: line.quantity,
            unit_price: subtotal / quantity,
            total: amount(&line.total)?,
        });
    }
    let methods: Vec<&str> = wire
        .shipping_lines
        .iter()
        .map(|s| s.method_id.as_str())
        .collect();
    let contact = if name_of(&wire.billing).is_empty() {
        &wire.shipping
    } else {
        &wire.billing
    };
    let customer = Customer {
        name: name_of(contact),
        phone: non_empty(&wire.billing.phone).or_else(|| non_empty(&wire.shipping.phone)),
        email: non_empty(&wire.billing.email),
    };
    let cancellation = (status == OrderStatus::Cancelled).then(|| Cancellation {
        reason: wire
            .meta(REASON_KEY)
            .or_else(|| wire.refunds.first().map(|r| r.reason.clone()))
            .unwrap_or_default(),
        refund_amount: refunded,
        by: match wire.woo_status() {
            WooStatus::Failed => Actor::System,
            _ => Actor::Merchant,
        },
        at: updated_at,
        refund: (refunded > 0).then(|| Refund {
            method: match wire.meta(REFUND_METHOD_KEY).as_deref() {
                Some("gateway") => RefundMethod::Gateway,
                _ => RefundMethod::Manual,
            },
            status: RefundStatus::Succeeded,
            fee: 0,
        }),
    });
    let mut history = vec![HistoryEntry {
        status: OrderStatus::Pending,
        at: created_at,
        by: Actor::Customer,
        device: None,
    }];
    if status != OrderStatus::Pending {
        history.push(HistoryEntry {
            status,
            at: updated_at,
            by: Actor::Merchant,
            device: None,
        });
    }
    let version = updated_at.timestamp();
    Ok(Some(Order {
        id: id.clone(),
        number: if wire.number.is_empty() {
            id.clone()
        } else {
            wire.number.clone()
        },
        version,
        seq: version,
        status,
        fulfillment: fulfillment(&methods),
        created_at,
        updated_at,
        auto_cancel_at: None,
        customer,
        warehouse: None,
        tags: Vec::new(),
        currency,
        total,
        paid,
        refunded,
        payment: Payment {
            method,
            gateway: (method == PaymentMethod::Card).then(|| wire.payment_method_title.clone()),
            status: payment_status,
        },
        items,
        documents: Vec::new(),
        error: None,
        cancellation,
        history,
        notes: non_empty(&wire.customer_note),
        payments: super::counter::payments(wire, total),
        ..Order::default()
    }))
}

/// The shipping address in one line, for delivery orders ("Av. Siempre Viva 123, Santiago").
pub fn address_line(a: &Address) -> String {
    [&a.address_1, &a.address_2, &a.city, &a.state, &a.postcode]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The site's IANA zone: `timezone_string`, or `Etc/GMT∓N` from a whole-hour `gmt_offset`
/// (POSIX signs are inverted), UTC otherwise.
pub fn timezone(index: &SiteIndex) -> String {
    let named = index.timezone_string.trim();
    if named.parse::<chrono_tz::Tz>().is_ok() {
        return named.to_string();
    }
    let offset: Option<f64> = match &index.gmt_offset {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    match offset {
        Some(h) if h.fract() == 0.0 && h != 0.0 && h.abs() <= 14.0 => {
            let h = h as i64;
            format!("Etc/GMT{}{}", if h < 0 { "+" } else { "-" }, h.abs())
        }
        _ => "UTC".into(),
    }
}

/// `es-CL` for a Chilean store, `es-MX` for a Mexican one (from
/// `woocommerce_default_country`, e.g. `CL:CL-RM`), `es-MX` otherwise.
pub fn locale(country: &str) -> String {
    match country.split(':').next().unwrap_or_default() {
        "CL" => "es-CL".into(),
        "MX" => "es-MX".into(),
        "US" | "GB" | "CA" | "AU" => "en".into(),
        _ => "es-MX".into(),
    }
}

/// The store, from the site index and the general settings.
pub fn store(base_url: &str, index: &SiteIndex, currency: Currency, country: &str) -> Shop {
    Shop {
        id: base_url.to_string(),
        name: if index.name.trim().is_empty() {
            base_url.to_string()
        } else {
            index.name.clone()
        },
        currency,
        timezone: timezone(index),
        locale: locale(country),
        // WooCommerce refunds at any time: no cancel window of its own.
        cancel_window_days: 3650,
        attention: AttentionPolicy {
            reminders_after_s: vec![300, 600],
            warn_after_s: Some(900),
            // WooCommerce never cancels an unattended order by itself.
            auto_cancel_after_s: None,
        },
        status_labels: Default::default(),
        refund_fee: Default::default(),
        // Cobrar (the whole amount due) and staff notes (private order notes).
        features: vec![
            "payments".into(),
            crate::outbox::counter::FEATURE_WHOLE_PAYMENTS.into(),
            "notes".into(),
        ],
    }
}
