//! WooCommerce → Mostrador mapping, as tables on the answers a real WooCommerce 9.4.3 gave
//! (../shared/platforms/woocommerce-9.4.3).

use std::path::PathBuf;

use mostrador_core::model::{Fulfillment, OrderStatus, PaymentMethod, PaymentStatus};
use mostrador_core::money::Currency;
use mostrador_core::platforms::woocommerce::client::normalize_url;
use mostrador_core::platforms::woocommerce::map::{self, Mapped};
use mostrador_core::platforms::woocommerce::sync::{CursorState, Decoded, decode_list};
use mostrador_core::platforms::woocommerce::wire::{SiteIndex, WireOrder, WooStatus};
use serde_json::{Value, json};

pub fn recordings() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/platforms/woocommerce-9.4.3");
    assert!(
        dir.join("orders_options_schema.json").exists(),
        "recordings missing at {}",
        dir.display()
    );
    dir
}

fn recorded(name: &str) -> Value {
    let text = std::fs::read_to_string(recordings().join(name)).expect("recording");
    serde_json::from_str(&text).expect("JSON")
}

fn wire(v: &Value) -> WireOrder {
    serde_json::from_value(v.clone()).expect("a recorded order decodes")
}

/// (recording, pointer to the order, status, fulfillment, paid, refunded, payment, method).
type Row = (
    &'static str,
    &'static str,
    OrderStatus,
    Fulfillment,
    i64,
    i64,
    PaymentStatus,
    PaymentMethod,
);

#[test]
fn recorded_orders_map_as_the_desk_expects() {
    // (recording, pointer to the order, status, fulfillment, paid, refunded, payment, method)
    let rows: &[Row] = &[
        (
            "order_update_status.json",
            "/body",
            OrderStatus::Pending,
            Fulfillment::Pickup,
            16800,
            0,
            PaymentStatus::Paid,
            PaymentMethod::Transfer,
        ),
        (
            "order_after_refunds.json",
            "/body",
            OrderStatus::Pending,
            Fulfillment::Delivery,
            0,
            5000,
            PaymentStatus::Unpaid,
            PaymentMethod::Cash,
        ),
        (
            "order_cancel.json",
            "/body",
            OrderStatus::Cancelled,
            Fulfillment::Pickup,
            0,
            0,
            PaymentStatus::Unpaid,
            PaymentMethod::Transfer,
        ),
        (
            "orders_batch.json",
            "/body/update/0",
            OrderStatus::Delivered,
            Fulfillment::Pickup,
            16800,
            0,
            PaymentStatus::Paid,
            PaymentMethod::Transfer,
        ),
    ];
    for (name, pointer, status, fulfillment, paid, refunded, payment, method) in rows {
        let body = recorded(name);
        let order = map::order(&wire(body.pointer(pointer).expect("order")))
            .expect("maps")
            .unwrap_or_else(|| panic!("{name}: shown"));
        assert_eq!(order.status, *status, "{name}");
        assert_eq!(order.fulfillment, *fulfillment, "{name}");
        assert_eq!((order.paid, order.refunded), (*paid, *refunded), "{name}");
        assert_eq!(order.payment.status, *payment, "{name}");
        assert_eq!(order.payment.method, *method, "{name}");
        assert_eq!(order.currency, Currency::CLP, "{name}");
        assert_eq!(order.customer.name, "Ana Pérez", "{name}");
        assert_eq!(order.customer.phone.as_deref(), Some("+56911111111"));
        assert_eq!(order.customer.email.as_deref(), Some("ana@example.test"));
        assert_eq!(order.items.len(), 2);
        assert_eq!(order.items[0].sku, "EMP-PINO-1796110760");
        assert_eq!(
            (
                order.items[0].quantity,
                order.items[0].unit_price,
                order.items[0].total
            ),
            (6, 2500, 15000)
        );
        assert_eq!(order.auto_cancel_at, None, "WooCommerce never auto-cancels");
        assert_eq!(order.version, order.updated_at.timestamp());
    }
    let after = map::order(&wire(&recorded("order_after_refunds.json")["body"]))
        .expect("maps")
        .expect("shown");
    assert_eq!(after.total, 19800);
    assert_eq!(after.id, "15");
    assert_eq!(after.number, "15");
    assert_eq!(
        after.updated_at.to_rfc3339(),
        "2026-12-01T07:39:24+00:00",
        "*_gmt read as UTC"
    );
    let cancelled = map::order(&wire(&recorded("order_cancel.json")["body"]))
        .expect("maps")
        .expect("shown");
    assert!(cancelled.cancellation.is_some());
}

