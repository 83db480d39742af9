//! API.md "Devices and push": registering, deleting, and every attention step pushed at most
//! once per device — to a UnifiedPush endpoint started by the test, or recorded for APNs/FCM.

use std::time::Duration;

use reference_backend::Config;
use serde_json::{Value, json};

use crate::receivers::PushReceiver;
use crate::support::{Api, id, key};

fn fast() -> Config {
    Config {
        push_backoff: Duration::from_millis(50),
        ..Config::default()
    }
}

async fn register(api: &Api, platform: &str, token: &str, lang: &str) -> String {
    let body = json!({"name": "iPhone de Ana", "platform": platform, "token": token, "lang": lang});
    let r = api.post("/v1/devices", &key(), body).await;
    assert_eq!(
        r.status,
        201,
        "registering must succeed: {}",
        String::from_utf8_lossy(&r.body)
    );
    r.json()["id"].as_str().expect("device id").to_string()
}

async fn pushes(api: &Api) -> Value {
    let r = api
        .admin(reqwest::Method::GET, "/v1/admin/pushes", json!({}))
        .await;
    assert_eq!(r.status, 200, "the push log is readable");
    r.json()
}

fn kinds(got: &[crate::receivers::Received]) -> Vec<String> {
    got.iter()
        .map(|r| r.body["kind"].as_str().unwrap_or("?").to_string())
        .collect()
}

async fn pending_order(api: &Api) -> Value {
    api.create_order(json!({"fulfillment": "pickup", "total": 45000,
        "customer": {"name": "Ana Pérez"}}))
        .await
}

#[tokio::test]
async fn a_device_registers_once_per_token_and_the_store_says_it_serves_devices() {
    let api = Api::with(fast());
    let store = api.get_ok("/v1/store").await;
    assert!(
        store["features"]
            .as_array()
            .is_some_and(|f| f.contains(&json!("devices"))),
        "GET /v1/store must list the devices feature: {store}"
    );
    let a = register(&api, "apns", "tok-1", "es").await;
    let again = register(&api, "apns", "tok-1", "en").await;
    assert_eq!(
        a, again,
        "the same token is the same device: it must never be pushed twice"
    );
    let other = register(&api, "fcm", "tok-1", "es").await;
    assert_ne!(a, other, "another platform is another device");
    let log = pushes(&api).await;
    assert_eq!(
        log["devices"].as_array().map(Vec::len),
        Some(2),
        "two devices: {log}"
    );
    let first = log["devices"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["id"] == a.as_str());
    assert_eq!(
        first.map(|d| d["lang"].clone()),
        Some(json!("en")),
        "re-registering updates the language: {log}"
    );

    let r = api
        .http
        .delete(api.url(&format!("/v1/devices/{a}")))
        .bearer_auth("test-token")
        .send()
        .await
        .expect("DELETE");
    assert_eq!(r.status().as_u16(), 204, "deleting a device answers 204");
    let r = api
        .http
        .delete(api.url(&format!("/v1/devices/{a}")))
        .bearer_auth("test-token")
        .send()
        .await
        .expect("DELETE");
    assert_eq!(r.status().as_u16(), 404, "an unknown device is 404");
    let body: Value = r.json().await.expect("problem");
    assert_eq!(body["code"], "not_found", "with the not_found code");
}

#[tokio::test]
async fn a_bad_registration_is_invalid_body() {
    let api = Api::with(fast());
    let cases = [
        json!({"name": "", "platform": "apns", "token": "t"}),
        json!({"name": "x".repeat(65), "platform": "apns", "token": "t"}),
        json!({"name": "Caja", "platform": "sms", "token": "t"}),
        json!({"name": "Caja", "platform": "apns", "token": " "}),
        json!({"name": "Caja", "platform": "unifiedpush", "token": "not-a-url"}),
        json!({"name": "Caja", "platform": "apns", "token": "t", "lang": "fr"}),
        json!({"platform": "apns", "token": "t"}),
    ];
    for body in cases {
        let r = api.post("/v1/devices", &key(), body.clone()).await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (422, "invalid_body"),
            "{body}"
        );
    }
    let r = api
        .post_raw(
            "/v1/devices",
            None,
            json!({"name": "Caja", "platform": "apns", "token": "t"}).to_string(),
        )
        .await;
    assert_eq!(
        r.code(),
        "missing_idempotency_key",
        "a POST without a key is refused like the others"
    );
}

