use serde_json::json;

use crate::support::{Api, id, key};

fn cancellations(effects: &[serde_json::Value]) -> usize {
    effects
        .iter()
        .filter(|e| e["kind"] == "cancellation")
        .count()
}

#[tokio::test]
async fn a_replayed_cancellation_returns_the_identical_body_and_refunds_once() {
    let api = Api::new();
    let order = api.card_order().await;
    let k = key();
    let body = json!({"reason": "Sin stock", "refund_amount": 10000});
    let first = api.cancel(&id(&order), &k, body.clone()).await;
    let again = api.cancel(&id(&order), &k, body).await;
    assert_eq!(first.status, 200);
    assert_eq!(again.status, 200, "a replay returns the stored status");
    assert_eq!(
        again.body, first.body,
        "a replay returns the byte-identical body"
    );
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(
        first.header("idempotent-replayed"),
        None,
        "the first answer is not a replay"
    );
    assert_eq!(
        api.order(&id(&order)).await["refunded"],
        10000,
        "a replayed refund must not refund twice"
    );
    assert_eq!(cancellations(&api.effects(&id(&order)).await), 1);
}

#[tokio::test]
async fn a_key_reused_with_another_body_or_path_is_refused() {
    let api = Api::new();
    let order = api.card_order().await;
    let k = key();
    api.transition(&id(&order), &k, json!({"to": "preparing"}))
        .await;
    let r = api
        .transition(&id(&order), &k, json!({"to": "ready"}))
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (422, "idempotency_key_reused"),
        "another body"
    );
    let r = api
        .cancel(&id(&order), &k, json!({"to": "preparing"}))
        .await;
    assert_eq!(r.code(), "idempotency_key_reused", "another path");
}

#[tokio::test]
async fn posts_need_a_well_formed_idempotency_key() {
    let api = Api::new();
    let order = api.card_order().await;
    let path = format!("/v1/orders/{}/transitions", id(&order));
    let r = api
        .post_raw(&path, None, json!({"to": "preparing"}).to_string())
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (400, "missing_idempotency_key")
    );
    for bad in ["x".repeat(256), String::new(), "tab\there".to_string()] {
        let r = api
            .post_raw(&path, Some(&bad), json!({"to": "preparing"}).to_string())
            .await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (400, "invalid_parameter"),
            "key {bad:?}"
        );
    }
    let r = api
        .post_raw(
            &path,
            Some(&"k".repeat(255)),
            json!({"to": "preparing"}).to_string(),
        )
        .await;
    assert_eq!(r.status, 200, "255 printable characters are a valid key");
}

#[tokio::test]
async fn fifty_concurrent_identical_cancellations_refund_exactly_once() {
    let api = Api::new();
    let order = api.card_order().await;
    let k = key();
    let body = json!({"reason": "Doble toque", "refund_amount": 45000}).to_string();
    let url = api.url(&format!("/v1/orders/{}/cancellations", id(&order)));
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (http, url, k, body) = (api.http.clone(), url.clone(), k.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            let r = http
                .post(url)
                .bearer_auth("test-token")
                .header("Idempotency-Key", k)
                .body(body)
                .send()
                .await
                .expect("POST");
            r.status().as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.expect("task"));
    }
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 409),
        "only success, replay or in-progress: {statuses:?}"
    );
    assert!(statuses.contains(&200), "at least one request applied it");
    assert_eq!(
        cancellations(&api.effects(&id(&order)).await),
        1,
        "exactly one refund was applied"
    );
    assert_eq!(api.order(&id(&order)).await["refunded"], 45000);
}

#[tokio::test]
async fn a_duplicate_while_the_first_runs_is_request_in_progress() {
    let api = Api::new();
    let order = api.card_order().await;
    api.set_faults(json!({"latency_ms": 400})).await;
    let k = key();
    let url = api.url(&format!("/v1/orders/{}/transitions", id(&order)));
    let (http, k1, url1) = (api.http.clone(), k.clone(), url.clone());
    let first = tokio::spawn(async move {
        http.post(url1)
            .bearer_auth("test-token")
            .header("Idempotency-Key", k1)
            .body(r#"{"to":"preparing"}"#)
            .send()
            .await
            .expect("POST")
            .status()
            .as_u16()
    });
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    let r = api
        .post_raw(
            &format!("/v1/orders/{}/transitions", id(&order)),
            Some(&k),
            r#"{"to":"preparing"}"#,
        )
        .await;
    assert_eq!((r.status, r.code().as_str()), (409, "request_in_progress"));
    assert_eq!(
        first.await.expect("first"),
        200,
        "the first request completes"
    );
}

#[tokio::test]
async fn errors_are_not_stored_and_keys_expire_after_24_hours_of_backend_time() {
    let api = Api::new();
    let order = api.card_order().await;
    let k = key();
    let r = api
        .cancel(
            &id(&order),
            &k,
            json!({"reason": "x", "refund_amount": 99999}),
        )
        .await;
    assert_eq!(r.code(), "refund_exceeds_paid");
    let r = api
        .cancel(
            &id(&order),
            &k,
            json!({"reason": "x", "refund_amount": 99999}),
        )
        .await;
    assert_eq!(
        r.header("idempotent-replayed"),
        None,
        "only 2xx responses are stored"
    );
    let k2 = key();
    let other = api.create_order(json!({})).await;
    api.transition(&id(&other), &k2, json!({"to": "preparing"}))
        .await;
    api.advance_clock(24 * 3600 + 1).await;
    let r = api
        .transition(&id(&other), &k2, json!({"to": "ready"}))
        .await;
    assert_eq!(
        r.status, 200,
        "after 24 h the key is forgotten and the request runs anew"
    );
}
