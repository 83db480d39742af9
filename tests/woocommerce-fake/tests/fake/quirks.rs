//! Each quirk of the real store that the connector must live with, on the fake.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use woocommerce_fake::{Config, Permissions};

use super::support::{Fake, probe_order};

fn pickup(status: &str) -> Value {
    probe_order(status, "bacs", ("local_pickup", "Retiro en tienda", "0"))
}

#[tokio::test]
async fn modified_after_is_strictly_greater_at_one_second() {
    let fake = Fake::new();
    fake.freeze("2026-12-01T10:00:00").await;
    let a = fake.post("/orders", pickup("processing")).await.body["id"].clone();
    let q = |after: &str| {
        format!(
            "/orders?modified_after={after}&dates_are_gmt=true&orderby=modified&order=asc&_fields=id"
        )
    };
    assert_eq!(
        fake.get(&q("2026-12-01T10:00:00")).await.body,
        json!([]),
        "the same second is missed"
    );
    assert_eq!(
        fake.get(&q("2026-12-01T09:59:59")).await.body,
        json!([{ "id": a }])
    );
    // Without dates_are_gmt the date is the site's local time (Santiago, UTC−3 in December).
    let local = fake
        .get("/orders?modified_after=2026-12-01T06:59:59&_fields=id")
        .await;
    assert_eq!(local.body, json!([{ "id": a }]));
    let bad = fake.get("/orders?modified_after=yesterday").await;
    assert_eq!(
        (bad.status, bad.body["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("rest_invalid_param"))
    );
}

#[tokio::test]
async fn per_page_is_at_most_100_and_pages_are_counted() {
    let fake = Fake::new();
    fake.admin(
        Method::POST,
        "/orders",
        json!({ "count": 230, "spec": pickup("processing") }),
    )
    .await;
    let too_many = fake.get("/orders?per_page=101").await;
    assert_eq!(too_many.status, StatusCode::BAD_REQUEST);
    assert_eq!(too_many.body["code"], "rest_invalid_param");
    assert_eq!(
        too_many.body["data"]["params"]["per_page"],
        "per_page must be between 1 (inclusive) and 100 (inclusive)"
    );
    let page = fake
        .get("/orders?per_page=100&page=3&orderby=id&order=asc&_fields=id")
        .await;
    assert_eq!(page.headers["x-wp-total"], "230");
    assert_eq!(page.headers["x-wp-totalpages"], "3");
    assert_eq!(page.body.as_array().map(Vec::len), Some(30));
    let default = fake.get("/orders").await;
    assert_eq!(
        default.body.as_array().map(Vec::len),
        Some(10),
        "10 a page by default"
    );
}

#[tokio::test]
async fn include_with_fields_reconciles_ids() {
    let fake = Fake::new();
    let a = fake.post("/orders", pickup("processing")).await.body["id"]
        .as_i64()
        .unwrap_or_default();
    let b = fake.post("/orders", pickup("processing")).await.body["id"]
        .as_i64()
        .unwrap_or_default();
    fake.call(Method::DELETE, &format!("/orders/{b}?force=true"), None)
        .await;
    let r = fake
        .get(&format!(
            "/orders?include={a},{b},999&_fields=id,date_modified_gmt,status&per_page=100"
        ))
        .await;
    let list = r.body.as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], a);
    let keys: Vec<&String> = list[0]
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys.len(), 3, "only the asked fields: {keys:?}");
    assert_eq!(
        fake.get(&format!("/orders/{b}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn trash_hides_an_order_from_lists_but_not_from_get() {
    let fake = Fake::new();
    let a = fake.post("/orders", pickup("processing")).await.body["id"].clone();
    let first = fake
        .call(Method::DELETE, &format!("/orders/{a}"), None)
        .await;
    assert_eq!(
        first.body["status"], "processing",
        "the answer is the order before the trash"
    );
    assert_eq!(
        fake.get(&format!("/orders/{a}")).await.body["status"],
        "trash"
    );
    assert_eq!(fake.get("/orders?_fields=id").await.body, json!([]));
    let again = fake
        .call(Method::DELETE, &format!("/orders/{a}"), None)
        .await;
    assert_eq!(again.status, StatusCode::GONE);
}

#[tokio::test]
async fn refunds_through_a_gateway_that_can_and_to_the_end() {
    let fake = Fake::new();
    let card = fake
        .post(
            "/orders",
            probe_order("processing", "stripe", ("flat_rate", "Despacho", "3000")),
        )
        .await;
    let id = &card.body["id"];
    let r = fake
        .post(
            &format!("/orders/{id}/refunds"),
            json!({ "amount": "19800" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(
        r.body["refunded_payment"], true,
        "api_refund defaults to true"
    );
    assert_eq!(
        fake.get(&format!("/orders/{id}")).await.body["status"],
        "refunded"
    );
    let zero = fake
        .post(
            &format!("/orders/{id}/refunds"),
            json!({ "amount": "-1", "api_refund": false }),
        )
        .await;
    assert_eq!(zero.status, StatusCode::BAD_REQUEST);
    let more = fake
        .post(
            &format!("/orders/{id}/refunds"),
            json!({ "amount": "1", "api_refund": false }),
        )
        .await;
    assert_eq!(
        (more.status.as_u16(), more.body["code"].as_str()),
        (500, Some("woocommerce_rest_cannot_create_order_refund"))
    );
}

#[tokio::test]
async fn a_batch_takes_at_most_100_items() {
    let fake = Fake::new();
    let items: Vec<Value> = (0..101)
        .map(|i| json!({ "id": i, "status": "completed" }))
        .collect();
    let r = fake.post("/orders/batch", json!({ "update": items })).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    let creates: Vec<Value> = (0..100).map(|_| pickup("processing")).collect();
    let r = fake
        .post("/orders/batch", json!({ "create": creates }))
        .await;
    assert_eq!(r.body["create"].as_array().map(Vec::len), Some(100));
}

#[tokio::test]
async fn keys_are_checked_and_read_keys_cannot_write() {
    let fake = Fake::with(Config {
        permissions: Permissions::Read,
        ..Config::default()
    });
    let url = format!("{}/wp-json/wc/v3/orders", fake.server.base_url());
    let none = fake.http.get(&url).send().await.expect("answer");
    assert_eq!(none.status(), StatusCode::UNAUTHORIZED);
    let wrong = fake
        .http
        .get(&url)
        .basic_auth("ck_wrong", Some("x"))
        .send()
        .await
        .expect("answer");
    let body: Value = wrong.json().await.expect("json");
    assert_eq!(body["code"], "woocommerce_rest_authentication_error");
    assert_eq!(fake.get("/orders").await.status, StatusCode::OK);
    let write = fake.post("/orders", pickup("processing")).await;
    assert_eq!(write.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        write.body["message"],
        "The API key provided does not have write permissions."
    );
}

#[tokio::test]
async fn the_store_says_its_name_zone_currency_decimals_and_gateways() {
    let fake = Fake::with(Config::mexico());
    let index: Value = fake
        .http
        .get(format!("{}/wp-json/", fake.server.base_url()))
        .send()
        .await
        .expect("index")
        .json()
        .await
        .expect("json");
    assert_eq!(index["name"], "Panadería La Espiga");
    assert_eq!(index["timezone_string"], "America/Mexico_City");
    assert!(
        index["namespaces"]
            .as_array()
            .is_some_and(|n| n.contains(&json!("wc/v3")))
    );
    let settings = fake.get("/settings/general").await.body;
    let value = |id: &str| {
        settings
            .as_array()
            .and_then(|s| s.iter().find(|x| x["id"] == id))
            .map(|x| x["value"].clone())
    };
    assert_eq!(value("woocommerce_currency"), Some(json!("MXN")));
    assert_eq!(value("woocommerce_price_num_decimals"), Some(json!("2")));
    let gateways = fake.get("/payment_gateways").await.body;
    let refunds = |id: &str| {
        gateways
            .as_array()
            .and_then(|g| g.iter().find(|x| x["id"] == id))
            .map(|x| {
                x["method_supports"]
                    .as_array()
                    .is_some_and(|s| s.contains(&json!("refunds")))
            })
    };
    assert_eq!(
        (refunds("cod"), refunds("stripe")),
        (Some(false), Some(true))
    );
    let order = fake
        .post(
            "/orders",
            probe_order("processing", "cod", ("flat_rate", "Envío", "45.5")),
        )
        .await
        .body;
    assert_eq!(
        order["total"], "381.50",
        "6 × 50.00 + 1 × 36.00 + 45.50, two decimals"
    );
    assert_eq!(order["line_items"][0]["subtotal"], "300.00");
}

#[tokio::test]
async fn faults_are_off_by_default_and_follow_admin_control() {
    let fake = Fake::new();
    assert_eq!(fake.get("/orders").await.status, StatusCode::OK);
    fake.admin(
        Method::PUT,
        "/faults",
        json!({ "error_rate": 1.0, "seed": 1 }),
    )
    .await;
    for _ in 0..4 {
        let s = fake.get("/orders").await.status;
        assert!(
            s == StatusCode::INTERNAL_SERVER_ERROR || s == StatusCode::SERVICE_UNAVAILABLE,
            "{s}"
        );
    }
    fake.admin(
        Method::PUT,
        "/faults",
        json!({ "rate_limit_rate": 1.0, "retry_after_s": 7 }),
    )
    .await;
    let limited = fake.get("/orders").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.headers["retry-after"], "7");
    fake.admin(
        Method::PUT,
        "/faults",
        json!({ "drop_after_commit_rate": 1.0 }),
    )
    .await;
    let url = format!("{}/wp-json/wc/v3/orders", fake.server.base_url());
    let sent = fake
        .http
        .post(&url)
        .basic_auth(fake.server.key(), Some(fake.server.secret()))
        .json(&pickup("processing"))
        .send()
        .await;
    let outcome = match sent {
        Ok(res) => res.bytes().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(outcome.is_err(), "the answer is lost");
    fake.admin(Method::PUT, "/faults", json!({})).await;
    let listed = fake.get("/orders?_fields=id").await.body;
    assert_eq!(
        listed.as_array().map(Vec::len),
        Some(1),
        "but the order was made"
    );
}

#[tokio::test]
async fn admin_control_needs_its_token() {
    let fake = Fake::new();
    let url = format!("{}/mostrador-fake/faults", fake.server.base_url());
    let r = fake.http.get(&url).send().await.expect("answer");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let off = Fake::with(Config {
        admin_token: None,
        ..Config::default()
    });
    let url = format!("{}/mostrador-fake/faults", off.server.base_url());
    let r = off
        .http
        .get(&url)
        .bearer_auth("fake-admin")
        .send()
        .await
        .expect("answer");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_shop_change_bumps_date_modified() {
    let fake = Fake::new();
    fake.freeze("2026-12-01T10:00:00").await;
    let a = fake.post("/orders", pickup("processing")).await.body["id"].clone();
    fake.advance(5).await;
    let changed = fake
        .admin(
            Method::PUT,
            &format!("/orders/{a}"),
            json!({ "status": "completed" }),
        )
        .await;
    assert_eq!(changed["date_modified_gmt"], "2026-12-01T10:00:05");
    assert_eq!(changed["date_completed_gmt"], "2026-12-01T10:00:05");
    let notes = fake.get(&format!("/orders/{a}/notes")).await.body;
    assert_eq!(
        notes[0]["note"],
        "Order status changed from Processing to Completed."
    );
}

#[test]
fn the_binary_says_where_it_listens_first() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile_dir();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_woocommerce-fake"))
        .args(["--listen", "127.0.0.1:0", "--db"])
        .arg(dir.join("woo.db"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the fake starts");
    let mut line = String::new();
    let read = child
        .stdout
        .take()
        .map(|out| BufReader::new(out).read_line(&mut line));
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(matches!(read, Some(Ok(n)) if n > 0));
    assert!(
        line.starts_with("listening on http://127.0.0.1:"),
        "{line:?}"
    );
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("woo-fake-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    dir
}

/// Seen on a real WooCommerce 9.4.3 on loopback (2026-12-01), with products linked by SKU:
/// a line item must name a product; `set_paid` on a cash-on-delivery order completes it (the
/// COD gateway filters the status a payment leads to), and so does a paid order of no
/// product; a transfer paid at once is `processing`; a cash-on-delivery order put in
/// `processing` stays unpaid, a transfer put in `processing` is paid.
#[tokio::test]
async fn what_a_payment_does_depends_on_the_gateway_and_the_products() {
    let fake = Fake::new();
    let line = |sku: &str| json!([{ "name": "Empanada de pino", "sku": sku, "quantity": 6, "total": "15000" }]);
    let create = |method: &str, status: Option<&str>, paid: bool, items: Value| {
        let mut body = json!({ "payment_method": method, "set_paid": paid, "line_items": items });
        if let Some(s) = status {
            body["status"] = json!(s);
        }
        body
    };
    let no_product = fake
        .post(
            "/orders",
            json!({ "line_items": [{ "name": "x", "quantity": 1, "total": "1000" }] }),
        )
        .await;
    assert_eq!(
        (no_product.status, no_product.body["code"].as_str()),
        (
            StatusCode::BAD_REQUEST,
            Some("woocommerce_rest_required_product_reference")
        )
    );
    let sku = "EMP-PINO-1796110760";
    let cases = [
        (create("cod", None, true, line(sku)), "completed", true),
        (create("bacs", None, true, line(sku)), "processing", true),
        (
            create("bacs", None, true, line("NO-SUCH-SKU")),
            "completed",
            true,
        ),
        (
            create("cod", Some("processing"), false, line(sku)),
            "processing",
            false,
        ),
        (
            create("bacs", Some("processing"), false, line(sku)),
            "processing",
            true,
        ),
        (
            create("bacs", Some("on-hold"), false, line(sku)),
            "on-hold",
            false,
        ),
        // Already processing: `set_paid` changes nothing.
        (
            create("cod", Some("processing"), true, line(sku)),
            "processing",
            false,
        ),
    ];
    for (body, status, paid) in cases {
        let made = fake.post("/orders", body.clone()).await;
        assert_eq!(made.status, StatusCode::CREATED, "{body}: {}", made.body);
        assert_eq!(
            (
                made.body["status"].as_str(),
                !made.body["date_paid_gmt"].is_null()
            ),
            (Some(status), paid),
            "{body}"
        );
    }
    let unknown = fake
        .post(
            "/orders",
            create("bacs", Some("on-hold"), false, line("NO-SUCH-SKU")),
        )
        .await;
    assert_eq!(
        (
            &unknown.body["line_items"][0]["product_id"],
            &unknown.body["line_items"][0]["sku"]
        ),
        (&json!(0), &Value::Null),
        "an unknown SKU names no product and comes back null"
    );
    let known = fake
        .post("/orders", create("bacs", Some("on-hold"), false, line(sku)))
        .await;
    assert_eq!(
        known.body["line_items"][0]["product_id"], 12,
        "a SKU names its product"
    );
}
