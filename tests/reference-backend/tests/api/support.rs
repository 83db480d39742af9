//! A small client over reqwest with the helpers every test module uses.

use reference_backend::{Config, TestServer};
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

/// A server and a client that speaks to it.
pub struct Api {
    pub server: TestServer,
    pub http: reqwest::Client,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or("").to_string()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap_or("").to_string())
    }
}

impl Api {
    pub fn new() -> Self {
        Self::with(Config::default())
    }

    pub fn with(config: Config) -> Self {
        Self {
            server: TestServer::spawn(config),
            http: reqwest::Client::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.base_url())
    }

    async fn read(response: reqwest::Response) -> Resp {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.expect("read body").to_vec();
        Resp {
            status,
            headers,
            body,
        }
    }

    pub async fn get_as(&self, path: &str, token: &str) -> Resp {
        let response = self
            .http
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await;
        Self::read(response.expect("GET")).await
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.get_as(path, self.server.token()).await
    }

    /// GET that must succeed; returns the JSON.
    pub async fn get_ok(&self, path: &str) -> Value {
        let r = self.get(path).await;
        assert_eq!(
            r.status,
            200,
            "GET {path} should succeed: {}",
            String::from_utf8_lossy(&r.body)
        );
        r.json()
    }

    pub async fn post_raw(
        &self,
        path: &str,
        key: Option<&str>,
        body: impl Into<reqwest::Body>,
    ) -> Resp {
        let mut request = self
            .http
            .post(self.url(path))
            .bearer_auth(self.server.token())
            .header("content-type", "application/json")
            .body(body);
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        Self::read(request.send().await.expect("POST")).await
    }

    /// POST with a `Device-Name` header.
    pub async fn post_from(&self, device: &str, path: &str, key: &str, body: Value) -> Resp {
        let request = self
            .http
            .post(self.url(path))
            .bearer_auth(self.server.token())
            .header("content-type", "application/json")
            .header("Idempotency-Key", key)
            .header("Device-Name", device)
            .body(body.to_string());
        Self::read(request.send().await.expect("POST")).await
    }

    pub async fn post(&self, path: &str, key: &str, body: Value) -> Resp {
        self.post_raw(path, Some(key), body.to_string()).await
    }

    pub async fn admin(&self, method: reqwest::Method, path: &str, body: Value) -> Resp {
        let token = self.server.admin_token().expect("admin token configured");
        let request = self
            .http
            .request(method, self.url(path))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(body.to_string());
        Self::read(request.send().await.expect("admin request")).await
    }

    /// Creates an order through the admin API.
    pub async fn create_order(&self, fields: Value) -> Value {
        let r = self
            .admin(reqwest::Method::POST, "/v1/admin/orders", fields)
            .await;
        assert_eq!(
            r.status,
            201,
            "admin order creation should succeed: {}",
            String::from_utf8_lossy(&r.body)
        );
        r.json()
    }

    /// A paid card order of 45000 with an issued receipt.
    pub async fn card_order(&self) -> Value {
        self.create_order(json!({
            "fulfillment": "pickup",
            "total": 45000,
            "payment": {"method": "card", "gateway": "conekta", "status": "paid"},
        }))
        .await
    }

    pub async fn advance_clock(&self, seconds: i64) -> Value {
        let r = self
            .admin(
                reqwest::Method::POST,
                "/v1/admin/clock",
                json!({"advance_s": seconds}),
            )
            .await;
        assert_eq!(r.status, 200, "clock advance should succeed");
        r.json()
    }

    pub async fn set_faults(&self, faults: Value) {
        let r = self
            .admin(reqwest::Method::PUT, "/v1/admin/faults", faults)
            .await;
        assert_eq!(
            r.status,
            200,
            "setting faults should succeed: {}",
            String::from_utf8_lossy(&r.body)
        );
    }

    pub async fn effects(&self, order_id: &str) -> Vec<Value> {
        let path = format!("/v1/admin/effects?order_id={order_id}");
        let r = self.admin(reqwest::Method::GET, &path, json!({})).await;
        assert_eq!(r.status, 200, "effects log should be readable");
        r.json()["effects"].as_array().cloned().unwrap_or_default()
    }

    pub async fn order(&self, id: &str) -> Value {
        self.get_ok(&format!("/v1/orders/{id}")).await
    }

    pub async fn cancel(&self, id: &str, key: &str, body: Value) -> Resp {
        self.post(&format!("/v1/orders/{id}/cancellations"), key, body)
            .await
    }

    pub async fn transition(&self, id: &str, key: &str, body: Value) -> Resp {
        self.post(&format!("/v1/orders/{id}/transitions"), key, body)
            .await
    }
}

pub fn id(order: &Value) -> String {
    order["id"].as_str().expect("order id").to_string()
}

/// A fresh idempotency key.
pub fn key() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "key-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}
