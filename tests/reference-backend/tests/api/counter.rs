//! The v1 additions: payments at the counter, staff notes, `Device-Name`, `features`,
//! addresses and scheduled times on generated orders.

use reference_backend::{Config, StatusLabels};
use serde_json::{Value, json};

use crate::support::{Api, id, key};

/// An unpaid cash pickup order of 45000.
async fn unpaid_cash(api: &Api) -> Value {
    api.create_order(json!({
        "fulfillment": "pickup",
        "total": 45000,
        "payment": {"method": "cash", "status": "unpaid"},
    }))
    .await
}

fn payments_path(order: &Value) -> String {
    format!("/v1/orders/{}/payments", id(order))
}

fn notes_path(order: &Value) -> String {
    format!("/v1/orders/{}/notes", id(order))
}

#[tokio::test]
async fn the_store_names_the_features_it_serves() {
    let api = Api::new();
    let store = api.get_ok("/v1/store").await;
    let features: Vec<&str> = store["features"]
        .as_array()
        .expect("features is a list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        features.contains(&"payments"),
        "payments are served: {features:?}"
    );
    assert!(
        features.contains(&"notes"),
        "notes are served: {features:?}"
    );
}

#[tokio::test]
async fn a_store_can_serve_fewer_features() {
    let api = Api::with(Config {
        features: vec![],
        ..Config::default()
    });
    let store = api.get_ok("/v1/store").await;
    assert_eq!(
        store["features"],
        json!([]),
        "a test can switch features off"
    );
}

