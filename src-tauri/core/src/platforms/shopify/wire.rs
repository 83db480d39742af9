//! Shopify's answers as they arrive, for the fields our documents ask for (documents/). Every
//! enum is kept as the string Shopify sent: a value Shopify adds later maps to "unknown"
//! instead of failing the page (map.rs decides what each value means).

use serde::Deserialize;

/// `{ "shopMoney": { "amount": "450.00", "currencyCode": "MXN" } }`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MoneyBag {
    /// The amount in the shop's currency.
    pub shop_money: MoneyV2,
}

/// A decimal string and, where asked, its currency.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MoneyV2 {
    /// `"450.00"`.
    pub amount: String,
    /// `"MXN"`.
    #[serde(default)]
    pub currency_code: Option<String>,
}

/// `Shop`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Shop {
    /// `gid://shopify/Shop/…`.
    pub id: String,
    /// The shop's name.
    pub name: String,
    /// Its currency.
    pub currency_code: String,
    /// IANA time zone.
    pub iana_timezone: String,
    /// `tienda.myshopify.com`.
    #[serde(default)]
    pub myshopify_domain: Option<String>,
}

/// `Customer`, the fields we read.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    /// Full name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
}

/// `MailingAddress`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// Recipient.
    #[serde(default)]
    pub name: Option<String>,
    /// Street and number.
    #[serde(default)]
    pub address1: Option<String>,
    /// Apartment, reference.
    #[serde(default)]
    pub address2: Option<String>,
    /// City.
    #[serde(default)]
    pub city: Option<String>,
    /// State or region.
    #[serde(default)]
    pub province: Option<String>,
    /// Postal code.
    #[serde(default)]
    pub zip: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[serde(default)]
    pub country_code_v2: Option<String>,
    /// Latitude.
    #[serde(default)]
    pub latitude: Option<f64>,
    /// Longitude.
    #[serde(default)]
    pub longitude: Option<f64>,
    /// Phone at the address.
    #[serde(default)]
    pub phone: Option<String>,
}

/// `{ "nodes": [...] }`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Nodes<T> {
    /// The items.
    pub nodes: Vec<T>,
}

impl<T> Default for Nodes<T> {
    fn default() -> Self {
        Nodes { nodes: Vec::new() }
    }
}

/// `LineItem`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct LineItem {
    /// `gid://shopify/LineItem/…`.
    pub id: String,
    /// SKU.
    #[serde(default)]
    pub sku: Option<String>,
    /// Product and variant.
    pub name: String,
    /// Units.
    pub quantity: i64,
    /// Unit price before discounts.
    pub original_unit_price_set: MoneyBag,
    /// Line total after discounts.
    pub discounted_total_set: MoneyBag,
}

/// `DeliveryMethod`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryMethod {
    /// `PICK_UP`, `LOCAL`, `SHIPPING`, …
    pub method_type: String,
}

/// `FulfillmentOrder`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FulfillmentOrder {
    /// `gid://shopify/FulfillmentOrder/…`.
    pub id: String,
    /// `OPEN`, `IN_PROGRESS`, `CLOSED`, …
    pub status: String,
    /// How it reaches the customer.
    #[serde(default)]
    pub delivery_method: Option<DeliveryMethod>,
}

/// `Fulfillment`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Fulfillment {
    /// `gid://shopify/Fulfillment/…`.
    pub id: String,
    /// `FULFILLED`, `READY_FOR_PICKUP`, `DELIVERED`, `PICKED_UP`, …
    #[serde(default)]
    pub display_status: Option<String>,
}

/// `OrderTransaction`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Transaction {
    /// `gid://shopify/OrderTransaction/…`.
    pub id: String,
    /// `manual`, `shopify_payments`, `Cash on Delivery (COD)`, …
    #[serde(default)]
    pub gateway: Option<String>,
    /// `SALE`, `CAPTURE`, `REFUND`, …
    pub kind: String,
    /// `SUCCESS`, `PENDING`, …
    pub status: String,
}

