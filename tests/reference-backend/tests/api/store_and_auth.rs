use reference_backend::{Config, Currency};
use serde_json::json;

use crate::support::{Api, key};

#[tokio::test]
async fn the_store_describes_currency_timezone_attention_labels_and_fees() {
    let api = Api::new();
    let store = api.get_ok("/v1/store").await;
    assert_eq!(store["currency"], "MXN", "the default store is Mexican");
    assert_eq!(store["timezone"], "America/Mexico_City");
    assert_eq!(store["locale"], "es-MX");
    assert_eq!(store["cancel_window_days"], 15);
    assert_eq!(
        store["attention"],
        json!({"reminders_after_s": [300, 600], "warn_after_s": 900, "auto_cancel_after_s": 1200}),
        "attention drives the app's reminder schedule"
    );
    assert_eq!(store["status_labels"]["ready"], "Listo para entrega");
    assert_eq!(
        store["refund_fee"],
        json!({"percent_bps": 290, "fixed": 300})
    );
}

#[tokio::test]
async fn a_chilean_store_uses_clp_for_its_orders() {
    let api = Api::with(Config::default().with_currency(Currency::Clp));
    assert_eq!(api.get_ok("/v1/store").await["currency"], "CLP");
    let order = api.create_order(json!({})).await;
    assert_eq!(
        order["currency"], "CLP",
        "orders are in the store's currency"
    );
}

#[tokio::test]
async fn a_wrong_or_missing_token_is_unauthorized_everywhere() {
    let api = Api::new();
    for path in ["/v1/store", "/v1/orders", "/v1/orders/x", "/v1/events"] {
        let r = api.get_as(path, "wrong").await;
        assert_eq!(r.status, 401, "{path} must refuse a wrong token");
        assert_eq!(r.code(), "unauthorized");
        let r = api.http.get(api.url(path)).send().await.expect("GET");
        assert_eq!(r.status(), 401, "{path} must refuse a missing token");
    }
    let r = api
        .http
        .post(api.url("/v1/orders/x/cancellations"))
        .bearer_auth("wrong")
        .header("Idempotency-Key", key())
        .body("{}")
        .send()
        .await
        .expect("POST");
    assert_eq!(
        r.status(),
        401,
        "a POST with a wrong token is refused before anything else"
    );
    let r = api.get_as("/v1/admin/effects", api.server.token()).await;
    assert_eq!(r.status, 401, "the store token is not the admin token");
}

#[tokio::test]
async fn problems_are_rfc9457_with_the_problem_json_content_type() {
    let api = Api::new();
    let r = api.get("/v1/orders/ord_nope").await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/problem+json")
    );
    let body = r.json();
    for member in ["type", "title", "status", "detail", "code"] {
        assert!(
            body.get(member).is_some(),
            "a problem body must have {member}: {body}"
        );
    }
    assert_eq!(body["status"], 404, "status member matches the HTTP status");
    assert_eq!(body["code"], "not_found");
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_with_problems() {
    let api = Api::new();
    let r = api.get("/v1/nothing").await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (404, "not_found"),
        "unknown route"
    );
    let r = api
        .http
        .delete(api.url("/v1/orders"))
        .bearer_auth("test-token")
        .send()
        .await
        .expect("DELETE");
    assert_eq!(r.status(), 405, "a known route with the wrong method");
    let body: serde_json::Value = r.json().await.expect("problem body");
    assert_eq!(body["code"], "method_not_allowed");
}

#[tokio::test]
async fn admin_control_is_absent_without_an_admin_token() {
    let api = Api::with(Config {
        admin_token: None,
        ..Config::default()
    });
    let r = api
        .http
        .post(api.url("/v1/admin/orders"))
        .bearer_auth("admin-token")
        .body("{}")
        .send()
        .await
        .expect("POST");
    assert_eq!(
        r.status(),
        404,
        "without an admin token the admin routes do not exist"
    );
}
