//! Edges of the rules: a reason of invisible characters is empty, and amounts never wrap
//! around i64 (fees, item totals) nor go negative through admin.

use serde_json::json;

use crate::support::{Api, id, key};

#[tokio::test]
async fn a_reason_of_only_invisible_characters_is_refused_as_empty() {
    let api = Api::new();
    let order = api.card_order().await;
    for reason in [
        "\u{200B}",
        " \u{200B}\u{200C}\u{200D} ",
        "\u{FEFF}\u{2060}",
        "\u{00AD}\u{3164}",
    ] {
        let r = api
            .cancel(
                &id(&order),
                &key(),
                json!({"reason": reason, "refund_amount": 0}),
            )
            .await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (422, "reason_required"),
            "{reason:?} shows nothing: it is no reason"
        );
    }
    let r = api
        .cancel(
            &id(&order),
            &key(),
            json!({"reason": "\u{200B}Sin stock\u{200B}", "refund_amount": 0}),
        )
        .await;
    assert_eq!(r.status, 200, "a visible reason goes through");
    assert_eq!(
        r.json()["cancellation"]["reason"],
        "Sin stock",
        "invisible characters are trimmed like spaces"
    );
}

#[tokio::test]
async fn a_refund_whose_fee_would_overflow_is_refused_not_wrapped() {
    let api = Api::new();
    let big = i64::MAX / 2;
    let order = api
        .create_order(json!({
            "fulfillment": "pickup", "total": big,
            "payment": {"method": "card", "gateway": "conekta", "status": "paid"},
        }))
        .await;
    let r = api
        .cancel(
            &id(&order),
            &key(),
            json!({"reason": "Prueba", "refund_amount": big - 1}),
        )
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (422, "invalid_amount"),
        "percent of {big} overflows i64: refused with a code ({})",
        String::from_utf8_lossy(&r.body)
    );
    let after = api.order(&id(&order)).await;
    assert_eq!(after["status"], "pending", "nothing was applied");
}

#[tokio::test]
async fn admin_refuses_item_totals_that_overflow_and_negative_amounts() {
    let api = Api::new();
    let cases = [
        (
            "quantity × unit_price overflows",
            json!({"items": [{"sku": "A", "name": "A", "quantity": 1i64 << 62, "unit_price": 4}]}),
        ),
        (
            "the items' totals overflow when added",
            json!({"items": [
                {"sku": "A", "name": "A", "quantity": 1, "unit_price": i64::MAX},
                {"sku": "B", "name": "B", "quantity": 1, "unit_price": i64::MAX}
            ]}),
        ),
        ("a negative total", json!({"total": -100})),
        ("a negative paid", json!({"total": 100, "paid": -1})),
        (
            "a negative unit price",
            json!({"items": [{"sku": "A", "name": "A", "quantity": 1, "unit_price": -5}]}),
        ),
        (
            "refunded above paid",
            json!({"total": 100, "paid": 100, "refunded": 200}),
        ),
    ];
    for (name, body) in cases {
        let r = api
            .admin(reqwest::Method::POST, "/v1/admin/orders", body)
            .await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (422, "invalid_body"),
            "{name}: refused with a problem code ({})",
            String::from_utf8_lossy(&r.body)
        );
    }
}
