use std::collections::HashMap;

use serde_json::{Value, json};

use crate::support::{Api, id, key};

#[tokio::test]
async fn bad_query_parameters_are_invalid_parameter() {
    let api = Api::new();
    for query in [
        "after=-1",
        "after=abc",
        "limit=0",
        "limit=1001",
        "limit=x",
        "after=1.5",
    ] {
        let r = api.get(&format!("/v1/orders?{query}")).await;
        assert_eq!(r.status, 400, "{query} must be refused");
        assert_eq!(r.code(), "invalid_parameter", "{query}");
    }
    let r = api.get("/v1/events?after=-3").await;
    assert_eq!(
        r.code(),
        "invalid_parameter",
        "the event stream checks after too"
    );
}

#[tokio::test]
async fn listing_pages_ascend_by_seq_with_next_after_and_has_more() {
    let api = Api::new();
    let empty = api.get_ok("/v1/orders").await;
    assert_eq!(
        empty,
        json!({"orders": [], "next_after": 0, "has_more": false})
    );
    for _ in 0..5 {
        api.create_order(json!({})).await;
    }
    let page = api.get_ok("/v1/orders?after=0&limit=2").await;
    let seqs: Vec<i64> = page["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, vec![1, 2], "the first page holds the two lowest seqs");
    assert_eq!(page["next_after"], 2, "next_after is the last order's seq");
    assert_eq!(page["has_more"], true);
    let rest = api.get_ok("/v1/orders?after=2&limit=1000").await;
    assert_eq!(rest["orders"].as_array().unwrap().len(), 3);
    assert_eq!(rest["has_more"], false, "nothing after the last page");
    let none = api.get_ok("/v1/orders?after=5").await;
    assert_eq!(none["next_after"], 5, "an empty page keeps after");
}

#[tokio::test]
async fn one_order_by_id_and_an_unknown_one_is_not_found() {
    let api = Api::new();
    let created = api.create_order(json!({"notes": "Sin azúcar"})).await;
    let fetched = api.order(&id(&created)).await;
    assert_eq!(fetched, created, "GET returns the order as created");
    assert_eq!(fetched["status"], "pending");
    assert!(
        fetched["auto_cancel_at"].is_string(),
        "pending orders carry auto_cancel_at"
    );
    assert_eq!(fetched["version"], 1);
    let r = api.get("/v1/orders/ord_missing").await;
    assert_eq!((r.status, r.code().as_str()), (404, "not_found"));
}

async fn sync_all(api: &Api, after: i64, seen: &mut HashMap<String, Value>) -> i64 {
    let mut after = after;
    loop {
        let page = api
            .get_ok(&format!("/v1/orders?after={after}&limit=37"))
            .await;
        for order in page["orders"].as_array().unwrap() {
            seen.insert(id(order), order.clone());
        }
        after = page["next_after"].as_i64().unwrap();
        if page["has_more"] == false {
            return after;
        }
    }
}

#[tokio::test]
async fn paging_from_zero_while_orders_change_sees_every_orders_final_state() {
    let api = Api::new();
    let mut ids = Vec::new();
    for _ in 0..120 {
        ids.push(id(&api
            .create_order(json!({"fulfillment": "delivery"}))
            .await));
    }
    let url = api.server.base_url();
    let token = api.server.token().to_string();
    let http = api.http.clone();
    let changed = ids.clone();
    let writer = tokio::spawn(async move {
        for step in ["preparing", "ready", "shipped"] {
            for order in changed.iter().rev() {
                let r = http
                    .post(format!("{url}/v1/orders/{order}/transitions"))
                    .bearer_auth(&token)
                    .header("Idempotency-Key", key())
                    .body(json!({"to": step}).to_string())
                    .send()
                    .await
                    .expect("transition");
                assert_eq!(r.status(), 200, "every transition in the writer is allowed");
            }
        }
    });
    let mut seen = HashMap::new();
    let mut after = 0;
    while !writer.is_finished() {
        after = sync_all(&api, after, &mut seen).await;
    }
    writer.await.expect("writer");
    sync_all(&api, after, &mut seen).await;
    assert_eq!(seen.len(), ids.len(), "every order was seen");
    for order_id in &ids {
        let current = api.order(order_id).await;
        assert_eq!(
            seen[order_id], current,
            "the synced copy of {order_id} is its final state"
        );
        assert_eq!(current["status"], "shipped");
    }
}
