//! Orders and stores for the store's tests, built from API.md's sample order.

use chrono::{DateTime, Utc};
use mostrador_core::model::{Order, OrderStatus, PaymentStatus};
use mostrador_core::store::{Store, orders};

/// API.md's sample order, verbatim.
pub const SAMPLE_ORDER: &str = r#"{ "id": "ord_8f3k", "number": "1042", "version": 3, "seq": 1187,
  "status": "pending", "fulfillment": "pickup",
  "created_at": "2026-11-20T18:02:11Z", "updated_at": "2026-11-20T18:02:11Z",
  "auto_cancel_at": "2026-11-20T18:22:11Z",
  "customer": { "name": "Ana Pérez", "phone": "+52 55 1234 5678", "email": "ana@example.com" },
  "warehouse": "Bodega Centro", "tags": ["web", "promo-buen-fin"],
  "currency": "MXN", "total": 45000, "paid": 45000, "refunded": 0,
  "payment": { "method": "card", "gateway": "conekta", "status": "paid" },
  "items": [ { "sku": "PAN-001", "name": "Concha", "quantity": 10,
               "unit_price": 1500, "total": 15000 } ],
  "documents": [ { "id": "doc_1", "kind": "receipt", "number": "B-5521",
                   "status": "issued", "error": null } ],
  "error": null, "cancellation": null,
  "history": [ { "status": "pending", "at": "2026-11-20T18:02:11Z", "by": "customer" } ],
  "notes": "Sin azúcar" }"#;

pub const MX: chrono_tz::Tz = chrono_tz::America::Mexico_City;
pub const CL: chrono_tz::Tz = chrono_tz::America::Santiago;

/// An instant from RFC 3339.
pub fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("test instants are valid RFC 3339")
}

/// The sample order with its own id and number, created at `created`.
pub fn order(n: u32, created: &str) -> Order {
    let mut o: Order = serde_json::from_str(SAMPLE_ORDER).expect("API.md's sample decodes");
    o.id = format!("ord_{n}");
    o.number = (1000 + n).to_string();
    o.version = 1;
    o.seq = i64::from(n);
    o.created_at = at(created);
    o.updated_at = o.created_at;
    o.tags = vec![];
    o.warehouse = None;
    o
}

/// `o` in `status`, one version later.
pub fn moved(o: &Order, status: OrderStatus) -> Order {
    let mut next = o.clone();
    next.status = status;
    next.version += 1;
    next.seq += 100_000;
    next
}

/// `o` unpaid.
pub fn unpaid(mut o: Order) -> Order {
    o.paid = 0;
    o.payment.status = PaymentStatus::Unpaid;
    o
}

/// A fresh in-memory store holding `list`, written as the server's orders.
pub fn store_with(list: &[Order], tz: chrono_tz::Tz) -> Store {
    let store = Store::open_in_memory().expect("an in-memory store opens");
    store
        .write(|tx| orders::upsert_server(tx, list, tz))
        .expect("the orders are written");
    store
}