#[tokio::test]
async fn a_partial_then_full_payment_marks_the_order_paid() {
    let api = Api::new();
    let order = unpaid_cash(&api).await;
    assert_eq!(order["paid"], 0);
    assert_eq!(
        order["payments"],
        json!([]),
        "an unpaid order has no payments"
    );
    let r = api
        .post_from(
            "Caja 1",
            &payments_path(&order),
            &key(),
            json!({"amount": 20000, "method": "cash"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let after = r.json();
    assert_eq!(after["paid"], 20000, "paid grows by the amount");
    assert_eq!(after["payment"]["status"], "unpaid", "still owes 25000");
    assert_eq!(after["version"], order["version"].as_i64().unwrap() + 1);
    let first = &after["payments"][0];
    assert_eq!(first["amount"], 20000);
    assert_eq!(first["method"], "cash");
    assert_eq!(
        first["device"], "Caja 1",
        "Device-Name is recorded on the payment"
    );
    assert!(first["id"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(first["at"].as_str().is_some_and(|s| s.ends_with('Z')));
    let r = api
        .post(
            &payments_path(&order),
            &key(),
            json!({"amount": 25000, "method": "transfer", "reference": "  SPEI 88123  "}),
        )
        .await;
    assert_eq!(r.status, 200);
    let after = r.json();
    assert_eq!(after["paid"], 45000);
    assert_eq!(
        after["payment"]["status"], "paid",
        "paid ≥ total makes it paid"
    );
    assert_eq!(
        after["payments"][1]["reference"], "SPEI 88123",
        "reference trimmed"
    );
    assert_eq!(
        after["payments"][1]["device"],
        Value::Null,
        "no header, no device"
    );
    let sum: i64 = after["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["amount"].as_i64().unwrap())
        .sum();
    assert_eq!(sum, 45000, "paid is the sum of the payments");
}

#[tokio::test]
async fn a_payment_above_the_due_is_refused_with_the_due() {
    let api = Api::new();
    let order = unpaid_cash(&api).await;
    let path = payments_path(&order);
    api.post(&path, &key(), json!({"amount": 5000, "method": "cash"}))
        .await;
    let r = api
        .post(&path, &key(), json!({"amount": 40001, "method": "cash"}))
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.code(), "payment_exceeds_due");
    assert_eq!(r.json()["due"], 40000, "the refusal says what is still due");
    assert_eq!(
        api.order(&id(&order)).await["paid"],
        5000,
        "nothing was added"
    );
    let paid = api.card_order().await;
    let r = api
        .post(
            &payments_path(&paid),
            &key(),
            json!({"amount": 1, "method": "card"}),
        )
        .await;
    assert_eq!(r.code(), "payment_exceeds_due", "a paid order owes nothing");
    assert_eq!(r.json()["due"], 0);
}

#[tokio::test]
async fn a_payment_amount_must_be_a_positive_integer() {
    let api = Api::new();
    let order = unpaid_cash(&api).await;
    for amount in [
        json!(0),
        json!(-100),
        json!(12.5),
        json!("100"),
        Value::Null,
    ] {
        let r = api
            .post(
                &payments_path(&order),
                &key(),
                json!({"amount": amount, "method": "cash"}),
            )
            .await;
        assert_eq!(r.status, 422, "amount {amount}");
        assert_eq!(r.code(), "invalid_amount", "amount {amount}");
    }
    let r = api
        .post(&payments_path(&order), &key(), json!({"method": "cash"}))
        .await;
    assert_eq!(r.code(), "invalid_amount", "a missing amount is invalid");
}

#[tokio::test]
async fn a_payment_with_a_bad_method_or_long_reference_is_an_invalid_body() {
    let api = Api::new();
    let order = unpaid_cash(&api).await;
    let r = api
        .post(
            &payments_path(&order),
            &key(),
            json!({"amount": 100, "method": "bitcoin"}),
        )
        .await;
    assert_eq!((r.status, r.code().as_str()), (422, "invalid_body"));
    let long = "x".repeat(101);
    let r = api
        .post(
            &payments_path(&order),
            &key(),
            json!({"amount": 100, "method": "transfer", "reference": long}),
        )
        .await;
    assert_eq!((r.status, r.code().as_str()), (422, "invalid_body"));
    assert_eq!(api.order(&id(&order)).await["paid"], 0);
}

#[tokio::test]
async fn a_cancelled_order_takes_no_payment_and_an_unknown_one_is_not_found() {
    let api = Api::new();
    let order = unpaid_cash(&api).await;
    let r = api
        .cancel(
            &id(&order),
            &key(),
            json!({"reason": "No vino", "refund_amount": 0}),
        )
        .await;
    assert_eq!(r.status, 200);
    let r = api
        .post(
            &payments_path(&order),
            &key(),
            json!({"amount": 100, "method": "cash"}),
        )
        .await;
    assert_eq!((r.status, r.code().as_str()), (409, "invalid_transition"));
    assert_eq!(r.json()["current"]["status"], "cancelled");
    let r = api
        .post(
            "/v1/orders/ord_nope/payments",
            &key(),
            json!({"amount": 100, "method": "cash"}),
        )
        .await;
    assert_eq!((r.status, r.code().as_str()), (404, "not_found"));
}

#[tokio::test]
async fn a_replayed_payment_is_taken_once() {
    let api = Api::new();
    let order = unpaid_cash(&api).await;
    let k = key();
    let body = json!({"amount": 10000, "method": "cash"});
    let first = api.post(&payments_path(&order), &k, body.clone()).await;
    let again = api.post(&payments_path(&order), &k, body).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(first.body, again.body, "the stored answer again");
    let now = api.order(&id(&order)).await;
    assert_eq!(now["paid"], 10000, "a replay takes no second payment");
    assert_eq!(now["payments"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_staff_note_is_trimmed_and_records_its_device() {
    let api = Api::new();
    let order = unpaid_cash(&api).await;
    let r = api
        .post_from(
            "iPhone de Ana",
            &notes_path(&order),
            &key(),
            json!({"text": "  Llamó, pasa a las 6  "}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let after = r.json();
    let note = &after["staff_notes"][0];
    assert_eq!(note["text"], "Llamó, pasa a las 6");
    assert_eq!(
        note["device"], "iPhone de Ana",
        "UTF-8 device names are kept"
    );
    assert!(note["at"].as_str().is_some_and(|s| s.ends_with('Z')));
    assert_eq!(
        after["notes"], order["notes"],
        "the customer's notes stay apart"
    );
    let max = "ñ".repeat(1000);
    let r = api
        .post(&notes_path(&order), &key(), json!({"text": max}))
        .await;
    assert_eq!(r.status, 200, "1000 characters (not bytes) are allowed");
    assert_eq!(r.json()["staff_notes"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn an_empty_or_too_long_note_is_refused() {
    let api = Api::new();
    let order = unpaid_cash(&api).await;
    for text in [
        json!(""),
        json!("   \n "),
        json!("x".repeat(1001)),
        Value::Null,
    ] {
        let r = api
            .post(&notes_path(&order), &key(), json!({"text": text}))
            .await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (422, "note_required"),
            "{text}"
        );
    }
    assert_eq!(api.order(&id(&order)).await["staff_notes"], json!([]));
    let r = api
        .post("/v1/orders/ord_nope/notes", &key(), json!({"text": "hola"}))
        .await;
    assert_eq!((r.status, r.code().as_str()), (404, "not_found"));
    let r = api
        .post_raw(&notes_path(&order), None, r#"{"text":"x"}"#)
        .await;
    assert_eq!(
        r.code(),
        "missing_idempotency_key",
        "notes need a key like any POST"
    );
}

#[tokio::test]
async fn history_entries_carry_the_device_of_the_merchant_request() {
    let api = Api::new();
    let order = api.card_order().await;
    let path = format!("/v1/orders/{}/transitions", id(&order));
    let r = api
        .post_from("Caja 1", &path, &key(), json!({"to": "preparing"}))
        .await;
    assert_eq!(r.status, 200);
    let history = r.json()["history"].clone();
    assert_eq!(
        history[0]["device"],
        Value::Null,
        "the customer's entry has no device"
    );
    assert_eq!(history[1]["device"], "Caja 1");
    let path = format!("/v1/orders/{}/cancellations", id(&order));
    let r = api
        .post_from(
            "Caja 2",
            &path,
            &key(),
            json!({"reason": "Sin stock", "refund_amount": 45000}),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["history"][2]["device"], "Caja 2");
    let other = api.card_order().await;
    let r = api
        .admin(
            reqwest::Method::POST,
            &format!("/v1/admin/orders/{}/customer-cancellation", id(&other)),
            json!({}),
        )
        .await;
    assert_eq!(
        r.json()["history"][1]["device"],
        Value::Null,
        "customers have no device"
    );
}

#[tokio::test]
async fn a_malformed_device_name_is_refused() {
    let api = Api::new();
    let order = unpaid_cash(&api).await;
    let long = "x".repeat(65);
    let r = api
        .post_from(&long, &notes_path(&order), &key(), json!({"text": "hola"}))
        .await;
    assert_eq!((r.status, r.code().as_str()), (400, "invalid_parameter"));
    let r = api
        .post_from("   ", &notes_path(&order), &key(), json!({"text": "hola"}))
        .await;
    assert_eq!((r.status, r.code().as_str()), (400, "invalid_parameter"));
    assert_eq!(api.order(&id(&order)).await["staff_notes"], json!([]));
}

#[tokio::test]
async fn generated_orders_have_addresses_schedules_and_payments_that_add_up() {
    let api = Api::with(Config {
        seed: 300,
        ..Config::default()
    });
    let page = api.get_ok("/v1/orders?limit=1000").await;
    let orders = page["orders"].as_array().expect("orders");
    let mut scheduled = 0;
    for order in orders {
        let address = &order["shipping_address"];
        if order["fulfillment"] == "pickup" {
            assert_eq!(*address, Value::Null, "pickup orders have no address");
        } else {
            assert!(
                address["line1"]
                    .as_str()
                    .is_some_and(|l| l.chars().any(|c| c.is_ascii_digit())),
                "a street with a number: {address}"
            );
            assert_eq!(
                address["country"], "MX",
                "a Mexican store delivers in Mexico"
            );
            assert!(
                address["lat"]
                    .as_f64()
                    .is_some_and(|lat| (19.0..20.0).contains(&lat))
            );
        }
        if order["scheduled_for"].is_string() {
            scheduled += 1;
        }
        let sum: i64 = order["payments"]
            .as_array()
            .expect("payments list")
            .iter()
            .map(|p| p["amount"].as_i64().unwrap())
            .sum();
        assert_eq!(sum, order["paid"].as_i64().unwrap(), "paid is Σ payments");
    }
    assert!(
        (30..150).contains(&scheduled),
        "about one order in four is scheduled, got {scheduled} of 300"
    );
}

#[tokio::test]
async fn a_chilean_store_delivers_in_santiago() {
    let api = Api::with(Config {
        seed: 60,
        ..Config::default().with_currency(reference_backend::Currency::Clp)
    });
    let page = api.get_ok("/v1/orders?limit=1000").await;
    let address = page["orders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["fulfillment"] != "pickup")
        .map(|o| o["shipping_address"].clone())
        .expect("some delivery order");
    assert_eq!(address["country"], "CL");
    assert_eq!(address["region"], "Región Metropolitana");
}

#[tokio::test]
async fn an_admin_delivery_order_gets_an_address_and_a_pickup_none() {
    let api = Api::new();
    let delivery = api.create_order(json!({"fulfillment": "delivery"})).await;
    assert!(delivery["shipping_address"]["line1"].is_string());
    let pickup = api.create_order(json!({"fulfillment": "pickup"})).await;
    assert_eq!(pickup["shipping_address"], Value::Null);
    assert_eq!(
        pickup["scheduled_for"],
        Value::Null,
        "not scheduled unless asked"
    );
    let given = api
        .create_order(json!({
            "fulfillment": "parcel",
            "scheduled_for": "2026-12-01T18:30:00Z",
            "shipping_address": {"line1": "Calle Bandera 341", "city": "Santiago",
                "region": "RM", "postal_code": "8320000", "country": "CL"},
        }))
        .await;
    assert_eq!(given["scheduled_for"], "2026-12-01T18:30:00Z");
    assert_eq!(given["shipping_address"]["line1"], "Calle Bandera 341");
    assert_eq!(given["shipping_address"]["lat"], Value::Null);
}

#[tokio::test]
async fn hype_status_labels_are_served_as_status_labels() {
    let api = Api::with(Config {
        status_labels: StatusLabels::hype(),
        ..Config::default()
    });
    let labels = api.get_ok("/v1/store").await["status_labels"].clone();
    assert_eq!(labels["pending"], "Por confirmar");
    assert_eq!(labels["preparing"], "Confirmado");
    assert_eq!(labels["ready"], "Listo para despacho");
    assert_eq!(labels["shipped"], "Despachado");
}
