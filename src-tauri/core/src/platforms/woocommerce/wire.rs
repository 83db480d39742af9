//! WooCommerce REST v3 answers as they arrive, decoded tolerantly: every field has a default,
//! a status this build does not know is kept as text (and shown as unknown), money stays a
//! decimal string until [`super::map`] turns it into minor units.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A number or a string (WooCommerce sends both for the same fields across versions).
fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    })
}

/// WooCommerce's order statuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WooStatus {
    /// Awaiting payment: an unpaid checkout, not an order to prepare.
    Pending,
    /// Paid (or cash on delivery), to fulfil.
    Processing,
    /// Awaiting a transfer.
    OnHold,
    /// Done.
    Completed,
    /// Cancelled.
    Cancelled,
    /// Refunded in full.
    Refunded,
    /// Payment failed.
    Failed,
    /// A block checkout in progress.
    CheckoutDraft,
    /// Being created.
    AutoDraft,
    /// Deleted (in the trash).
    Trash,
    /// A plugin's own status.
    Other(String),
}

impl WooStatus {
    /// From the wire text.
    pub fn parse(text: &str) -> WooStatus {
        match text {
            "pending" => WooStatus::Pending,
            "processing" => WooStatus::Processing,
            "on-hold" => WooStatus::OnHold,
            "completed" => WooStatus::Completed,
            "cancelled" => WooStatus::Cancelled,
            "refunded" => WooStatus::Refunded,
            "failed" => WooStatus::Failed,
            "checkout-draft" => WooStatus::CheckoutDraft,
            "auto-draft" => WooStatus::AutoDraft,
            "trash" => WooStatus::Trash,
            other => WooStatus::Other(other.to_string()),
        }
    }
}

/// One `meta_data` row.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Meta {
    /// Key.
    #[serde(default, deserialize_with = "null_default")]
    pub key: String,
    /// Any JSON.
    #[serde(default)]
    pub value: Value,
}

/// `billing` / `shipping`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Address {
    /// First name.
    #[serde(deserialize_with = "null_default")]
    pub first_name: String,
    /// Last name.
    #[serde(deserialize_with = "null_default")]
    pub last_name: String,
    /// Company.
    #[serde(deserialize_with = "null_default")]
    pub company: String,
    /// Street.
    #[serde(deserialize_with = "null_default")]
    pub address_1: String,
    /// More street.
    #[serde(deserialize_with = "null_default")]
    pub address_2: String,
    /// City.
    #[serde(deserialize_with = "null_default")]
    pub city: String,
    /// State.
    #[serde(deserialize_with = "null_default")]
    pub state: String,
    /// Postcode.
    #[serde(deserialize_with = "null_default")]
    pub postcode: String,
    /// ISO country.
    #[serde(deserialize_with = "null_default")]
    pub country: String,
    /// E-mail (billing only).
    #[serde(deserialize_with = "null_default")]
    pub email: String,
    /// Phone.
    #[serde(deserialize_with = "null_default")]
    pub phone: String,
}

/// One line item.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct LineItem {
    /// Product name (a string, or anything a plugin puts there).
    #[serde(deserialize_with = "text_or_number")]
    pub name: String,
    /// SKU.
    #[serde(deserialize_with = "null_default")]
    pub sku: String,
    /// Quantity.
    #[serde(deserialize_with = "null_default")]
    pub quantity: i64,
    /// Before discounts, decimal string.
    #[serde(deserialize_with = "text_or_number")]
    pub subtotal: String,
    /// After discounts, decimal string.
    #[serde(deserialize_with = "text_or_number")]
    pub total: String,
}

/// One shipping line.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ShippingLine {
    /// `local_pickup`, `pickup_location`, `flat_rate`, …
    #[serde(deserialize_with = "null_default")]
    pub method_id: String,
    /// What the customer saw.
    #[serde(deserialize_with = "null_default")]
    pub method_title: String,
    /// Decimal string.
    #[serde(deserialize_with = "text_or_number")]
    pub total: String,
}

/// A refund as listed inside an order.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct OrderRefund {
    /// Refund id.
    pub id: i64,
    /// Reason.
    #[serde(deserialize_with = "null_default")]
    pub reason: String,
    /// Negative decimal string, e.g. `"-2500"`.
    #[serde(deserialize_with = "text_or_number")]
    pub total: String,
}