#[tokio::test]
async fn every_attention_step_reaches_a_unifiedpush_endpoint_exactly_once() {
    let api = Api::with(fast());
    let up = PushReceiver::start(&[]).await;
    register(&api, "unifiedpush", &up.endpoint("ana"), "es").await;
    let order = pending_order(&api).await;
    let number = order["number"].as_str().expect("number").to_string();
    let got = up.wait_for(1).await;
    assert_eq!(kinds(&got), ["new_order"], "a new order is pushed at once");
    let first = &got[0].body;
    assert_eq!(first["order_id"], order["id"], "the push names its order");
    assert_eq!(
        first["title"],
        format!("Nuevo pedido #{number}"),
        "in the device's language"
    );
    assert_eq!(first["body"], "Ana Pérez · $450.00", "who and how much");
    assert!(
        first["seq"].as_i64().is_some_and(|s| s > 0),
        "with the order's seq: {first}"
    );

    let steps = [
        "first_reminder",
        "second_reminder",
        "auto_cancel_warning",
        "auto_cancelled",
    ];
    for (i, step) in steps.iter().enumerate() {
        api.advance_clock(300).await;
        let got = up.wait_for(i + 2).await;
        assert_eq!(
            kinds(&got).last().map(String::as_str),
            Some(*step),
            "after {} s",
            300 * (i + 1)
        );
    }
    // More passes: nothing is pushed twice.
    api.advance_clock(60).await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    let got = up.received();
    let mut want = vec!["new_order"];
    want.extend(steps);
    assert_eq!(
        kinds(&got),
        want,
        "each step once per device, in ladder order"
    );
    assert_eq!(
        got[4].body["body"], "Cancelado por falta de atención, reembolso de $450.00",
        "the auto-cancellation says the refund"
    );
    let log = pushes(&api).await;
    let statuses: Vec<_> = log["pushes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| p["status"].clone())
        .collect();
    assert_eq!(
        statuses,
        vec![json!("delivered"); 5],
        "every delivery is recorded as delivered: {log}"
    );
}

#[tokio::test]
async fn a_clock_jump_pushes_only_the_latest_step_and_a_moved_order_gets_no_more() {
    let api = Api::with(fast());
    let up = PushReceiver::start(&[]).await;
    register(&api, "unifiedpush", &up.endpoint("ana"), "en").await;
    let jumped = pending_order(&api).await;
    let moved = pending_order(&api).await;
    up.wait_for(2).await;
    let r = api
        .transition(
            &id(&moved),
            &key(),
            json!({"to": "preparing", "expected_version": 1}),
        )
        .await;
    assert_eq!(
        r.status,
        200,
        "moving the order: {}",
        String::from_utf8_lossy(&r.body)
    );
    api.advance_clock(700).await;
    let got = up.wait_for(3).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let got_now = up.received();
    assert_eq!(
        got_now.len(),
        got.len(),
        "no more pushes than expected: {:?}",
        kinds(&got_now)
    );
    // Deliveries to one receiver may arrive in any order: compare them sorted.
    let mut about: Vec<String> = got_now
        .iter()
        .map(|r| format!("{} {}", r.body["order_id"], r.body["kind"]))
        .collect();
    about.sort();
    let mut want: Vec<String> = [
        (jumped["id"].clone(), json!("new_order")),
        (moved["id"].clone(), json!("new_order")),
        (jumped["id"].clone(), json!("second_reminder")),
    ]
    .iter()
    .map(|(id, kind)| format!("{id} {kind}"))
    .collect();
    want.sort();
    assert_eq!(
        about, want,
        "past two reminders at once only the latest is pushed; an order that left pending is quiet"
    );
    assert_eq!(
        got_now[2].body["title"],
        format!(
            "Order #{} is waiting",
            jumped["number"].as_str().unwrap_or("")
        ),
        "English for an English device"
    );
}

#[tokio::test]
async fn a_failing_endpoint_is_retried_and_a_gone_one_is_dropped() {
    let api = Api::with(fast());
    let flaky = PushReceiver::start(&[503, 500]).await;
    let gone = PushReceiver::start(&[410]).await;
    register(&api, "unifiedpush", &flaky.endpoint("flaky"), "es").await;
    let gone_id = register(&api, "unifiedpush", &gone.endpoint("gone"), "es").await;
    pending_order(&api).await;
    let got = flaky.wait_for(3).await;
    assert_eq!(
        got.len(),
        3,
        "two failures, then delivered on the third attempt"
    );
    assert!(
        got.windows(2).all(|w| w[0].body == w[1].body),
        "a retry sends the same JSON"
    );
    assert!(
        got.iter().all(|r| r.device == "flaky"),
        "to the device's own endpoint"
    );
    gone.wait_for(1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let log = pushes(&api).await;
    let by_device = |d: &str| {
        log["pushes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["device_id"] == d)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        by_device(&gone_id)["status"],
        "gone",
        "410 means the endpoint is gone: {log}"
    );
    assert!(
        log["devices"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|d| d["id"] != gone_id.as_str()),
        "a device whose endpoint answered 410 is dropped: {log}"
    );
    let flaky_push = log["pushes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["device_id"] != gone_id.as_str())
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (flaky_push["status"].clone(), flaky_push["attempts"].clone()),
        (json!("delivered"), json!(3)),
        "{log}"
    );
    pending_order(&api).await;
    flaky.wait_for(4).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        gone.received().len(),
        1,
        "a dropped device gets nothing more"
    );
}

#[tokio::test]
async fn an_endpoint_that_never_answers_well_ends_as_failed_after_its_attempts() {
    let api = Api::with(fast());
    let down = PushReceiver::start(&[500, 500, 500, 500, 500]).await;
    register(&api, "unifiedpush", &down.endpoint("down"), "es").await;
    pending_order(&api).await;
    down.wait_for(4).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(down.received().len(), 4, "four attempts, no more");
    let log = pushes(&api).await;
    assert_eq!(log["pushes"][0]["status"], "failed", "{log}");
    assert_eq!(
        log["devices"].as_array().map(Vec::len),
        Some(1),
        "a 5xx does not drop the device"
    );
}

#[tokio::test]
async fn apns_and_fcm_pushes_are_recorded_at_admin_pushes() {
    let api = Api::with(fast());
    let apns = register(&api, "apns", "apns-token", "es").await;
    let fcm = register(&api, "fcm", "fcm-token", "en").await;
    let order = api
        .create_order(json!({"fulfillment": "pickup", "total": 45000,
            "error": {"code": "oversell", "message": "Sin existencias de Concha", "retryable": false}}))
        .await;
    let mut log = pushes(&api).await;
    for _ in 0..100 {
        if log["pushes"].as_array().map_or(0, Vec::len) >= 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
        log = pushes(&api).await;
    }
    let mut seen: Vec<(String, String, String)> = log["pushes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            assert_eq!(p["order_id"], order["id"], "{p}");
            assert_eq!(
                p["status"], "recorded",
                "APNs/FCM cannot be reached from here: {p}"
            );
            (
                p["device_id"].as_str().unwrap_or("").into(),
                p["kind"].as_str().unwrap_or("").into(),
                p["title"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    seen.sort();
    let n = order["number"].as_str().unwrap_or("");
    let mut want = vec![
        (
            apns.clone(),
            "new_order".into(),
            format!("Nuevo pedido #{n}"),
        ),
        (
            apns,
            "order_error".into(),
            format!("Problema con el pedido #{n}"),
        ),
        (fcm.clone(), "new_order".into(), format!("New order #{n}")),
        (
            fcm,
            "order_error".into(),
            format!("Problem with order #{n}"),
        ),
    ];
    want.sort();
    assert_eq!(
        seen, want,
        "a new order with an error: both steps, once per device"
    );
}
