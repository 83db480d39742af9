//! The whole order at the counter: payments, staff notes, device names, history in words,
//! addresses and scheduled orders — pure parts as tables, the rest against the reference
//! backend.

mod desk;

use chrono::{TimeZone, Utc};
use mostrador_core::ErrorCode;
use mostrador_core::device::{clean_device_name, default_device_name, effective_device_name};
use mostrador_core::history::history_line;
use mostrador_core::model::{Actor, Address, HistoryEntry, Locale, OrderStatus, PaymentMethod};
use mostrador_core::money::{Currency, Money};
use mostrador_core::outbox::counter::{cash_change, change_line, check_note, check_pay};
use mostrador_core::view::Language;

use crate::outbox::fixtures::{order, shop};

fn mxn(minor: i64) -> Money {
    Money::new(minor, Currency::MXN)
}

#[test]
fn the_change_for_cash_is_what_was_handed_over_minus_the_payment() {
    let cases = [
        (45000, 50000, Some(5000)),
        (45000, 45000, Some(0)),
        (45000, 44999, None),
        (1, 100000, Some(99999)),
    ];
    for (amount, received, want) in cases {
        let got = cash_change(mxn(amount), mxn(received)).map(|c| c.change.minor);
        assert_eq!(got, want, "pay {amount} with {received}");
    }
    assert_eq!(
        cash_change(mxn(100), Money::new(500, Currency::CLP)),
        None,
        "cash in another currency gives no change"
    );
}

#[test]
fn the_change_line_reads_as_the_counter_says_it() {
    let change = cash_change(mxn(45000), mxn(50000)).expect("covered");
    assert_eq!(
        change_line(&change, Locale::EsMx, Language::Es),
        "Recibido $500.00 · Vuelto $50.00"
    );
    assert_eq!(
        change_line(&change, Locale::EsMx, Language::En),
        "Received $500.00 · Change $50.00"
    );
    let clp = cash_change(
        Money::new(45000, Currency::CLP),
        Money::new(50000, Currency::CLP),
    )
    .expect("covered");
    assert_eq!(
        change_line(&clp, Locale::EsCl, Language::Es),
        "Recibido $50.000 · Vuelto $5.000",
        "CLP has no decimals"
    );
}

fn unpaid() -> mostrador_core::model::Order {
    let mut o = order("ord_1", OrderStatus::Pending);
    o.paid = 0;
    o.payment.status = mostrador_core::model::PaymentStatus::Unpaid;
    o.payment.method = PaymentMethod::Cash;
    o
}

#[test]
fn a_payment_is_checked_against_what_is_due_before_it_is_queued() {
    let store = shop();
    let o = unpaid();
    assert_eq!(
        check_pay(&o, &store, 45000, PaymentMethod::Cash, Some("  ")),
        Ok(None),
        "the whole due, a blank reference dropped"
    );
    assert_eq!(
        check_pay(&o, &store, 100, PaymentMethod::Transfer, Some(" SPEI 1 ")),
        Ok(Some("SPEI 1".into())),
        "a reference is trimmed"
    );
    let refused = [
        (0, PaymentMethod::Cash, None, "zero"),
        (-5, PaymentMethod::Cash, None, "negative"),
        (45001, PaymentMethod::Cash, None, "above the due"),
        (100, PaymentMethod::Unknown, None, "unknown method"),
    ];
    for (amount, method, reference, why) in refused {
        let err = check_pay(&o, &store, amount, method, reference).expect_err(why);
        assert_eq!(err.code, ErrorCode::InvalidInput, "{why}");
    }
    let long = "x".repeat(101);
    assert!(check_pay(&o, &store, 100, PaymentMethod::Cash, Some(&long)).is_err());
    let err = check_pay(&o, &store, 45001, PaymentMethod::Cash, None).unwrap_err();
    assert!(
        err.text.es.contains("$450.00"),
        "the refusal says what is due: {}",
        err.text.es
    );
    let mut cancelled = unpaid();
    cancelled.status = OrderStatus::Cancelled;
    let err = check_pay(&cancelled, &store, 100, PaymentMethod::Cash, None).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::NotAllowed,
        "a cancelled order takes no payment"
    );
    let paid = order("ord_2", OrderStatus::Pending);
    assert!(
        check_pay(&paid, &store, 1, PaymentMethod::Cash, None).is_err(),
        "a paid order owes nothing"
    );
    let mut old = shop();
    old.features.clear();
    let err = check_pay(&o, &old, 100, PaymentMethod::Cash, None).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::NotAllowed,
        "a backend without `payments` takes none"
    );
}

#[test]
fn a_note_has_one_to_a_thousand_characters_after_trimming() {
    let store = shop();
    assert_eq!(check_note(&store, "  Llamó  "), Ok("Llamó".into()));
    assert!(
        check_note(&store, &"ñ".repeat(1000)).is_ok(),
        "characters, not bytes"
    );
    assert!(check_note(&store, &"x".repeat(1001)).is_err());
    assert!(check_note(&store, " \n ").is_err());
    let mut old = shop();
    old.features.clear();
    assert_eq!(
        check_note(&old, "hola").unwrap_err().code,
        ErrorCode::NotAllowed
    );
}

