//! The shop's orders and what the mutations do to them.

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

/// A line of an order.
#[derive(Clone, Debug, Deserialize)]
pub struct NewItem {
    /// SKU.
    #[serde(default)]
    pub sku: Option<String>,
    /// Title.
    pub name: String,
    /// Units.
    pub quantity: i64,
    /// Unit price, decimal string.
    pub price: String,
}

/// `POST /admin/test/orders`: what a new order looks like (the rest is filled in).
#[derive(Clone, Debug, Deserialize)]
pub struct NewOrder {
    /// `PICK_UP`, `LOCAL` or `SHIPPING`.
    #[serde(default = "pick_up")]
    pub delivery: String,
    /// `PAID` or `PENDING` (cash at pickup).
    #[serde(default = "paid")]
    pub financial: String,
    /// `shopify_payments`, `manual`, `Cash on Delivery (COD)`, …
    #[serde(default = "gateway")]
    pub gateway: String,
    /// Customer name.
    #[serde(default = "customer")]
    pub customer: String,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Items (one by default).
    #[serde(default)]
    pub items: Vec<NewItem>,
    /// Raw JSON that replaces the order's node in every answer (a malformed order).
    #[serde(default)]
    pub broken: Option<Value>,
}

fn pick_up() -> String {
    "PICK_UP".into()
}
fn paid() -> String {
    "PAID".into()
}
fn gateway() -> String {
    "shopify_payments".into()
}
fn customer() -> String {
    "Ana Pérez".into()
}

/// A refund made.
#[derive(Clone, Debug)]
pub struct RefundMade {
    /// GID.
    pub id: String,
    /// Minor units (centavos).
    pub amount: i64,
    /// The idempotency key it was made with.
    pub key: String,
}

/// One order as the fake keeps it. Money is in centavos (the fake's shop is in MXN).
#[derive(Clone, Debug)]
pub struct FakeOrder {
    /// Numeric id.
    pub n: u64,
    /// When created.
    pub created_at: DateTime<Utc>,
    /// When last changed (seconds).
    pub updated_at: DateTime<Utc>,
    /// Cancelled at.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The order as created.
    pub new: NewOrder,
    /// Total, centavos.
    pub total: i64,
    /// Received, centavos.
    pub received: i64,
    /// Refunds made.
    pub refunds: Vec<RefundMade>,
    /// `OPEN`, `IN_PROGRESS`, `CLOSED`, `CANCELLED`.
    pub fo_status: String,
    /// `(id, displayStatus)` of fulfillments.
    pub fulfillments: Vec<(String, String)>,
    /// Times each mutation took effect, by name (the audit of "done once").
    pub effects: HashMap<String, u32>,
    /// The order's one `note` (the customer's checkout note; `orderUpdate` rewrites it).
    pub note: Option<String>,
}

/// `"450.00"` ↔ centavos.
pub fn cents(decimal: &str) -> Option<i64> {
    let (whole, frac) = decimal.split_once('.').unwrap_or((decimal, ""));
    let frac = format!("{frac:0<2}");
    if frac.len() != 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(whole.parse::<i64>().ok()? * 100 + frac.parse::<i64>().ok()?)
}

/// Centavos → `"450.00"`.
pub fn decimal(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Shopify's time format.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn money(cents: i64) -> Value {
    json!({ "shopMoney": { "amount": decimal(cents), "currencyCode": "MXN" } })
}

impl FakeOrder {
    /// `gid://shopify/Order/…`.
    pub fn gid(&self) -> String {
        format!("gid://shopify/Order/{}", self.n)
    }

    /// Its one fulfillment order.
    pub fn fo_gid(&self) -> String {
        format!("gid://shopify/FulfillmentOrder/{}", self.n)
    }

    /// Refunded so far.
    pub fn refunded(&self) -> i64 {
        self.refunds.iter().map(|r| r.amount).sum()
    }

    fn financial(&self) -> &str {
        let refunded = self.refunded();
        if refunded > 0 && refunded >= self.received {
            "REFUNDED"
        } else if refunded > 0 {
            "PARTIALLY_REFUNDED"
        } else if self.received >= self.total {
            "PAID"
        } else if self.received > 0 {
            "PARTIALLY_PAID"
        } else {
            "PENDING"
        }
    }

    /// Counts one effect of a mutation.
    pub fn effect(&mut self, name: &str, now: DateTime<Utc>) {
        *self.effects.entry(name.to_string()).or_default() += 1;
        self.updated_at = now;
    }