/// `Order`, the fields of documents/order_fields.graphql.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// `gid://shopify/Order/…`.
    pub id: String,
    /// `#1001`.
    pub name: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// RFC 3339, when cancelled.
    #[serde(default)]
    pub cancelled_at: Option<String>,
    /// `CUSTOMER`, `DECLINED`, `FRAUD`, `INVENTORY`, `OTHER`, `STAFF`.
    #[serde(default)]
    pub cancel_reason: Option<String>,
    /// `PAID`, `PENDING`, `PARTIALLY_REFUNDED`, …
    #[serde(default)]
    pub display_financial_status: Option<String>,
    /// `UNFULFILLED`, `FULFILLED`, …
    #[serde(default)]
    pub display_fulfillment_status: Option<String>,
    /// The order's e-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// The order's phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// The customer's note.
    #[serde(default)]
    pub note: Option<String>,
    /// Real tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Who bought it.
    #[serde(default)]
    pub customer: Option<Customer>,
    /// Where it goes.
    #[serde(default)]
    pub shipping_address: Option<Address>,
    /// Total.
    pub total_price_set: MoneyBag,
    /// What was collected.
    pub total_received_set: MoneyBag,
    /// What was refunded.
    pub total_refunded_set: MoneyBag,
    /// Items.
    #[serde(default)]
    pub line_items: Nodes<LineItem>,
    /// Fulfillment orders (what to prepare, from where, how it leaves).
    #[serde(default)]
    pub fulfillment_orders: Nodes<FulfillmentOrder>,
    /// Fulfillments made.
    #[serde(default)]
    pub fulfillments: Vec<Fulfillment>,
    /// Payments and refunds.
    #[serde(default)]
    pub transactions: Vec<Transaction>,
}

/// `pageInfo`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PageInfo {
    /// More pages follow.
    pub has_next_page: bool,
    /// The cursor after this page.
    #[serde(default)]
    pub end_cursor: Option<String>,
}

/// A user error of a mutation.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct UserError {
    /// The input field at fault.
    #[serde(default)]
    pub field: Option<Vec<String>>,
    /// Shopify's words (English).
    pub message: String,
    /// A code, where the mutation has one.
    #[serde(default)]
    pub code: Option<String>,
}

/// `extensions.cost` of every answer.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Cost {
    /// What the query was estimated to cost.
    pub requested_query_cost: f64,
    /// What it cost.
    #[serde(default)]
    pub actual_query_cost: Option<f64>,
    /// The bucket.
    pub throttle_status: ThrottleStatus,
}

/// The leaky bucket of the cost-based rate limit.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ThrottleStatus {
    /// Bucket size.
    pub maximum_available: f64,
    /// Points left now.
    pub currently_available: f64,
    /// Points restored per second.
    pub restore_rate: f64,
}

/// A GraphQL error.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct GraphqlError {
    /// Words.
    pub message: String,
    /// `{ "code": "THROTTLED" | "ACCESS_DENIED" | … }`.
    #[serde(default)]
    pub extensions: Option<serde_json::Value>,
}

impl GraphqlError {
    /// `extensions.code`.
    pub fn code(&self) -> Option<&str> {
        self.extensions.as_ref()?.get("code")?.as_str()
    }
}

/// The envelope of every answer.
#[derive(Clone, Debug, Deserialize)]
pub struct Envelope {
    /// The data (absent on some errors).
    #[serde(default)]
    pub data: Option<serde_json::Value>,
    /// Errors.
    #[serde(default)]
    pub errors: Vec<GraphqlError>,
    /// Cost and more.
    #[serde(default)]
    pub extensions: Option<Extensions>,
}

/// `extensions`.
#[derive(Clone, Debug, Deserialize)]
pub struct Extensions {
    /// The query's cost.
    #[serde(default)]
    pub cost: Option<Cost>,
}