#[test]
fn an_unpaid_checkout_never_reaches_the_desk() {
    let pending = recorded("order_create_pending.json");
    assert_eq!(
        map::order(&wire(&pending["body"])).expect("maps"),
        None,
        "pending = unpaid checkout: hidden, never rings"
    );
}

#[test]
fn every_recorded_webhook_order_maps() {
    let hooks = std::fs::read_to_string(recordings().join("hooks.jsonl")).expect("hooks");
    let mut n = 0;
    for line in hooks.lines() {
        let hook: Value = serde_json::from_str(line).expect("hook");
        let Some(order) = hook["body"]
            .as_str()
            .and_then(|b| serde_json::from_str::<Value>(b).ok())
        else {
            continue;
        };
        if order.get("line_items").is_none() {
            continue;
        }
        map::order(&wire(&order)).unwrap_or_else(|e| panic!("{e}"));
        n += 1;
    }
    assert!(n >= 5, "{n} webhook orders");
}

#[test]
fn statuses_and_stages_map_by_table() {
    use OrderStatus::*;
    let rows: &[(&str, Option<&str>, Mapped)] = &[
        ("processing", None, Mapped::Show(Pending)),
        ("on-hold", None, Mapped::Show(Pending)),
        ("processing", Some("preparing"), Mapped::Show(Preparing)),
        ("processing", Some("ready"), Mapped::Show(Ready)),
        ("on-hold", Some("shipped"), Mapped::Show(Shipped)),
        ("processing", Some("nonsense"), Mapped::Show(Pending)),
        ("completed", Some("preparing"), Mapped::Show(Delivered)),
        ("cancelled", None, Mapped::Show(Cancelled)),
        ("refunded", None, Mapped::Show(Cancelled)),
        ("failed", None, Mapped::Show(Cancelled)),
        ("pending", None, Mapped::Hide),
        ("checkout-draft", None, Mapped::Hide),
        ("trash", None, Mapped::Hide),
        ("preparing", None, Mapped::Show(Unknown)),
    ];
    for (woo, stage, expected) in rows {
        assert_eq!(
            map::status(&WooStatus::parse(woo), *stage),
            *expected,
            "{woo} {stage:?}"
        );
    }
}

#[test]
fn pickup_or_delivery_from_the_shipping_method() {
    let rows: &[(&[&str], Fulfillment)] = &[
        (&["local_pickup"], Fulfillment::Pickup),
        (&["pickup_location"], Fulfillment::Pickup),
        (&["flat_rate"], Fulfillment::Delivery),
        (&["free_shipping"], Fulfillment::Delivery),
        (&[], Fulfillment::Pickup),
    ];
    for (methods, expected) in rows {
        assert_eq!(map::fulfillment(methods), *expected, "{methods:?}");
    }
}

#[test]
fn money_from_decimal_strings_in_integer_minor_units() {
    let mxn = Currency::MXN;
    let clp = Currency::CLP;
    let rows: &[(&str, Currency, Result<i64, ()>)] = &[
        ("16800", clp, Ok(16800)),
        ("-2500", clp, Ok(-2500)),
        ("450.00", mxn, Ok(45000)),
        ("450", mxn, Ok(45000)),
        ("450.5", mxn, Ok(45050)),
        ("0.01", mxn, Ok(1)),
        ("450.005", mxn, Ok(45001)),
        ("450.004", mxn, Ok(45000)),
        ("99999999.99", mxn, Ok(9_999_999_999)),
        ("", mxn, Err(())),
        ("abc", mxn, Err(())),
        ("4,50", mxn, Err(())),
        ("1e3", mxn, Err(())),
    ];
    for (text, currency, expected) in rows {
        assert_eq!(
            map::money(text, *currency).map_err(|_| ()),
            *expected,
            "{text:?} {currency}"
        );
    }
    let out: &[(i64, Currency, u32, &str)] = &[
        (2500, clp, 0, "2500"),
        (45050, mxn, 2, "450.50"),
        (45000, mxn, 2, "450.00"),
        (45000, mxn, 0, "450"),
        (45050, mxn, 0, "450.5"),
        (1, mxn, 2, "0.01"),
    ];
    for (minor, currency, decimals, expected) in out {
        assert_eq!(map::money_text(*minor, *currency, *decimals), *expected);
    }
}

