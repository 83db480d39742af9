use std::collections::HashMap;
use std::time::Duration;

use reference_backend::Config;
use serde_json::Value;

use crate::support::Api;

async fn all_orders(api: &Api) -> Vec<Value> {
    let page = api.get_ok("/v1/orders?limit=1000").await;
    page["orders"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn the_demo_generator_creates_realistic_orders_at_its_rate() {
    let api = Api::with(Config {
        demo_rate: Some(1200.0),
        ..Config::default()
    });
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let orders = all_orders(&api).await;
    assert!(
        orders.len() >= 5,
        "1200 orders/min should make several in 1.2 s, got {}",
        orders.len()
    );
    for order in &orders {
        assert!(
            order["customer"]["name"]
                .as_str()
                .is_some_and(|n| n.contains(' ')),
            "a full name"
        );
        assert!(
            !order["items"].as_array().unwrap().is_empty(),
            "an order has items"
        );
        assert_eq!(order["currency"], "MXN");
        let sum: i64 = order["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["total"].as_i64().unwrap())
            .sum();
        assert_eq!(
            order["total"].as_i64(),
            Some(sum),
            "the total is the sum of the items"
        );
    }
}

#[tokio::test]
async fn the_seed_creates_a_settled_history_over_past_months() {
    let api = Api::with(Config {
        seed: 400,
        ..Config::default()
    });
    let orders = all_orders(&api).await;
    assert_eq!(orders.len(), 400, "--seed N creates N orders");
    let mut by_status: HashMap<String, usize> = HashMap::new();
    for order in &orders {
        *by_status
            .entry(order["status"].as_str().unwrap().to_string())
            .or_default() += 1;
        assert!(
            order["auto_cancel_at"].is_null(),
            "historical orders are not waiting for auto-cancel"
        );
        let history = order["history"].as_array().unwrap();
        assert_eq!(
            order["version"].as_u64(),
            Some(history.len() as u64),
            "one version per status change"
        );
    }
    assert!(
        by_status["delivered"] > 280,
        "mostly delivered: {by_status:?}"
    );
    assert!(by_status["cancelled"] > 10, "some cancelled: {by_status:?}");
    assert!(
        !by_status.contains_key("pending"),
        "none left pending: {by_status:?}"
    );
    let seqs: Vec<i64> = orders.iter().map(|o| o["seq"].as_i64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "seq ascends");
    let first = orders[0]["created_at"].as_str().unwrap()[..7].to_string();
    let last = orders[399]["created_at"].as_str().unwrap()[..7].to_string();
    assert_ne!(first, last, "the history spans several months");
}

#[tokio::test]
async fn odd_paths_and_huge_bodies_still_get_problem_bodies() {
    let api = Api::new();
    let r = api.get("/v1/orders/%FF%FE").await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (404, "not_found"),
        "an undecodable id is unknown"
    );
    let huge = format!(
        "{{\"to\":\"preparing\",\"pad\":\"{}\"}}",
        "x".repeat(3 * 1024 * 1024)
    );
    let r = api
        .post_raw("/v1/orders/ord_x/transitions", Some("k-huge"), huge)
        .await;
    assert_eq!(
        r.status, 422,
        "an oversized body is refused as a body problem, not a 500"
    );
    assert_eq!(r.code(), "invalid_body");
}

#[tokio::test]
async fn the_admin_clock_and_faults_can_be_read_back() {
    let api = Api::new();
    let before = api
        .admin(
            reqwest::Method::GET,
            "/v1/admin/clock",
            serde_json::json!({}),
        )
        .await
        .json();
    let moved = api.advance_clock(3600).await;
    assert_eq!(moved["offset_s"], 3600, "the offset is what was advanced");
    assert!(
        moved["now"].as_str() > before["now"].as_str(),
        "the clock moved forward"
    );
    let r = api
        .admin(
            reqwest::Method::POST,
            "/v1/admin/clock",
            serde_json::json!({"advance_s": -5}),
        )
        .await;
    assert_eq!(r.code(), "invalid_body", "the clock never goes back");
    api.set_faults(serde_json::json!({"latency_ms": 5, "seed": 9}))
        .await;
    let faults = api
        .admin(
            reqwest::Method::GET,
            "/v1/admin/faults",
            serde_json::json!({}),
        )
        .await
        .json();
    assert_eq!(
        (faults["latency_ms"].as_u64(), faults["seed"].as_u64()),
        (Some(5), Some(9))
    );
    assert_eq!(
        faults["error_rate"], 0.0,
        "a PUT replaces every knob; absent means off"
    );
    let r = api
        .admin(
            reqwest::Method::PUT,
            "/v1/admin/faults",
            serde_json::json!({"error_rate": 2}),
        )
        .await;
    assert_eq!(r.code(), "invalid_body", "rates are between 0 and 1");
}
