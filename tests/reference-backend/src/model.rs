//! The order as it goes over the wire (API.md), and the transition table.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

/// Status of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// New, waiting for the merchant.
    Pending,
    /// Being prepared.
    Preparing,
    /// Ready for pickup or dispatch.
    Ready,
    /// On its way.
    Shipped,
    /// Delivered (final).
    Delivered,
    /// Cancelled (final).
    Cancelled,
}

impl Status {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Preparing => "preparing",
            Status::Ready => "ready",
            Status::Shipped => "shipped",
            Status::Delivered => "delivered",
            Status::Cancelled => "cancelled",
        }
    }

    /// All statuses.
    pub const ALL: [Status; 6] = [
        Status::Pending,
        Status::Preparing,
        Status::Ready,
        Status::Shipped,
        Status::Delivered,
        Status::Cancelled,
    ];
}

/// How the order reaches the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fulfillment {
    /// Customer picks up at the store.
    Pickup,
    /// Local delivery.
    Delivery,
    /// Parcel carrier.
    Parcel,
}

/// The transition table of API.md: may an order with `fulfillment` move `from` → `to`?
pub fn transition_allowed(fulfillment: Fulfillment, from: Status, to: Status) -> bool {
    use Status::*;
    let ships = matches!(fulfillment, Fulfillment::Delivery | Fulfillment::Parcel);
    match (from, to) {
        (Pending, Preparing) | (Preparing, Ready) => true,
        (Preparing, Shipped) | (Ready, Shipped) | (Shipped, Delivered) => ships,
        (Ready, Delivered) => fulfillment == Fulfillment::Pickup,
        _ => false,
    }
}

/// Who made a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The shop owner through the API.
    Merchant,
    /// The customer (through the platform).
    Customer,
    /// The platform's auto-cancel.
    Auto,
    /// The platform itself.
    System,
}

/// The buyer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Full name.
    pub name: String,
    /// Phone, international format.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
}

/// Payment of the order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payment {
    /// `card | cash | transfer | other`.
    pub method: PaymentMethod,
    /// Card gateway name, if any.
    #[serde(default)]
    pub gateway: Option<String>,
    /// `unpaid | paid | partially_refunded | refunded`.
    pub status: PaymentStatus,
}

/// Payment method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Card through a gateway: refunds go through it.
    Card,
    /// Cash.
    Cash,
    /// Bank transfer.
    Transfer,
    /// Anything else.
    Other,
}

/// Payment status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Nothing paid.
    Unpaid,
    /// Paid in full.
    Paid,
    /// Part of the payment refunded.
    PartiallyRefunded,
    /// All of the payment refunded.
    Refunded,
}

/// One line of the order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stock keeping unit.
    pub sku: String,
    /// Product name.
    pub name: String,
    /// Units.
    pub quantity: i64,
    /// Price of one unit, minor units.
    pub unit_price: i64,
    /// `quantity * unit_price`.
    pub total: i64,
}

/// Kind of a fiscal document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Sales note.
    SalesNote,
    /// Receipt (boleta).
    Receipt,
    /// Invoice (factura).
    Invoice,
    /// Credit note (issued on refunds).
    CreditNote,
}

/// Status of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// Issued.
    Issued,
    /// Being issued.
    Pending,
    /// Failed; may be retried.
    Error,
}

/// A fiscal document of the order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Id, unique in the store.
    pub id: String,
    /// Kind.
    pub kind: DocumentKind,
    /// Folio, once issued.
    #[serde(default)]
    pub number: Option<String>,
    /// Status.
    pub status: DocumentStatus,
    /// Why it failed.
    #[serde(default)]
    pub error: Option<String>,
}

/// A problem with the order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderError {
    /// `oversell | api_error | document_error | payment_error`.
    pub code: String,
    /// Human text.
    pub message: String,
    /// Whether a retry may help.
    #[serde(default)]
    pub retryable: bool,
}

/// How the refund was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refund {
    /// `gateway | manual`.
    pub method: String,
    /// `succeeded | pending`.
    pub status: String,
    /// Gateway fee, minor units.
    pub fee: i64,
}

/// Why and how the order was cancelled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cancellation {
    /// Reason, trimmed.
    pub reason: String,
    /// Refunded amount, minor units.
    pub refund_amount: i64,
    /// `merchant | auto | customer`.
    pub by: Actor,
    /// When.
    #[serde(with = "ts")]
    pub at: DateTime<Utc>,
    /// The refund.
    pub refund: Refund,
}

/// One status change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// New status.
    pub status: Status,
    /// When.
    #[serde(with = "ts")]
    pub at: DateTime<Utc>,
    /// Who.
    pub by: Actor,
    /// The `Device-Name` of the merchant request that made it; null for customer/auto/system.
    #[serde(default)]
    pub device: Option<String>,
}

