//! The counter's endpoints on the fake: `set_paid` as WooCommerce's REST controller runs it
//! (only while the order needs payment), the writable payment fields, and private notes
//! listed back as `GET /orders/{id}/notes` gives them. The note's shape is checked against
//! the recording `order_note.json` in `golden`; the list (no recording of `GET …/notes`)
//! follows the same object per note, newest first, as the WooCommerce REST docs describe.

use serde_json::json;

use super::support::{Fake, probe_order, recording};

#[tokio::test]
async fn set_paid_acts_only_while_the_order_needs_payment() {
    let fake = Fake::new();
    let cod = probe_order(
        "processing",
        "cod",
        ("local_pickup", "Retiro en tienda", "0"),
    );
    let id = fake.post("/orders", cod).await.body["id"].clone();
    let put = fake
        .put(
            &format!("/orders/{id}"),
            json!({ "set_paid": true, "transaction_id": "TRX-1", "payment_method_title": "Efectivo (Mostrador)" }),
        )
        .await;
    assert_eq!(put.status, reqwest::StatusCode::OK);
    assert_eq!(
        put.body["date_paid_gmt"],
        json!(null),
        "a processing cash-on-delivery order does not need payment: set_paid does nothing"
    );
    assert_eq!(put.body["status"], "processing");
    assert_eq!(put.body["transaction_id"], "TRX-1", "writable");
    assert_eq!(put.body["payment_method_title"], "Efectivo (Mostrador)");
    // A pending order with a total needs payment: set_paid completes it.
    let pending = probe_order("pending", "bacs", ("local_pickup", "Retiro en tienda", "0"));
    let id = fake.post("/orders", pending).await.body["id"].clone();
    let paid = fake
        .put(&format!("/orders/{id}"), json!({ "set_paid": true }))
        .await;
    assert!(paid.body["date_paid_gmt"].is_string(), "{}", paid.body);
    assert_eq!(paid.body["status"], "processing");
}

#[tokio::test]
async fn private_notes_are_listed_newest_first_in_the_recorded_shape() {
    let fake = Fake::new();
    let order = probe_order(
        "processing",
        "cod",
        ("local_pickup", "Retiro en tienda", "0"),
    );
    let id = fake.post("/orders", order).await.body["id"].clone();
    for text in [
        "Caja 1: primera [mostrador-nota:a]",
        "Caja 1: segunda [mostrador-nota:b]",
    ] {
        let made = fake
            .post(
                &format!("/orders/{id}/notes"),
                json!({ "note": text, "customer_note": false }),
            )
            .await;
        assert_eq!(made.status, reqwest::StatusCode::CREATED);
        fake.advance(1).await;
    }
    let list = fake.get(&format!("/orders/{id}/notes")).await;
    let notes = list.body.as_array().expect("a list");
    let texts: Vec<&str> = notes.iter().filter_map(|n| n["note"].as_str()).collect();
    let first = texts
        .iter()
        .position(|t| t.contains("primera"))
        .expect("the first note");
    let second = texts
        .iter()
        .position(|t| t.contains("segunda"))
        .expect("the second note");
    assert!(second < first, "newest first: {texts:?}");
    let recorded = recording("order_note.json")["body"].clone();
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&notes[0]),
        keys(&recorded),
        "each note as the store writes one"
    );
    assert_eq!(notes[0]["customer_note"], false);
    assert_eq!(notes[0]["author"], recorded["author"]);
    let empty = fake
        .post(&format!("/orders/{id}/notes"), json!({ "note": "" }))
        .await;
    assert_eq!(empty.status, reqwest::StatusCode::BAD_REQUEST);
}
