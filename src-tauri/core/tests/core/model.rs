//! API.md's JSON decodes into the model and back; values this build does not know decode as
//! `Unknown` instead of failing.

use mostrador_core::model::{
    DocumentKind, Fulfillment, Order, OrderStatus, PaymentMethod, PaymentStatus, Shop,
};
use mostrador_core::money::Currency;

use crate::store::SAMPLE_ORDER;

#[test]
fn api_md_sample_order_round_trips_through_serde() {
    let order: Order = serde_json::from_str(SAMPLE_ORDER).expect("API.md's sample decodes");
    assert_eq!(
        (
            order.status,
            order.fulfillment,
            order.payment.method,
            order.currency,
            order.total
        ),
        (
            OrderStatus::Pending,
            Fulfillment::Pickup,
            PaymentMethod::Card,
            Currency::MXN,
            45000
        ),
        "the sample's fields land in the right places"
    );
    assert_eq!(order.customer.name, "Ana Pérez", "UTF-8 names survive");
    let back: serde_json::Value = serde_json::to_value(&order).expect("encodes");
    let mut want: serde_json::Value = serde_json::from_str(SAMPLE_ORDER).expect("valid JSON");
    // The v1 additions are absent from API.md's first-wave sample: they decode to their
    // empty values and encode as such.
    for (key, empty) in [
        ("shipping_address", serde_json::Value::Null),
        ("scheduled_for", serde_json::Value::Null),
        ("payments", serde_json::json!([])),
        ("staff_notes", serde_json::json!([])),
        ("acknowledged_at", serde_json::Value::Null),
        ("acknowledged_by", serde_json::Value::Null),
    ] {
        want[key] = empty;
    }
    for entry in want["history"].as_array_mut().expect("history") {
        entry["device"] = serde_json::Value::Null;
    }
    assert_eq!(back, want, "encoding gives back exactly API.md's JSON");
}

#[test]
fn unknown_enum_values_decode_as_unknown() {
    let text = SAMPLE_ORDER
        .replace(
            "\"pending\", \"fulfillment\": \"pickup\"",
            "\"on_hold\", \"fulfillment\": \"drone\"",
        )
        .replace("\"method\": \"card\"", "\"method\": \"crypto\"")
        .replace("\"status\": \"paid\"", "\"status\": \"chargeback\"")
        .replace("\"kind\": \"receipt\"", "\"kind\": \"boleta\"");
    let order: Order = serde_json::from_str(&text).expect("a newer backend's values never fail");
    assert_eq!(
        (
            order.status,
            order.fulfillment,
            order.payment.method,
            order.payment.status
        ),
        (
            OrderStatus::Unknown,
            Fulfillment::Unknown,
            PaymentMethod::Unknown,
            PaymentStatus::Unknown
        ),
        "each unknown value becomes Unknown"
    );
    assert_eq!(
        order.documents[0].kind,
        DocumentKind::Unknown,
        "nested enums too"
    );
}

#[test]
fn wire_names_round_trip_for_every_status() {
    for status in OrderStatus::ALL {
        assert_eq!(
            OrderStatus::from_wire(status.as_str()),
            *status,
            "{status:?} by its wire name"
        );
    }
    assert_eq!(
        OrderStatus::from_wire("nope"),
        OrderStatus::Unknown,
        "anything else is Unknown"
    );
}

#[test]
fn api_md_sample_store_decodes_with_its_timezone() {
    let text = r#"{ "id": "store_1", "name": "Panadería La Espiga",
      "currency": "MXN", "timezone": "America/Mexico_City", "locale": "es-MX",
      "cancel_window_days": 15,
      "attention": { "reminders_after_s": [300, 600], "warn_after_s": 900,
                     "auto_cancel_after_s": 1200 },
      "status_labels": { "pending": "Pendiente", "preparing": "Preparando",
        "ready": "Listo para entrega", "shipped": "Enviado",
        "delivered": "Entregado", "cancelled": "Cancelado" },
      "refund_fee": { "percent_bps": 290, "fixed": 300 } }"#;
    let store: Shop = serde_json::from_str(text).expect("API.md's store decodes");
    assert_eq!(
        store.tz(),
        chrono_tz::America::Mexico_City,
        "the timezone is understood"
    );
    assert_eq!(
        store.refund_fee.fee_for(10000, 45000),
        290 + 300,
        "2.9 % plus the fixed part"
    );
}
