//! Shopify's orders and shop in Mostrador's model: pure functions, tested as tables
//! (tests/core/platforms/shopify_map.rs).
//!
//! - Stage: cancelled when `cancelledAt` is set; otherwise from the fulfillments and the
//!   fulfillment orders: a fulfillment `DELIVERED`/`PICKED_UP` (or any fulfillment of a pickup
//!   order past `READY_FOR_PICKUP`) is Entregado; `READY_FOR_PICKUP` is Listo para entrega; any
//!   other live fulfillment of a delivery is Enviado; a fulfillment order `IN_PROGRESS` (our
//!   `fulfillmentOrderReportProgress`) is Preparando; anything else not cancelled is
//!   Pendiente.
//! - Pickup vs delivery from the fulfillment order's delivery method: `PICK_UP`,
//!   `PICKUP_POINT` and `RETAIL` are pickup, `LOCAL` is a local delivery, `SHIPPING` a parcel.
//! - Money: Shopify's decimal strings into minor units by the currency's decimals (never a
//!   float); `paid` is `totalReceivedSet` (before refunds), `refunded` is
//!   `totalRefundedSet`.

use chrono::{DateTime, Utc};

use crate::model::{
    Actor, AttentionPolicy, Cancellation, Customer, Fulfillment, HistoryEntry, LineItem, Order,
    OrderStatus, Payment, PaymentMethod, PaymentStatus, Refund, RefundMethod, RefundStatus, Shop,
};
use crate::money::Currency;

use super::wire;

/// A field Shopify sent that Mostrador cannot read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct MapError {
    /// Which field.
    pub field: &'static str,
    /// What is wrong with it.
    pub problem: String,
}

fn bad(field: &'static str, problem: impl Into<String>) -> MapError {
    MapError {
        field,
        problem: problem.into(),
    }
}

/// `"450.00"` in MXN → 45000; `"16800.0"` in CLP → 16800. More decimals than the currency has
/// are refused unless they are zeros (Shopify writes CLP as `"16800.0"`).
pub fn decimal_to_minor(amount: &str, currency: Currency) -> Result<i64, MapError> {
    crate::money::decimal_to_minor(amount, currency, crate::money::ExtraDigits::Refuse, false)
        .map_err(|problem| bad("amount", problem))
}

/// Minor units back into the decimal string Shopify's `Money` scalar takes.
pub fn minor_to_decimal(minor: i64, currency: Currency) -> String {
    let decimals = currency.decimals();
    if decimals == 0 {
        return minor.to_string();
    }
    let scale = 10_i64.pow(decimals);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / scale as u64,
        abs % scale as u64,
        width = decimals as usize
    )
}

fn time(field: &'static str, text: &str) -> Result<DateTime<Utc>, MapError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| bad(field, format!("{text:?}: {e}")))
}

/// The shop: its name, currency and time zone. Shopify never cancels an unattended order by
/// itself, so the attention ladder has reminders and a warning but no auto-cancel.
pub fn map_shop(shop: &wire::Shop) -> Result<Shop, MapError> {
    let currency = Currency::parse(&shop.currency_code)
        .ok_or_else(|| bad("currencyCode", format!("{:?}", shop.currency_code)))?;
    if shop.iana_timezone.parse::<chrono_tz::Tz>().is_err() {
        return Err(bad("ianaTimezone", format!("{:?}", shop.iana_timezone)));
    }
    Ok(Shop {
        id: shop.id.clone(),
        name: shop.name.clone(),
        currency,
        timezone: shop.iana_timezone.clone(),
        locale: "es-MX".into(),
        cancel_window_days: 15,
        attention: AttentionPolicy {
            auto_cancel_after_s: None,
            ..AttentionPolicy::default()
        },
        status_labels: Default::default(),
        refund_fee: Default::default(),
        // What Shopify serves through Mostrador beyond stages and cancels: marking an order
        // paid (`orderMarkAsPaid`) and staff notes (blocks in the order's `note`), as the
        // desk's feature names say.
        features: vec![
            "payments".into(),
            crate::outbox::counter::FEATURE_WHOLE_PAYMENTS.into(),
            "notes".into(),
        ],
    })
}

