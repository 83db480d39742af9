//! A reference backend with its admin controls, and desks connected to it.

use std::path::Path;
use std::sync::Arc;

use mostrador_core::attention::RecordingNotifier;
use mostrador_core::clock::SystemClock;
use mostrador_core::desk::{Desk, DeskConfig, MemoryTokenStore, Tuning};
use mostrador_core::model::Order;
use reference_backend::{Config, TestServer};
use serde_json::{Value, json};

/// The backend plus an HTTP client for its admin and read endpoints.
pub struct Backend {
    /// The server (stop/restart it to go offline).
    pub server: TestServer,
    http: reqwest::Client,
}

impl Backend {
    /// A backend with `seed` historical orders.
    pub fn spawn(seed: u64) -> Backend {
        Backend::with(Config {
            seed,
            ..Config::default()
        })
    }

    /// A backend with this configuration.
    pub fn with(config: Config) -> Backend {
        // No pooled connections: a stopped and restarted server must not see stale ones.
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .build()
            .expect("client");
        Backend {
            server: TestServer::spawn(config),
            http,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.base_url())
    }

    async fn admin(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let response = self
            .http
            .request(method, self.url(path))
            .bearer_auth(
                self.server
                    .admin_token()
                    .expect("admin control is on in tests"),
            )
            .json(&body)
            .send()
            .await
            .expect("the admin endpoint answers");
        assert!(
            response.status().is_success(),
            "admin {path} failed: {}",
            response.status()
        );
        response.json().await.expect("admin answers are JSON")
    }

    /// Creates an order (any subset of its fields).
    pub async fn create_order(&self, fields: Value) -> Order {
        let value = self
            .admin(reqwest::Method::POST, "/v1/admin/orders", fields)
            .await;
        serde_json::from_value(value).expect("the created order decodes")
    }

    /// A paid card pickup order of $450.00 with a receipt in error.
    pub async fn pickup_order(&self) -> Order {
        self.create_order(json!({
            "fulfillment": "pickup", "total": 45000,
            "payment": {"method": "card", "gateway": "conekta", "status": "paid"},
            "documents": [{"kind": "receipt", "status": "error", "error": "SAT caído"}]
        }))
        .await
    }

    /// The customer cancels (full refund); `false` when it was already cancelled (409).
    pub async fn customer_cancel(&self, id: &str) -> bool {
        let response = self
            .http
            .post(self.url(&format!("/v1/admin/orders/{id}/customer-cancellation")))
            .bearer_auth(self.server.admin_token().unwrap_or_default())
            .json(&json!({}))
            .send()
            .await
            .expect("the admin endpoint answers");
        let status = response.status().as_u16();
        assert!(
            status == 200 || status == 409,
            "customer cancellation of {id} answered {status}"
        );
        status == 200
    }

    /// Sets the fault knobs (absent = off).
    pub async fn faults(&self, knobs: Value) {
        self.admin(reqwest::Method::PUT, "/v1/admin/faults", knobs)
            .await;
    }

    /// The audit log of applied effects.
    pub async fn effects(&self, order_id: Option<&str>) -> Vec<Value> {
        let path = match order_id {
            Some(id) => format!("/v1/admin/effects?order_id={id}"),
            None => "/v1/admin/effects".into(),
        };
        let response = self
            .http
            .get(self.url(&path))
            .bearer_auth(self.server.admin_token().unwrap_or_default())
            .send()
            .await
            .expect("effects answer");
        let body: Value = response.json().await.expect("effects are JSON");
        body["effects"].as_array().cloned().unwrap_or_default()
    }

    /// The backend's order now (faults must be off).
    pub async fn order(&self, id: &str) -> Order {
        self.http
            .get(self.url(&format!("/v1/orders/{id}")))
            .bearer_auth(self.server.token())
            .send()
            .await
            .expect("the order answers")
            .json()
            .await
            .expect("the order decodes")
    }

    /// Every order on the backend (faults must be off).
    pub async fn all_orders(&self) -> Vec<Order> {
        let mut out = Vec::new();
        let mut after = 0;
        loop {
            let page: Value = self
                .http
                .get(self.url(&format!("/v1/orders?after={after}&limit=1000")))
                .bearer_auth(self.server.token())
                .send()
                .await
                .expect("the listing answers")
                .json()
                .await
                .expect("the listing is JSON");
            let orders: Vec<Order> =
                serde_json::from_value(page["orders"].clone()).expect("orders decode");
            out.extend(orders);
            after = page["next_after"].as_i64().unwrap_or(after);
            if page["has_more"] != json!(true) {
                return out;
            }
        }
    }
}

/// A desk over `dir`, not connected, with test timings.
pub async fn open_desk(dir: &Path, token: Option<&str>) -> (Desk, Arc<RecordingNotifier>) {
    let notifier = Arc::new(RecordingNotifier::default());
    let config = DeskConfig {
        data_dir: dir.to_path_buf(),
        clock: Arc::new(SystemClock),
        notifier: notifier.clone(),
        token_store: Arc::new(MemoryTokenStore::with(token.map(str::to_string))),
    };
    let desk = Desk::open_tuned(config, Tuning::fast())
        .await
        .expect("the desk opens");
    (desk, notifier)
}

/// A desk connected to `backend` and synced once.
pub async fn connected_desk(backend: &Backend, dir: &Path) -> Desk {
    let (desk, _) = open_desk(dir, None).await;
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("the desk connects with the right token");
    desk.sync_now().await.expect("the first sync runs");
    desk
}