/// Where a delivery or parcel goes (v1 addition).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Address {
    /// Street and number.
    #[serde(default)]
    pub line1: String,
    /// Apartment, floor, colonia.
    #[serde(default)]
    pub line2: Option<String>,
    /// City or comuna.
    #[serde(default)]
    pub city: String,
    /// State or región.
    #[serde(default)]
    pub region: String,
    /// Postal code.
    #[serde(default)]
    pub postal_code: String,
    /// ISO 3166-1 alpha-2.
    #[serde(default)]
    pub country: String,
    /// How to find it ("portón verde").
    #[serde(default)]
    pub reference: Option<String>,
    /// Latitude, if known.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Longitude, if known.
    #[serde(default)]
    pub lng: Option<f64>,
}

/// Money collected for the order (v1 addition); `paid` is the sum of these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentRecord {
    /// Id, unique in the order.
    pub id: String,
    /// Minor units, > 0.
    pub amount: i64,
    /// How it was paid.
    pub method: PaymentMethod,
    /// When.
    #[serde(with = "ts")]
    pub at: DateTime<Utc>,
    /// Bank or terminal reference.
    #[serde(default)]
    pub reference: Option<String>,
    /// Device that recorded it.
    #[serde(default)]
    pub device: Option<String>,
}

/// The shop's own note on an order, never shown to the customer (v1 addition).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffNote {
    /// Id, unique in the order.
    pub id: String,
    /// Trimmed text, 1–1000 characters.
    pub text: String,
    /// When.
    #[serde(with = "ts")]
    pub at: DateTime<Utc>,
    /// Device that wrote it.
    #[serde(default)]
    pub device: Option<String>,
}

/// An order, exactly as `GET /v1/orders/{id}` returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    /// Opaque id.
    pub id: String,
    /// Human number.
    pub number: String,
    /// +1 on every change.
    pub version: i64,
    /// Store-wide change sequence of the latest change.
    pub seq: i64,
    /// Status.
    pub status: Status,
    /// Fulfilment.
    pub fulfillment: Fulfillment,
    /// Created.
    #[serde(with = "ts")]
    pub created_at: DateTime<Utc>,
    /// Last changed.
    #[serde(with = "ts")]
    pub updated_at: DateTime<Utc>,
    /// When the backend cancels it if still pending; null unless pending.
    #[serde(with = "ts_opt")]
    pub auto_cancel_at: Option<DateTime<Utc>>,
    /// Buyer.
    pub customer: Customer,
    /// Warehouse or branch that serves it.
    pub warehouse: String,
    /// Tags.
    pub tags: Vec<String>,
    /// ISO 4217.
    pub currency: String,
    /// Total, minor units.
    pub total: i64,
    /// Paid, minor units.
    pub paid: i64,
    /// Refunded so far, minor units.
    pub refunded: i64,
    /// Payment.
    pub payment: Payment,
    /// Lines.
    pub items: Vec<Item>,
    /// Fiscal documents.
    pub documents: Vec<Document>,
    /// Current problem, if any.
    pub error: Option<OrderError>,
    /// Set once cancelled.
    pub cancellation: Option<Cancellation>,
    /// Status changes, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Customer notes.
    pub notes: Option<String>,
    /// Where it goes (delivery, parcel); null on pickup.
    #[serde(default)]
    pub shipping_address: Option<Address>,
    /// When the customer wants it.
    #[serde(default, with = "ts_opt")]
    pub scheduled_for: Option<DateTime<Utc>>,
    /// Money collected, in order.
    #[serde(default)]
    pub payments: Vec<PaymentRecord>,
    /// The shop's notes.
    #[serde(default)]
    pub staff_notes: Vec<StaffNote>,
    /// When someone at the shop first acknowledged it (API.md acknowledgements).
    #[serde(default, with = "ts_opt")]
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// The `Device-Name` of that acknowledgement, if the request carried one.
    #[serde(default)]
    pub acknowledged_by: Option<String>,
}

/// RFC 3339 in UTC with `Z`, whole seconds.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Serde for timestamps as RFC 3339 with `Z`.
pub mod ts {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serialize.
    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::rfc3339(*t))
    }

    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let s = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(serde::de::Error::custom)
    }
}

/// Serde for optional timestamps.
pub mod ts_opt {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serialize.
    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&super::rfc3339(*t)),
            None => s.serialize_none(),
        }
    }

    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) => DateTime::parse_from_rfc3339(&s)
                .map(|t| Some(t.with_timezone(&Utc)))
                .map_err(serde::de::Error::custom),
        }
    }
}
