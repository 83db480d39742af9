//! One page of `GET /v1/orders?after=`, decoded order by order: one order that does not
//! decode (a `null` name, a number sent as an integer, a missing field, a timestamp without
//! an offset) is set aside as a [`BadOrder`], and the rest of the page arrives.

use serde::Deserialize;

use crate::model::Order;

/// One page of `GET /v1/orders?after=`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "WirePage")]
pub struct OrdersPage {
    /// Orders with `seq > after`, ascending by seq, that decoded.
    pub orders: Vec<Order>,
    /// Seq of the last order (or `after`): the next cursor, past the bad ones too.
    pub next_after: i64,
    /// More pages follow.
    pub has_more: bool,
    /// The JSON text each of `orders` was decoded from, in the same order: the store keeps it
    /// as received instead of encoding every order again.
    pub json: Vec<Box<str>>,
    /// The orders of the page that did not decode, raw, for the quarantine.
    pub bad: Vec<BadOrder>,
}

/// `GET /v1/orders` as it arrives: each order's text kept whole, decoded in a second step.
#[derive(Deserialize)]
struct WirePage {
    orders: Vec<Box<serde_json::value::RawValue>>,
    next_after: i64,
    has_more: bool,
}

impl From<WirePage> for OrdersPage {
    fn from(wire: WirePage) -> OrdersPage {
        let mut page = OrdersPage {
            orders: Vec::with_capacity(wire.orders.len()),
            next_after: wire.next_after,
            has_more: wire.has_more,
            json: Vec::with_capacity(wire.orders.len()),
            bad: Vec::new(),
        };
        for raw in wire.orders {
            match serde_json::from_str::<Order>(raw.get()) {
                Ok(order) => {
                    page.orders.push(order);
                    page.json.push(Box::<str>::from(raw));
                }
                Err(err) => page.bad.push(BadOrder::new(raw.get(), err.to_string())),
            }
        }
        page
    }
}

/// An order of a page that did not decode, as far as it could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadOrder {
    /// The order's id when it could be read; else `seq:<n>`, else `raw:<hash>`.
    pub key: String,
    /// Its id, when readable.
    pub order_id: Option<String>,
    /// Its number, when readable.
    pub number: Option<String>,
    /// Its seq, when readable.
    pub seq: Option<i64>,
    /// The JSON text as received.
    pub raw: Box<str>,
    /// Why it did not decode.
    pub error: String,
}

impl BadOrder {
    /// Reads what it can of `raw` (which failed to decode with `error`).
    pub fn new(raw: &str, error: String) -> BadOrder {
        let value: serde_json::Value = serde_json::from_str(raw).unwrap_or_default();
        let text = |name: &str| match value.get(name) {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let order_id = text("id");
        let seq = value.get("seq").and_then(serde_json::Value::as_i64);
        let key = match (&order_id, seq) {
            (Some(id), _) => id.clone(),
            (None, Some(seq)) => format!("seq:{seq}"),
            (None, None) => format!("raw:{:016x}", fnv1a(raw.as_bytes())),
        };
        BadOrder {
            key,
            order_id,
            number: text("number"),
            seq,
            raw: raw.into(),
            error,
        }
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
