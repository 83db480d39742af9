//! Orders and stores for outbox tests.

use chrono::{DateTime, TimeZone, Utc};
use mostrador_core::model::{Order, OrderStatus, Shop};
use mostrador_core::money::Currency;
use mostrador_core::store::{Store, meta, orders};

/// 2026-11-20 18:00 UTC.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 18, 0, 0).unwrap()
}

/// A paid card pickup order of $450.00 with one document in error.
pub fn order(id: &str, status: OrderStatus) -> Order {
    serde_json::from_value(serde_json::json!({
        "id": id, "number": format!("10{}", id.len() * 7), "version": 3, "seq": 10,
        "status": status, "fulfillment": "pickup",
        "created_at": "2026-11-20T17:00:00Z", "updated_at": "2026-11-20T17:00:00Z",
        "customer": {"name": "Ana Pérez"}, "currency": "MXN",
        "total": 45000, "paid": 45000, "refunded": 0,
        "payment": {"method": "card", "gateway": "conekta", "status": "paid"},
        "documents": [{"id": "doc_1", "kind": "receipt", "status": "error"}],
        "history": []
    }))
    .expect("fixture order decodes")
}

/// The default store of the reference backend.
pub fn shop() -> Shop {
    Shop {
        id: "store_1".into(),
        name: "Panadería La Espiga".into(),
        currency: Currency::MXN,
        timezone: "America/Mexico_City".into(),
        locale: "es-MX".into(),
        cancel_window_days: 15,
        attention: Default::default(),
        status_labels: Default::default(),
        refund_fee: Default::default(),
        features: vec!["payments".into(), "notes".into()],
    }
}

/// A cache holding `orders`.
pub fn cache_with(list: &[Order]) -> Store {
    let cache = Store::open_in_memory().expect("in-memory store");
    cache
        .write(|tx| {
            meta::set_store(tx, &shop())?;
            orders::upsert_server(tx, list, shop().tz())?;
            Ok(())
        })
        .expect("fixture orders are stored");
    cache
}