    /// The order as the `OrderFields` fragment asks for it.
    pub fn node(&self) -> Value {
        if let Some(broken) = &self.new.broken {
            return broken.clone();
        }
        let items: Vec<Value> = self
            .items()
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let unit = cents(&item.price).unwrap_or(0);
                json!({
                    "id": format!("gid://shopify/LineItem/{}{:02}", self.n, i),
                    "sku": item.sku,
                    "name": item.name,
                    "quantity": item.quantity,
                    "originalUnitPriceSet": { "shopMoney": { "amount": decimal(unit) } },
                    "discountedTotalSet": { "shopMoney": { "amount": decimal(unit * item.quantity) } },
                })
            })
            .collect();
        let mut transactions = vec![json!({
            "id": format!("gid://shopify/OrderTransaction/{}0", self.n),
            "gateway": self.new.gateway,
            "kind": "SALE",
            "status": if self.received > 0 { "SUCCESS" } else { "PENDING" },
        })];
        for (i, r) in self.refunds.iter().enumerate() {
            transactions.push(json!({
                "id": format!("gid://shopify/OrderTransaction/{}{}", self.n, i + 1),
                "gateway": self.new.gateway,
                "kind": "REFUND",
                "status": "SUCCESS",
            }));
            let _ = r;
        }
        transactions.truncate(5);
        let shipping = (self.new.delivery != "PICK_UP").then(|| {
            json!({
                "name": self.new.customer,
                "address1": "Av. Álvaro Obregón 120",
                "address2": "Depto. 4",
                "city": "Ciudad de México",
                "province": "CDMX",
                "zip": "06700",
                "countryCodeV2": "MX",
                "latitude": 19.4194,
                "longitude": -99.1617,
                "phone": "+525512345678",
            })
        });
        json!({
            "id": self.gid(),
            "name": format!("#{}", self.n),
            "createdAt": stamp(self.created_at),
            "updatedAt": stamp(self.updated_at),
            "cancelledAt": self.cancelled_at.map(stamp),
            "cancelReason": self.cancelled_at.map(|_| "OTHER"),
            "displayFinancialStatus": self.financial(),
            "displayFulfillmentStatus": if self.fo_status == "CLOSED" { "FULFILLED" } else if self.fo_status == "IN_PROGRESS" { "IN_PROGRESS" } else { "UNFULFILLED" },
            "email": "ana@example.com",
            "phone": "+525512345678",
            "note": self.note,
            "tags": self.new.tags,
            "customer": { "displayName": self.new.customer, "email": "ana@example.com", "phone": "+525512345678" },
            "shippingAddress": shipping,
            "totalPriceSet": money(self.total),
            "totalReceivedSet": money(self.received),
            "totalRefundedSet": money(self.refunded()),
            "lineItems": { "nodes": items },
            "fulfillmentOrders": { "nodes": [{
                "id": self.fo_gid(),
                "status": self.fo_status,
                "deliveryMethod": { "methodType": self.new.delivery },
            }] },
            "fulfillments": self.fulfillments.iter().map(|(id, status)| json!({ "id": id, "displayStatus": status })).collect::<Vec<_>>(),
            "transactions": transactions,
        })
    }

    fn items(&self) -> Vec<NewItem> {
        if self.new.items.is_empty() {
            vec![NewItem {
                sku: Some("TAC-01".into()),
                name: "Tacos al pastor".into(),
                quantity: 3,
                price: "150.00".into(),
            }]
        } else {
            self.new.items.clone()
        }
    }
}

/// A cancel job.
#[derive(Clone, Debug)]
pub struct Job {
    /// The order it cancels.
    pub order: u64,
    /// Polls left before it is done.
    pub polls_left: u32,
    /// Done.
    pub done: bool,
}

/// Everything the fake shop holds.
#[derive(Debug, Default)]
pub struct State {
    /// Orders by number.
    pub orders: Vec<FakeOrder>,
    /// Cancel jobs by id.
    pub jobs: HashMap<String, Job>,
    /// Refund GIDs by idempotency key.
    pub refund_keys: HashMap<String, (u64, String)>,
    /// Polls a cancel job needs before it is done.
    pub job_polls: u32,
    next: u64,
}

impl State {
    /// A new order, changed now.
    pub fn create(&mut self, new: NewOrder, now: DateTime<Utc>) -> &FakeOrder {
        self.next += 1;
        let n = 1000 + self.next;
        let mut order = FakeOrder {
            n,
            created_at: now,
            updated_at: now,
            cancelled_at: None,
            total: 0,
            received: 0,
            refunds: Vec::new(),
            fo_status: "OPEN".into(),
            fulfillments: Vec::new(),
            effects: HashMap::new(),
            note: Some("Sin cebolla, por favor".into()),
            new,
        };
        order.total = order
            .items()
            .iter()
            .map(|i| cents(&i.price).unwrap_or(0) * i.quantity)
            .sum();
        if order.new.financial == "PAID" {
            order.received = order.total;
        }
        self.orders.push(order);
        self.orders.last().expect("just pushed")
    }

    /// The order with this GID.
    pub fn by_gid(&mut self, gid: &str) -> Option<&mut FakeOrder> {
        let n: u64 = gid.rsplit('/').next()?.parse().ok()?;
        self.orders.iter_mut().find(|o| o.n == n)
    }

    /// Completes every job whose polls are used up.
    pub fn finish_jobs(&mut self, now: DateTime<Utc>) {
        let done: Vec<u64> = self
            .jobs
            .values_mut()
            .filter(|j| !j.done && j.polls_left == 0)
            .map(|j| {
                j.done = true;
                j.order
            })
            .collect();
        for n in done {
            if let Some(order) = self.orders.iter_mut().find(|o| o.n == n) {
                order.cancelled_at = Some(now);
                order.fo_status = "CANCELLED".into();
                order.effect("orderCancel", now);
            }
        }
    }
}