/// An order.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct WireOrder {
    /// Id.
    pub id: i64,
    /// The number people say (a plugin may change it).
    #[serde(default, deserialize_with = "text_or_number")]
    pub number: String,
    /// Status text.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// ISO 4217.
    #[serde(default, deserialize_with = "null_default")]
    pub currency: String,
    /// `YYYY-MM-DDTHH:MM:SS`, UTC, no `Z`.
    pub date_created_gmt: String,
    /// Its latest change, UTC, no `Z`.
    pub date_modified_gmt: String,
    /// When paid; null while unpaid.
    #[serde(default)]
    pub date_paid_gmt: Option<String>,
    /// When completed.
    #[serde(default)]
    pub date_completed_gmt: Option<String>,
    /// Decimal string.
    #[serde(default, deserialize_with = "text_or_number")]
    pub total: String,
    /// Billing contact.
    #[serde(default, deserialize_with = "null_default")]
    pub billing: Address,
    /// Where it goes.
    #[serde(default, deserialize_with = "null_default")]
    pub shipping: Address,
    /// Gateway id (`cod`, `bacs`, `stripe`, …).
    #[serde(default, deserialize_with = "null_default")]
    pub payment_method: String,
    /// What the customer saw.
    #[serde(default, deserialize_with = "null_default")]
    pub payment_method_title: String,
    /// The payment's reference (`transaction_id`).
    #[serde(default, deserialize_with = "null_default")]
    pub transaction_id: String,
    /// The customer's note.
    #[serde(default, deserialize_with = "null_default")]
    pub customer_note: String,
    /// Meta rows.
    #[serde(default, deserialize_with = "null_default")]
    pub meta_data: Vec<Meta>,
    /// Lines.
    #[serde(default, deserialize_with = "null_default")]
    pub line_items: Vec<LineItem>,
    /// Shipping.
    #[serde(default, deserialize_with = "null_default")]
    pub shipping_lines: Vec<ShippingLine>,
    /// Refunds so far.
    #[serde(default, deserialize_with = "null_default")]
    pub refunds: Vec<OrderRefund>,
}

impl WireOrder {
    /// The status.
    pub fn woo_status(&self) -> WooStatus {
        WooStatus::parse(&self.status)
    }

    /// A meta value as text.
    pub fn meta(&self, key: &str) -> Option<String> {
        meta_text(&self.meta_data, key)
    }
}

/// A meta value as text (strings as they are, other JSON as JSON).
pub fn meta_text(meta: &[Meta], key: &str) -> Option<String> {
    meta.iter()
        .rev()
        .find(|m| m.key == key)
        .map(|m| match &m.value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
}

/// `GET /orders/{id}/refunds` item.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Refund {
    /// Id.
    pub id: i64,
    /// Positive decimal string.
    #[serde(deserialize_with = "text_or_number")]
    pub amount: String,
    /// Reason.
    #[serde(deserialize_with = "null_default")]
    pub reason: String,
    /// Paid back through the gateway.
    #[serde(deserialize_with = "null_default")]
    pub refunded_payment: bool,
    /// Meta rows.
    #[serde(deserialize_with = "null_default")]
    pub meta_data: Vec<Meta>,
}

/// `GET /orders/{id}/notes` item.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Note {
    /// Id.
    pub id: i64,
    /// Text.
    #[serde(deserialize_with = "null_default")]
    pub note: String,
    /// Sent to the customer.
    #[serde(deserialize_with = "null_default")]
    pub customer_note: bool,
    /// Who wrote it: "WooCommerce" (or "system") for the store and the REST API, a person's
    /// name for a note typed in the admin.
    #[serde(deserialize_with = "null_default")]
    pub author: String,
    /// When (`YYYY-MM-DDTHH:MM:SS`, UTC).
    #[serde(deserialize_with = "null_default")]
    pub date_created_gmt: String,
}

/// `GET /payment_gateways` item.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Gateway {
    /// Id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// Enabled.
    #[serde(deserialize_with = "null_default")]
    pub enabled: bool,
    /// `products`, `refunds`, …
    #[serde(deserialize_with = "null_default")]
    pub method_supports: Vec<String>,
}

/// `GET /settings/general` item.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Setting {
    /// `woocommerce_currency`, …
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// Its value.
    pub value: Value,
}

/// `GET /wp-json/`: the WordPress site.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SiteIndex {
    /// Site title.
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// Site URL.
    #[serde(deserialize_with = "null_default")]
    pub url: String,
    /// IANA zone, empty for a manual offset.
    #[serde(deserialize_with = "null_default")]
    pub timezone_string: String,
    /// Hours from UTC (a number or a string).
    pub gmt_offset: Value,
    /// REST namespaces (`wc/v3` when WooCommerce is active).
    #[serde(deserialize_with = "null_default")]
    pub namespaces: Vec<String>,
}

/// A WordPress REST error body.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ErrorBody {
    /// `rest_invalid_param`, `woocommerce_rest_…`.
    #[serde(deserialize_with = "null_default")]
    pub code: String,
    /// The store's words.
    #[serde(deserialize_with = "null_default")]
    pub message: String,
}
