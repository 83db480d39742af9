//! A small client for the fake and the recordings in ../shared/platforms/woocommerce-9.4.3.

use std::path::PathBuf;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use woocommerce_fake::{Config, TestServer};

/// The recordings of the real store (the repo's ../shared, present in CI).
pub fn recordings() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/platforms/woocommerce-9.4.3");
    assert!(
        dir.join("orders_options_schema.json").exists(),
        "the recordings are missing at {}",
        dir.display()
    );
    dir
}

/// One recording: `{status, headers, body}`.
pub fn recording(name: &str) -> Value {
    let path = recordings().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("recording is JSON")
}

/// A fake and a client for it.
pub struct Fake {
    pub server: TestServer,
    pub http: reqwest::Client,
}

/// An answer.
pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Fake {
    pub fn new() -> Fake {
        Fake::with(Config::default())
    }

    pub fn with(config: Config) -> Fake {
        Fake {
            server: TestServer::spawn(config),
            http: reqwest::Client::new(),
        }
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let url = format!("{}/wp-json/wc/v3{path}", self.server.base_url());
        let mut req = self
            .http
            .request(method, url)
            .basic_auth(self.server.key(), Some(self.server.secret()));
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.expect("the fake answers");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.expect("a body");
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Answer {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub async fn admin(&self, method: Method, path: &str, body: Value) -> Value {
        let url = format!("{}/mostrador-fake{path}", self.server.base_url());
        let res = self
            .http
            .request(method, url)
            .bearer_auth(self.server.admin_token().expect("admin on"))
            .json(&body)
            .send()
            .await
            .expect("admin answers");
        assert!(res.status().is_success(), "admin {path}: {}", res.status());
        res.json().await.expect("admin JSON")
    }

    pub async fn freeze(&self, at: &str) {
        self.admin(Method::POST, "/clock", json!({ "frozen_at": at }))
            .await;
    }

    pub async fn advance(&self, s: i64) {
        self.admin(Method::POST, "/clock", json!({ "advance_s": s }))
            .await;
    }
}

/// The probe's customer, as recorded.
pub fn ana() -> (Value, Value) {
    (
        json!({ "first_name": "Ana", "last_name": "Pérez", "city": "Santiago", "country": "CL",
                "email": "ana@example.test", "phone": "+56911111111" }),
        json!({ "first_name": "Ana", "last_name": "Pérez", "address_1": "Av. Siempre Viva 123",
                "city": "Santiago", "country": "CL" }),
    )
}

/// An order like the probe's: 6 empanadas and a pebre.
pub fn probe_order(status: &str, method: &str, shipping: (&str, &str, &str)) -> Value {
    let (billing, ship) = ana();
    let titles = [
        ("bacs", "Transferencia"),
        ("cod", "Pago contra entrega"),
        ("stripe", "Tarjeta de crédito"),
    ];
    let title = titles
        .iter()
        .find(|(m, _)| *m == method)
        .map_or("", |(_, t)| t);
    json!({
        "status": status,
        "payment_method": method,
        "payment_method_title": title,
        "billing": billing,
        "shipping": ship,
        "line_items": [ { "product_id": 12, "quantity": 6 }, { "product_id": 13, "quantity": 1 } ],
        "shipping_lines": [ { "method_id": shipping.0, "method_title": shipping.1, "total": shipping.2 } ],
        "meta_data": [ { "key": "_mostrador_test", "value": "1" } ],
    })
}
