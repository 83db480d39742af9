//! The shop's orders and store as the backend sends them (../shared/API.md), decoded leniently:
//! an enum value this build does not know decodes as `Unknown`, never a panic.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::money::{Currency, Money};

mod counter;
mod shop;
pub use counter::{Address, Coordinate, PaymentRecord, StaffNote};
pub use shop::{AttentionPolicy, FEATURE_ACKNOWLEDGEMENTS, Locale, RefundFee, Shop, StatusLabels};

/// An enum of the wire with its names written once: `Variant = "wire_name"`. Unknown values
/// decode as `Unknown`; `as_str`/`from_wire` and serde use the same names.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[ts(export)]
        pub enum $name {
            $($(#[$vmeta])* #[doc = $wire] #[serde(rename = $wire)] $variant,)+
            /// A value this build does not know (a newer backend); shown, never acted on.
            #[serde(other, rename = "unknown")]
            Unknown,
        }

        impl $name {
            /// Every known value, without `Unknown`.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire name, as in API.md.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown => "unknown",
                }
            }

            /// Parses a wire name; anything else is `Unknown`.
            pub fn from_wire(text: &str) -> $name {
                match text {
                    $($wire => $name::$variant,)+
                    _ => $name::Unknown,
                }
            }
        }
    };
}

wire_enum!(
    /// Where an order is in its life.
    OrderStatus { Pending = "pending", Preparing = "preparing", Ready = "ready", Shipped = "shipped", Delivered = "delivered", Cancelled = "cancelled" }
);
wire_enum!(
    /// How the order reaches the customer.
    Fulfillment { Pickup = "pickup", Delivery = "delivery", Parcel = "parcel" }
);
wire_enum!(
    /// How the customer paid.
    PaymentMethod { Card = "card", Cash = "cash", Transfer = "transfer", Other = "other" }
);
wire_enum!(
    /// Where the payment stands.
    PaymentStatus { Unpaid = "unpaid", Paid = "paid", PartiallyRefunded = "partially_refunded", Refunded = "refunded" }
);
wire_enum!(
    /// A tax or sales document.
    DocumentKind { SalesNote = "sales_note", Receipt = "receipt", Invoice = "invoice", CreditNote = "credit_note" }
);
wire_enum!(
    /// Whether a document was issued.
    DocumentStatus { Issued = "issued", Pending = "pending", Error = "error" }
);
wire_enum!(
    /// What is wrong with an error order.
    OrderErrorCode { Oversell = "oversell", ApiError = "api_error", DocumentError = "document_error", PaymentError = "payment_error" }
);
wire_enum!(
    /// Who did something to an order.
    Actor { Merchant = "merchant", Auto = "auto", Customer = "customer", System = "system" }
);
wire_enum!(
    /// How a refund is paid back.
    RefundMethod { Gateway = "gateway", Manual = "manual" }
);
wire_enum!(
    /// Whether a refund went through.
    RefundStatus { Succeeded = "succeeded", Pending = "pending" }
);

/// The customer of an order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Customer {
    /// Full name, e.g. "Ana Pérez".
    #[serde(default)]
    pub name: String,
    /// Phone in international form.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
}

/// The payment of an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Payment {
    /// card | cash | transfer | other.
    pub method: PaymentMethod,
    /// Card gateway, when any.
    #[serde(default)]
    pub gateway: Option<String>,
    /// unpaid | paid | partially_refunded | refunded.
    pub status: PaymentStatus,
}

/// One line of an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LineItem {
    /// Stock-keeping unit.
    #[serde(default)]
    pub sku: String,
    /// Product name.
    pub name: String,
    /// How many.
    #[ts(type = "number")]
    pub quantity: i64,
    /// Price of one, minor units.
    #[ts(type = "number")]
    pub unit_price: i64,
    /// Line total, minor units.
    #[ts(type = "number")]
    pub total: i64,
}

/// A sales note, receipt, invoice or credit note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Document {
    /// Opaque id, used to retry it.
    pub id: String,
    /// sales_note | receipt | invoice | credit_note.
    pub kind: DocumentKind,
    /// Folio, once issued.
    #[serde(default)]
    pub number: Option<String>,
    /// issued | pending | error.
    pub status: DocumentStatus,
    /// Why it failed.
    #[serde(default)]
    pub error: Option<String>,
}

/// Why an order is an error order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrderError {
    /// oversell | api_error | document_error | payment_error.
    pub code: OrderErrorCode,
    /// The platform's words.
    #[serde(default)]
    pub message: String,
    /// Whether retrying can fix it.
    #[serde(default)]
    pub retryable: bool,
}

/// How a cancellation's refund was paid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Refund {
    /// gateway | manual.
    pub method: RefundMethod,
    /// succeeded | pending.
    pub status: RefundStatus,
    /// What the gateway charged for it, minor units.
    #[serde(default)]
    #[ts(type = "number")]
    pub fee: i64,
}

