use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::{Api, id, key};

#[tokio::test]
async fn injected_errors_come_before_any_effect() {
    let api = Api::new();
    let order = api.card_order().await;
    api.set_faults(json!({"error_rate": 1.0, "retry_after_s": 7, "seed": 3}))
        .await;
    let mut seen = Vec::new();
    for _ in 0..12 {
        let r = api
            .cancel(
                &id(&order),
                &key(),
                json!({"reason": "x", "refund_amount": 45000}),
            )
            .await;
        assert!(
            r.status == 500 || r.status == 503,
            "error_rate 1 fails every request"
        );
        if r.status == 503 {
            assert_eq!(
                r.header("retry-after").as_deref(),
                Some("7"),
                "503 says when to come back"
            );
            assert_eq!(r.code(), "service_unavailable");
        } else {
            assert_eq!(r.code(), "internal_error");
        }
        seen.push(r.status);
    }
    assert!(
        seen.contains(&500) && seen.contains(&503),
        "both kinds occur: {seen:?}"
    );
    assert!(
        api.effects(&id(&order))
            .await
            .iter()
            .all(|e| e["kind"] != "cancellation"),
        "a faulted request applies nothing"
    );
    api.set_faults(json!({})).await;
    assert_eq!(
        api.get("/v1/store").await.status,
        200,
        "an empty PUT switches every fault off"
    );
}

#[tokio::test]
async fn rate_limits_say_when_to_retry() {
    let api = Api::new();
    api.set_faults(json!({"rate_limit_rate": 1.0, "retry_after_s": 2}))
        .await;
    let r = api.get("/v1/orders").await;
    assert_eq!((r.status, r.code().as_str()), (429, "rate_limited"));
    assert_eq!(r.header("retry-after").as_deref(), Some("2"));
    let r = api
        .admin(reqwest::Method::GET, "/v1/admin/effects", json!({}))
        .await;
    assert_eq!(r.status, 200, "faults never touch the admin endpoints");
}

#[tokio::test]
async fn latency_delays_requests() {
    let api = Api::new();
    api.set_faults(json!({"latency_ms": 150})).await;
    let started = Instant::now();
    api.get_ok("/v1/store").await;
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "latency_ms is added"
    );
}

#[tokio::test]
async fn drop_after_commit_applies_the_effect_and_a_retry_with_the_same_key_replays() {
    let api = Api::new();
    let order = api.card_order().await;
    api.set_faults(json!({"drop_after_commit_rate": 1.0})).await;
    let k = key();
    let body = json!({"reason": "Sin stock", "refund_amount": 45000}).to_string();
    let url = api.url(&format!("/v1/orders/{}/cancellations", id(&order)));
    let attempt = api
        .http
        .post(&url)
        .bearer_auth("test-token")
        .header("Idempotency-Key", &k)
        .body(body.clone())
        .send()
        .await;
    let outcome = match attempt {
        Err(e) => Err(e),
        Ok(response) => response.bytes().await.map(|_| ()),
    };
    assert!(
        outcome.is_err(),
        "the client must see a transport error, got {outcome:?}"
    );
    assert_eq!(
        cancellations(&api, &id(&order)).await,
        1,
        "the effect was committed before the drop"
    );
    api.set_faults(json!({})).await;
    let r = api
        .post_raw(
            &format!("/v1/orders/{}/cancellations", id(&order)),
            Some(&k),
            body,
        )
        .await;
    assert_eq!(r.status, 200, "the retry gets the stored answer");
    assert_eq!(r.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(r.json()["refunded"], 45000);
    assert_eq!(
        cancellations(&api, &id(&order)).await,
        1,
        "the retry applied nothing again"
    );
}

async fn cancellations(api: &Api, order_id: &str) -> usize {
    api.effects(order_id)
        .await
        .iter()
        .filter(|e| e["kind"] == "cancellation")
        .count()
}