/// Pickup, local delivery or parcel, from the first fulfillment order's delivery method.
pub fn fulfillment_of(order: &wire::Order) -> Fulfillment {
    let method = order
        .fulfillment_orders
        .nodes
        .iter()
        .find_map(|fo| fo.delivery_method.as_ref())
        .map(|m| m.method_type.as_str());
    match method {
        Some("LOCAL") => Fulfillment::Delivery,
        Some("SHIPPING") => Fulfillment::Parcel,
        _ => Fulfillment::Pickup,
    }
}

/// Mostrador's stage of a Shopify order (see the module's rules).
pub fn stage_of(order: &wire::Order) -> OrderStatus {
    if order.cancelled_at.is_some() {
        return OrderStatus::Cancelled;
    }
    let pickup = fulfillment_of(order) == Fulfillment::Pickup;
    let statuses: Vec<&str> = order
        .fulfillments
        .iter()
        .filter_map(|f| f.display_status.as_deref())
        .filter(|s| !matches!(*s, "CANCELED" | "FAILURE" | "LABEL_VOIDED"))
        .collect();
    if statuses
        .iter()
        .any(|s| matches!(*s, "DELIVERED" | "PICKED_UP"))
    {
        return OrderStatus::Delivered;
    }
    if pickup {
        if statuses.iter().any(|s| *s != "READY_FOR_PICKUP") {
            return OrderStatus::Delivered;
        }
        if !statuses.is_empty() {
            return OrderStatus::Ready;
        }
    } else if !statuses.is_empty() {
        return OrderStatus::Shipped;
    }
    if order
        .fulfillment_orders
        .nodes
        .iter()
        .any(|fo| fo.status == "IN_PROGRESS")
    {
        return OrderStatus::Preparing;
    }
    OrderStatus::Pending
}

/// How the customer paid, from the first sale's gateway.
pub fn payment_method_of(order: &wire::Order) -> (PaymentMethod, Option<String>) {
    let gateway = order
        .transactions
        .iter()
        .find(|t| matches!(t.kind.as_str(), "SALE" | "CAPTURE" | "AUTHORIZATION"))
        .and_then(|t| t.gateway.clone());
    let lower = gateway.as_deref().unwrap_or("").to_ascii_lowercase();
    let method = if lower.contains("cash") || lower.contains("cod") || lower.contains("efectivo") {
        PaymentMethod::Cash
    } else if lower.contains("bank") || lower.contains("transfer") || lower.contains("deposit") {
        PaymentMethod::Transfer
    } else if lower.contains("shopify_payments")
        || lower.contains("card")
        || lower.contains("stripe")
        || lower.contains("mercado")
        || lower == "bogus"
    {
        PaymentMethod::Card
    } else {
        PaymentMethod::Other
    };
    (method, gateway)
}

fn payment_status_of(financial: Option<&str>) -> PaymentStatus {
    match financial {
        Some("PAID") => PaymentStatus::Paid,
        Some("PARTIALLY_REFUNDED") => PaymentStatus::PartiallyRefunded,
        Some("REFUNDED") => PaymentStatus::Refunded,
        _ => PaymentStatus::Unpaid,
    }
}

fn actor_of_cancel(reason: Option<&str>) -> Actor {
    match reason {
        Some("CUSTOMER") => Actor::Customer,
        Some("DECLINED") => Actor::System,
        _ => Actor::Merchant,
    }
}

fn money(field: &'static str, bag: &wire::MoneyBag, currency: Currency) -> Result<i64, MapError> {
    decimal_to_minor(&bag.shop_money.amount, currency).map_err(|e| bad(field, e.problem))
}