/// A cancelled order's cancellation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Cancellation {
    /// The reason given.
    #[serde(default)]
    pub reason: String,
    /// Refunded with it, minor units.
    #[serde(default)]
    #[ts(type = "number")]
    pub refund_amount: i64,
    /// merchant | auto | customer.
    pub by: Actor,
    /// When.
    pub at: DateTime<Utc>,
    /// How the refund was paid.
    #[serde(default)]
    pub refund: Option<Refund>,
}

/// One step of an order's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    /// The status it reached.
    pub status: OrderStatus,
    /// When.
    pub at: DateTime<Utc>,
    /// Who moved it.
    pub by: Actor,
    /// The device that did it ("Caja 1"); none for the customer, auto-cancel or the platform.
    #[serde(default)]
    pub device: Option<String>,
}

/// An order, as API.md defines it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Order {
    /// Opaque id.
    pub id: String,
    /// The number people say: "1042".
    pub number: String,
    /// +1 on every change.
    #[ts(type = "number")]
    pub version: i64,
    /// Store-wide change sequence of its latest change.
    #[ts(type = "number")]
    pub seq: i64,
    /// Where it is.
    pub status: OrderStatus,
    /// pickup | delivery | parcel.
    pub fulfillment: Fulfillment,
    /// When the customer placed it.
    pub created_at: DateTime<Utc>,
    /// Its latest change.
    pub updated_at: DateTime<Utc>,
    /// When the platform cancels it if nobody attends it; only while pending.
    #[serde(default)]
    pub auto_cancel_at: Option<DateTime<Utc>>,
    /// Who ordered.
    #[serde(default)]
    pub customer: Customer,
    /// Where it is prepared.
    #[serde(default)]
    pub warehouse: Option<String>,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// ISO 4217.
    pub currency: Currency,
    /// Order total, minor units.
    #[ts(type = "number")]
    pub total: i64,
    /// Paid so far, minor units.
    #[serde(default)]
    #[ts(type = "number")]
    pub paid: i64,
    /// Refunded so far, minor units.
    #[serde(default)]
    #[ts(type = "number")]
    pub refunded: i64,
    /// The payment.
    pub payment: Payment,
    /// Lines.
    #[serde(default)]
    pub items: Vec<LineItem>,
    /// Tax and sales documents.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Set on an error order.
    #[serde(default)]
    pub error: Option<OrderError>,
    /// Set once cancelled.
    #[serde(default)]
    pub cancellation: Option<Cancellation>,
    /// Status changes, oldest first.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// The customer's notes.
    #[serde(default)]
    pub notes: Option<String>,
    /// Where it goes (delivery, parcel).
    #[serde(default)]
    pub shipping_address: Option<Address>,
    /// When the customer wants it.
    #[serde(default)]
    pub scheduled_for: Option<DateTime<Utc>>,
    /// Money collected, in order.
    #[serde(default)]
    pub payments: Vec<PaymentRecord>,
    /// The shop's own notes.
    #[serde(default)]
    pub staff_notes: Vec<StaffNote>,
    /// When someone at the shop first acknowledged it, on any device (API.md
    /// acknowledgements); `None` when unseen or the platform does not serve acknowledgements.
    #[serde(default)]
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// The device that acknowledged it ("Caja 1"), when it said.
    #[serde(default)]
    pub acknowledged_by: Option<String>,
}

impl Order {
    /// What can still be refunded: paid − refunded.
    pub fn refundable(&self) -> Money {
        Money::new((self.paid - self.refunded).max(0), self.currency)
    }

    /// Sales that count for KPIs: paid − refunded.
    pub fn net_sales(&self) -> i64 {
        self.paid - self.refunded
    }

    /// Whether nothing has been paid yet.
    pub fn is_unpaid(&self) -> bool {
        self.payment.status == PaymentStatus::Unpaid
    }

    /// What is still owed: total − paid, never below zero.
    pub fn due(&self) -> Money {
        Money::new((self.total - self.paid).max(0), self.currency)
    }
}

impl Default for Order {
    /// An empty pending pickup order in MXN: a base for tests and connectors to fill.
    fn default() -> Self {
        Order {
            id: String::new(),
            number: String::new(),
            version: 0,
            seq: 0,
            status: OrderStatus::Pending,
            fulfillment: Fulfillment::Pickup,
            created_at: DateTime::<Utc>::default(),
            updated_at: DateTime::<Utc>::default(),
            auto_cancel_at: None,
            customer: Customer::default(),
            warehouse: None,
            tags: Vec::new(),
            currency: Currency::MXN,
            total: 0,
            paid: 0,
            refunded: 0,
            payment: Payment {
                method: PaymentMethod::Other,
                gateway: None,
                status: PaymentStatus::Unpaid,
            },
            items: Vec::new(),
            documents: Vec::new(),
            error: None,
            cancellation: None,
            history: Vec::new(),
            notes: None,
            shipping_address: None,
            scheduled_for: None,
            payments: Vec::new(),
            staff_notes: Vec::new(),
            acknowledged_at: None,
            acknowledged_by: None,
        }
    }
}
