//! `POST /v1/orders/{id}/acknowledgements`: first call wins, later calls change nothing, the
//! stream says `acknowledged`, and the store advertises the feature.

use std::time::Duration;

use serde_json::json;

use crate::events::Events;
use crate::support::{Api, id, key};

async fn acknowledge(api: &Api, order_id: &str, device: Option<&str>) -> crate::support::Resp {
    let mut request = api
        .http
        .post(api.url(&format!("/v1/orders/{order_id}/acknowledgements")))
        .bearer_auth(api.server.token())
        .header("content-type", "application/json")
        .header("Idempotency-Key", key())
        .body("{}");
    if let Some(device) = device {
        request = request.header("Device-Name", device);
    }
    let response = request.send().await.expect("POST");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.expect("body").to_vec();
    crate::support::Resp {
        status,
        headers,
        body,
    }
}

#[tokio::test]
async fn the_store_lists_acknowledgements_among_its_features() {
    let api = Api::new();
    let store = api.get_ok("/v1/store").await;
    let features = store["features"].as_array().cloned().unwrap_or_default();
    assert!(
        features.contains(&json!("acknowledgements")),
        "features must name acknowledgements, got {features:?}"
    );
}

#[tokio::test]
async fn the_first_acknowledgement_sets_who_and_when_and_later_ones_change_nothing() {
    let api = Api::new();
    let order = api.create_order(json!({})).await;
    assert_eq!(
        order["acknowledged_at"],
        json!(null),
        "a new order is unseen"
    );
    assert_eq!(order["acknowledged_by"], json!(null));
    let first = acknowledge(&api, &id(&order), Some("Caja 1")).await;
    assert_eq!(
        first.status,
        200,
        "{}",
        String::from_utf8_lossy(&first.body)
    );
    let acked = first.json();
    assert!(
        acked["acknowledged_at"].is_string(),
        "set the first time: {acked}"
    );
    assert_eq!(acked["acknowledged_by"], json!("Caja 1"));
    assert_eq!(
        acked["status"],
        json!("pending"),
        "acknowledging does not move it"
    );
    assert_eq!(
        acked["version"],
        json!(order["version"].as_i64().unwrap_or(0) + 1)
    );
    let again = acknowledge(&api, &id(&order), Some("iPhone de Ana")).await;
    assert_eq!(again.status, 200);
    let again = again.json();
    assert_eq!(
        again["acknowledged_by"],
        json!("Caja 1"),
        "later calls change nothing"
    );
    assert_eq!(again["acknowledged_at"], acked["acknowledged_at"]);
    assert_eq!(again["version"], acked["version"], "no new version either");
    let effects = api.effects(&id(&order)).await;
    let acks = effects
        .iter()
        .filter(|e| e["kind"] == json!("acknowledgement"))
        .count();
    assert_eq!(
        acks, 1,
        "one effect, whatever the number of calls: {effects:?}"
    );
}

#[tokio::test]
async fn without_a_device_name_the_acknowledgement_has_no_author() {
    let api = Api::new();
    let order = api.create_order(json!({})).await;
    let r = acknowledge(&api, &id(&order), None).await;
    assert_eq!(r.status, 200);
    assert!(r.json()["acknowledged_at"].is_string());
    assert_eq!(r.json()["acknowledged_by"], json!(null));
    assert_eq!(
        api.order(&id(&order)).await["acknowledged_by"],
        json!(null),
        "GET shows the same"
    );
}

#[tokio::test]
async fn an_unknown_order_is_not_found() {
    let api = Api::new();
    let r = acknowledge(&api, "ord_nope", Some("Caja 1")).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.code(), "not_found");
}

#[tokio::test]
async fn the_stream_says_acknowledged_once() {
    let api = Api::new();
    let order = api.create_order(json!({})).await;
    let mut events = Events::open(&api, order["seq"].as_i64()).await;
    let r = acknowledge(&api, &id(&order), Some("Caja 1")).await;
    let (seq, data) = events
        .next_event(Duration::from_secs(2))
        .await
        .expect("an event");
    assert_eq!(seq, r.json()["seq"].as_i64().unwrap_or(-1));
    assert_eq!(
        data,
        json!({"seq": seq, "order_id": id(&order), "kind": "acknowledged"})
    );
    acknowledge(&api, &id(&order), Some("Caja 2")).await;
    assert!(
        events
            .next_event(Duration::from_millis(400))
            .await
            .is_none(),
        "a repeated acknowledgement announces nothing"
    );
}