#[test]
fn the_store_zone_comes_from_the_site() {
    let index = |tz: &str, off: Value| SiteIndex {
        name: "x".into(),
        timezone_string: tz.into(),
        gmt_offset: off,
        ..Default::default()
    };
    assert_eq!(
        map::timezone(&index("America/Santiago", json!(-3))),
        "America/Santiago"
    );
    assert_eq!(map::timezone(&index("", json!(-3))), "Etc/GMT+3");
    assert_eq!(map::timezone(&index("", json!("-6"))), "Etc/GMT+6");
    assert_eq!(map::timezone(&index("UTC+5.5", json!(5.5))), "UTC");
    assert_eq!(map::locale("CL:CL-RM"), "es-CL");
    assert_eq!(map::locale("MX:CMX"), "es-MX");
    let store = map::store(
        "https://tienda.cl",
        &index("America/Santiago", json!(-3)),
        Currency::CLP,
        "CL:CL-RM",
    );
    assert_eq!(
        store.attention.auto_cancel_after_s, None,
        "no auto-cancel on WooCommerce"
    );
    assert_eq!(store.tz(), chrono_tz::America::Santiago);
}

#[test]
fn https_only_but_loopback() {
    assert!(normalize_url("https://tienda.cl/").is_ok());
    assert!(normalize_url("http://127.0.0.1:8080").is_ok());
    assert!(normalize_url("http://localhost:8080").is_ok());
    assert!(normalize_url("http://[::1]:8080").is_ok());
    assert!(normalize_url("http://tienda.cl").is_err());
    assert!(normalize_url("http://127.0.0.1.evil.cl").is_err());
    assert!(normalize_url("ftp://tienda.cl").is_err());
    assert!(normalize_url("https://tienda.cl?x=1").is_err());
}

#[test]
fn one_malformed_order_does_not_hide_the_good_ones() {
    let good = recorded("order_after_refunds.json")["body"].clone();
    let mut bad_total = good.clone();
    bad_total["id"] = json!(77);
    bad_total["total"] = json!("doce mil");
    let no_dates = json!({ "id": 78, "status": "processing" });
    let body =
        serde_json::to_vec(&json!([good, bad_total, no_dates, "not an order"])).expect("json");
    let mut d = Decoded::default();
    decode_list(&body, &mut d).expect("the page reads");
    assert_eq!(d.fetched.len(), 1);
    assert_eq!(d.fetched[0].order.id, "15");
    let ids: Vec<Option<String>> = d.malformed.iter().map(|m| m.id.clone()).collect();
    assert_eq!(ids, vec![Some("77".into()), Some("78".into()), None]);
    assert_eq!(
        &*d.fetched[0].json,
        serde_json::to_string(&recorded("order_after_refunds.json")["body"]).expect("json"),
        "the JSON is kept as received"
    );
}

#[test]
fn the_cursor_is_opaque_text_that_round_trips() {
    let state = CursorState::Inc {
        after: "2026-12-01T07:39:24".into(),
        page: 1,
        seen: vec![(15, "2026-12-01T07:39:24".into(), 42)],
    };
    let cursor = state.to_cursor();
    assert_eq!(CursorState::from_cursor(&cursor).expect("reads"), state);
    assert!(CursorState::from_cursor(&mostrador_core::platforms::Cursor::new("42")).is_err());
}