fn some_text(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// One Shopify order in Mostrador's model. `currency` is the shop's (amounts are read in shop
/// money, not the customer's presentment currency).
pub fn map_order(order: &wire::Order, currency: Currency) -> Result<Order, MapError> {
    let created_at = time("createdAt", &order.created_at)?;
    let updated_at = time("updatedAt", &order.updated_at)?;
    let cancelled_at = order
        .cancelled_at
        .as_deref()
        .map(|t| time("cancelledAt", t))
        .transpose()?;
    let total = money("totalPriceSet", &order.total_price_set, currency)?;
    let paid = money("totalReceivedSet", &order.total_received_set, currency)?;
    let refunded = money("totalRefundedSet", &order.total_refunded_set, currency)?;
    let (method, gateway) = payment_method_of(order);
    let items = order
        .line_items
        .nodes
        .iter()
        .map(|item| {
            Ok(LineItem {
                sku: item.sku.clone().unwrap_or_default(),
                name: item.name.clone(),
                quantity: item.quantity,
                unit_price: money(
                    "originalUnitPriceSet",
                    &item.original_unit_price_set,
                    currency,
                )?,
                total: money("discountedTotalSet", &item.discounted_total_set, currency)?,
            })
        })
        .collect::<Result<Vec<_>, MapError>>()?;
    let customer = order.customer.clone().unwrap_or_default();
    let status = stage_of(order);
    let mut history = vec![HistoryEntry {
        status: OrderStatus::Pending,
        at: created_at,
        by: Actor::Customer,
        device: None,
    }];
    let cancellation = cancelled_at.map(|at| {
        let by = actor_of_cancel(order.cancel_reason.as_deref());
        history.push(HistoryEntry {
            status: OrderStatus::Cancelled,
            at,
            by,
            device: None,
        });
        Cancellation {
            reason: order
                .cancel_reason
                .as_deref()
                .unwrap_or("OTHER")
                .to_ascii_lowercase(),
            refund_amount: refunded,
            by,
            at,
            refund: (refunded > 0).then_some(Refund {
                method: if method == PaymentMethod::Card {
                    RefundMethod::Gateway
                } else {
                    RefundMethod::Manual
                },
                status: RefundStatus::Succeeded,
                fee: 0,
            }),
        }
    });
    if status != OrderStatus::Pending && status != OrderStatus::Cancelled {
        history.push(HistoryEntry {
            status,
            at: updated_at,
            by: Actor::Merchant,
            device: None,
        });
    }
    // One `note` per order: the customer's part, then Mostrador's staff note blocks.
    let (customer_note, staff_notes) =
        super::notes::split(order.note.as_deref().unwrap_or_default());
    Ok(Order {
        id: order.id.clone(),
        number: order.name.trim_start_matches('#').to_string(),
        version: updated_at.timestamp_millis(),
        seq: updated_at.timestamp_millis(),
        status,
        fulfillment: fulfillment_of(order),
        created_at,
        updated_at,
        auto_cancel_at: None,
        customer: Customer {
            name: some_text(&customer.display_name)
                .or_else(|| {
                    order
                        .shipping_address
                        .as_ref()
                        .and_then(|a| some_text(&a.name))
                })
                .unwrap_or_default(),
            phone: some_text(&customer.phone).or_else(|| some_text(&order.phone)),
            email: some_text(&customer.email).or_else(|| some_text(&order.email)),
        },
        warehouse: None,
        tags: order.tags.clone(),
        currency,
        total,
        paid,
        refunded,
        payment: Payment {
            method,
            gateway,
            status: payment_status_of(order.display_financial_status.as_deref()),
        },
        items,
        documents: Vec::new(),
        error: None,
        cancellation,
        history,
        notes: customer_note,
        staff_notes,
        shipping_address: order.shipping_address.as_ref().and_then(address_of),
        ..Order::default()
    })
}

/// Shopify's `MailingAddress` as the order's delivery address (none without a street).
pub fn address_of(a: &wire::Address) -> Option<crate::model::Address> {
    let line1 = some_text(&a.address1)?;
    Some(crate::model::Address {
        line1,
        line2: some_text(&a.address2),
        city: some_text(&a.city).unwrap_or_default(),
        region: some_text(&a.province).unwrap_or_default(),
        postal_code: some_text(&a.zip).unwrap_or_default(),
        country: some_text(&a.country_code_v2).unwrap_or_default(),
        reference: None,
        lat: a.latitude.map(crate::model::Coordinate),
        lng: a.longitude.map(crate::model::Coordinate),
    })
}

/// The fulfillment orders still open for work (not closed or cancelled), for the mutations.
pub fn open_fulfillment_orders(order: &wire::Order) -> Vec<String> {
    order
        .fulfillment_orders
        .nodes
        .iter()
        .filter(|fo| !matches!(fo.status.as_str(), "CLOSED" | "CANCELLED"))
        .map(|fo| fo.id.clone())
        .collect()
}

/// The sale a refund goes back through: `(transaction id, gateway)`.
pub fn refundable_sale(order: &wire::Order) -> Option<(String, String)> {
    order
        .transactions
        .iter()
        .find(|t| matches!(t.kind.as_str(), "SALE" | "CAPTURE") && t.status == "SUCCESS")
        .map(|t| {
            (
                t.id.clone(),
                t.gateway.clone().unwrap_or_else(|| "manual".into()),
            )
        })
}