#[test]
fn a_device_name_is_cleaned_and_defaults_to_the_host_name() {
    assert_eq!(clean_device_name("  Caja 1 "), Some("Caja 1".into()));
    assert_eq!(
        clean_device_name("iPhone\u{7} de Ana"),
        Some("iPhone de Ana".into())
    );
    assert_eq!(clean_device_name("   "), None);
    assert_eq!(
        clean_device_name(&"ñ".repeat(80)).map(|n| n.chars().count()),
        Some(64),
        "at most 64 characters"
    );
    assert_eq!(default_device_name("caja-1.local"), Some("caja-1".into()));
    assert_eq!(
        effective_device_name(Some("Caja 1"), Some("pc-tienda")),
        Some("Caja 1".into())
    );
    assert_eq!(
        effective_device_name(Some(" "), Some("pc-tienda")),
        Some("pc-tienda".into()),
        "a blank setting falls back to the host"
    );
    assert_eq!(effective_device_name(None, None), None);
}

#[test]
fn history_lines_say_who_did_what_and_when() {
    let store = shop();
    // 14:05 in Mexico City is 20:05 UTC.
    let at = Utc.with_ymd_and_hms(2026, 12, 15, 20, 5, 0).unwrap();
    let now = at + chrono::Duration::hours(1);
    let entry = |status, by, device: Option<&str>| HistoryEntry {
        status,
        at,
        by,
        device: device.map(str::to_string),
    };
    let cases = [
        (
            entry(OrderStatus::Ready, Actor::Merchant, Some("Caja 1")),
            "Caja 1 marcó Listo para entrega · 14:05",
            "Caja 1 marked Ready for pickup · 14:05",
        ),
        (
            entry(OrderStatus::Preparing, Actor::Merchant, None),
            "La tienda marcó Preparando · 14:05",
            "The shop marked Preparing · 14:05",
        ),
        (
            entry(OrderStatus::Pending, Actor::Customer, None),
            "El cliente hizo el pedido · 14:05",
            "The customer placed the order · 14:05",
        ),
        (
            entry(
                OrderStatus::Cancelled,
                Actor::Merchant,
                Some("iPhone de Ana"),
            ),
            "iPhone de Ana canceló el pedido · 14:05",
            "iPhone de Ana cancelled the order · 14:05",
        ),
        (
            entry(OrderStatus::Cancelled, Actor::Auto, None),
            "Se canceló automáticamente por falta de atención · 14:05",
            "Cancelled automatically for lack of attention · 14:05",
        ),
    ];
    for (entry, es, en) in cases {
        assert_eq!(history_line(&entry, &store, Language::Es, now), es);
        assert_eq!(history_line(&entry, &store, Language::En, now), en);
    }
    let e = entry(OrderStatus::Ready, Actor::Merchant, Some("Caja 1"));
    let next_day = at + chrono::Duration::days(1);
    assert_eq!(
        history_line(&e, &store, Language::Es, next_day),
        "Caja 1 marcó Listo para entrega · 15 dic, 14:05",
        "another day shows the date"
    );
    assert_eq!(
        history_line(&e, &store, Language::En, next_day),
        "Caja 1 marked Ready for pickup · Dec 15, 14:05"
    );
    let mut hype = shop();
    hype.status_labels.preparing = "Confirmado".into();
    let e = entry(OrderStatus::Preparing, Actor::Merchant, Some("Caja 1"));
    assert_eq!(
        history_line(&e, &hype, Language::Es, now),
        "Caja 1 marcó Confirmado · 14:05",
        "the store's own status names"
    );
}

#[test]
fn an_address_reads_on_one_line_without_empty_parts() {
    let address = Address {
        line1: "Av. Álvaro Obregón 182".into(),
        line2: Some("Col. Roma Norte".into()),
        city: "Cuauhtémoc".into(),
        region: "CDMX".into(),
        postal_code: "06700".into(),
        country: "MX".into(),
        ..Address::default()
    };
    assert_eq!(
        address.one_line(),
        "Av. Álvaro Obregón 182, Col. Roma Norte, Cuauhtémoc, CDMX, 06700, MX"
    );
    let bare = Address {
        line1: "Calle Bandera 341".into(),
        city: "Santiago".into(),
        ..Address::default()
    };
    assert_eq!(bare.one_line(), "Calle Bandera 341, Santiago");
}

#[test]
fn an_order_without_the_v1_members_still_decodes() {
    let o = order("ord_1", OrderStatus::Pending);
    assert_eq!(o.shipping_address, None);
    assert_eq!(o.scheduled_for, None);
    assert!(o.payments.is_empty() && o.staff_notes.is_empty());
    let value: mostrador_core::model::Order = serde_json::from_value(serde_json::json!({
        "id": "o", "number": "1", "version": 1, "seq": 1, "status": "pending",
        "fulfillment": "delivery", "created_at": "2026-11-20T17:00:00Z",
        "updated_at": "2026-11-20T17:00:00Z", "currency": "MXN", "total": 100,
        "payment": {"method": "cash", "status": "unpaid"},
        "shipping_address": {"line1": "Calle 1", "lat": 19.4, "lng": null},
        "history": [{"status": "pending", "at": "2026-11-20T17:00:00Z", "by": "customer"}]
    }))
    .expect("decodes");
    let address = value.shipping_address.expect("address");
    assert_eq!(address.lat.map(|c| c.0), Some(19.4));
    assert_eq!(address.lng, None);
    assert_eq!(
        value.history[0].device, None,
        "no device on a customer's entry"
    );
}
