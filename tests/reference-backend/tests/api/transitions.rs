use serde_json::json;

use crate::support::{Api, id, key};

const STATUSES: [&str; 6] = [
    "pending",
    "preparing",
    "ready",
    "shipped",
    "delivered",
    "cancelled",
];

fn allowed(fulfillment: &str, from: &str, to: &str) -> bool {
    let ships = fulfillment != "pickup";
    match (from, to) {
        ("pending", "preparing") | ("preparing", "ready") => true,
        ("preparing", "shipped") | ("ready", "shipped") | ("shipped", "delivered") => ships,
        ("ready", "delivered") => !ships,
        _ => false,
    }
}

#[tokio::test]
async fn the_full_transition_table_holds_for_every_fulfillment() {
    let api = Api::new();
    for fulfillment in ["pickup", "delivery", "parcel"] {
        for from in STATUSES {
            for to in STATUSES {
                let order = api
                    .create_order(json!({"fulfillment": fulfillment, "status": from}))
                    .await;
                let r = api.transition(&id(&order), &key(), json!({"to": to})).await;
                if allowed(fulfillment, from, to) {
                    assert_eq!(
                        r.status, 200,
                        "{fulfillment}: {from} → {to} is in the table"
                    );
                    assert_eq!(r.json()["status"], to);
                } else {
                    assert_eq!(
                        r.status, 409,
                        "{fulfillment}: {from} → {to} is not in the table"
                    );
                    assert_eq!(r.code(), "invalid_transition");
                    assert_eq!(
                        r.json()["current"]["status"],
                        from,
                        "the refusal carries the current order"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn a_transition_bumps_version_and_seq_and_records_history() {
    let api = Api::new();
    let order = api.create_order(json!({"fulfillment": "pickup"})).await;
    let r = api
        .transition(
            &id(&order),
            &key(),
            json!({"to": "preparing", "expected_version": 1}),
        )
        .await;
    assert_eq!(r.status, 200);
    let moved = r.json();
    assert_eq!(moved["version"], 2, "version increases by one per change");
    assert!(
        moved["seq"].as_i64() > order["seq"].as_i64(),
        "a change moves the order to a higher seq"
    );
    assert!(
        moved["auto_cancel_at"].is_null(),
        "auto_cancel_at is null once the order leaves pending"
    );
    let last = moved["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["status"].as_str(), last["by"].as_str()),
        (Some("preparing"), Some("merchant"))
    );
}

#[tokio::test]
async fn a_stale_expected_version_is_a_version_conflict_with_the_current_order() {
    let api = Api::new();
    let order = api.create_order(json!({})).await;
    let r = api
        .transition(
            &id(&order),
            &key(),
            json!({"to": "preparing", "expected_version": 7}),
        )
        .await;
    assert_eq!((r.status, r.code().as_str()), (409, "version_conflict"));
    assert_eq!(
        r.json()["current"],
        api.order(&id(&order)).await,
        "current is the order as it is"
    );
}

#[tokio::test]
async fn malformed_json_and_wrong_types_are_invalid_body_never_500() {
    let api = Api::new();
    let order = api.create_order(json!({})).await;
    let path = format!("/v1/orders/{}/transitions", id(&order));
    let bodies = [
        "{not json",
        "",
        "[]",
        "{\"to\": 5}",
        "{\"to\": \"flying\"}",
        "{\"to\": \"preparing\", \"expected_version\": \"x\"}",
        "null",
    ];
    for body in bodies {
        let r = api.post_raw(&path, Some(&key()), body.to_string()).await;
        assert_eq!(r.status, 422, "body {body:?} must be refused as 422");
        assert_eq!(r.code(), "invalid_body", "body {body:?}");
    }
    let cancel_path = format!("/v1/orders/{}/cancellations", id(&order));
    for body in [
        "{",
        "{\"reason\": 5, \"refund_amount\": 0}",
        "{\"reason\": \"x\"}",
    ] {
        let r = api
            .post_raw(&cancel_path, Some(&key()), body.to_string())
            .await;
        assert_eq!(r.code(), "invalid_body", "cancellation body {body:?}");
    }
    let r = api
        .admin(
            reqwest::Method::POST,
            "/v1/admin/orders",
            json!({"total": "lots"}),
        )
        .await;
    assert_eq!(
        r.code(),
        "invalid_body",
        "admin bodies are checked the same way"
    );
}

#[tokio::test]
async fn transitions_of_an_unknown_order_are_not_found() {
    let api = Api::new();
    let r = api
        .transition("ord_nope", &key(), json!({"to": "preparing"}))
        .await;
    assert_eq!((r.status, r.code().as_str()), (404, "not_found"));
}
