//! The store a contract test runs against: the WooCommerce fake (in-process on 127.0.0.1:0)
//! or a real WooCommerce given by MOSTRADOR_WOO_URL / _KEY / _SECRET (and MOSTRADOR_WOO_CA).

use std::sync::Arc;

use mostrador_core::clock::SystemClock;
use mostrador_core::platforms::woocommerce::{WooCommerce, WooConfig};
use reqwest::Method;
use serde_json::{Value, json};
use woocommerce_fake::{Config, TestServer};

pub enum Kind {
    Fake(Box<TestServer>),
    Live {
        url: String,
        key: String,
        secret: String,
    },
}

/// A store and one REST client for it (building a client loads the system's roots: once).
pub struct Shop {
    kind: Kind,
    raw: Raw,
}

pub struct Raw {
    http: reqwest::Client,
    base: String,
    key: String,
    secret: String,
}

impl Shop {
    fn from(kind: Kind) -> Shop {
        let (base, key, secret) = parts(&kind);
        let config = WooConfig::new(&base, &key, &secret)
            .with_ca_from_env()
            .expect("the extra CA reads");
        let mut builder = reqwest::Client::builder();
        if let Some(pem) = config.extra_ca_pem {
            builder =
                builder.add_root_certificate(reqwest::Certificate::from_pem(&pem).expect("CA"));
        }
        let raw = Raw {
            http: builder.build().expect("client"),
            base: base.trim_end_matches('/').into(),
            key,
            secret,
        };
        Shop { kind, raw }
    }

    pub fn fake() -> Shop {
        Shop::from(Kind::Fake(Box::new(TestServer::spawn(Config::default()))))
    }

    /// The real store of the environment, if configured.
    pub fn live() -> Option<Shop> {
        let var = |n: &str| std::env::var(n).ok().filter(|v| !v.is_empty());
        Some(Shop::from(Kind::Live {
            url: var("MOSTRADOR_WOO_URL")?,
            key: var("MOSTRADOR_WOO_KEY")?,
            secret: var("MOSTRADOR_WOO_SECRET")?,
        }))
    }

    /// On a real store: the recorded products, made when missing (the fake sells them).
    pub async fn with_products(self) -> Shop {
        if !self.is_fake() {
            for (sku, name, price) in [
                (EMPANADA_SKU, "Empanada de pino", "2500"),
                (PEBRE_SKU, "Pebre 250g", "1800"),
            ] {
                let found = self.raw().get(&format!("/products?sku={sku}")).await;
                if found.as_array().is_none_or(Vec::is_empty) {
                    let made = self
                        .raw()
                        .call(
                            Method::POST,
                            "/products",
                            Some(json!({ "name": name, "sku": sku, "regular_price": price })),
                        )
                        .await;
                    assert_eq!(made.0, 201, "product {sku}: {}", made.1);
                }
            }
        }
        self
    }

    pub fn is_fake(&self) -> bool {
        matches!(self.kind, Kind::Fake(_))
    }

    pub fn config(&self) -> WooConfig {
        let (url, key, secret) = parts(&self.kind);
        WooConfig::new(&url, &key, &secret)
            .with_ca_from_env()
            .expect("the extra CA reads")
    }

    pub fn connector(&self) -> WooCommerce {
        WooCommerce::new(self.config(), Arc::new(SystemClock)).expect("a connector")
    }

    /// A plain REST client, to act as the shop and look at what the connector did.
    pub fn raw(&self) -> &Raw {
        &self.raw
    }

    /// Admin control of the fake (None on a real store).
    pub async fn admin(&self, method: Method, path: &str, body: Value) -> Option<Value> {
        let Kind::Fake(server) = &self.kind else {
            return None;
        };
        let res = self
            .raw
            .http
            .request(
                method,
                format!("{}/mostrador-fake{path}", server.base_url()),
            )
            .bearer_auth(server.admin_token().expect("admin"))
            .json(&body)
            .send()
            .await
            .expect("admin answers");
        assert!(res.status().is_success(), "admin {path}: {}", res.status());
        Some(res.json().await.expect("admin JSON"))
    }

    /// Sets the fake's faults; false on a real store (the test then skips that part).
    pub async fn faults(&self, settings: Value) -> bool {
        self.admin(Method::PUT, "/faults", settings).await.is_some()
    }

    /// Freezes the fake's clock; false on a real store.
    pub async fn freeze(&self, at: &str) -> bool {
        self.admin(Method::POST, "/clock", json!({ "frozen_at": at }))
            .await
            .is_some()
    }

    /// Creates an order (as a customer's checkout would) and returns its id.
    pub async fn create(&self, spec: Value) -> i64 {
        let r = self.raw().call(Method::POST, "/orders", Some(spec)).await;
        assert_eq!(r.0, 201, "create: {}", r.1);
        r.1["id"].as_i64().expect("an id")
    }

    /// Creates `n` orders, 100 a request.
    pub async fn create_many(&self, n: usize, spec: Value) -> Vec<i64> {
        let mut ids = Vec::new();
        let mut left = n;
        while left > 0 {
            let k = left.min(100);
            let r = self
                .raw()
                .call(
                    Method::POST,
                    "/orders/batch",
                    Some(json!({ "create": vec![spec.clone(); k] })),
                )
                .await;
            assert_eq!(r.0, 200, "batch: {}", r.1);
            ids.extend(
                r.1["create"]
                    .as_array()
                    .expect("created")
                    .iter()
                    .filter_map(|o| o["id"].as_i64()),
            );
            left -= k;
        }
        ids
    }

    /// A change made by the shop (wp-admin).
    pub async fn change(&self, id: i64, body: Value) -> Value {
        if let Some(v) = self
            .admin(Method::PUT, &format!("/orders/{id}"), body.clone())
            .await
        {
            return v;
        }
        self.raw()
            .call(Method::PUT, &format!("/orders/{id}"), Some(body))
            .await
            .1
    }
}

fn parts(kind: &Kind) -> (String, String, String) {
    match kind {
        Kind::Fake(s) => (s.base_url(), s.key().into(), s.secret().into()),
        Kind::Live { url, key, secret } => (url.clone(), key.clone(), secret.clone()),
    }
}

impl Raw {
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, format!("{}/wp-json/wc/v3{path}", self.base))
            .basic_auth(&self.key, Some(&self.secret));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("the store answers");
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> Value {
        self.call(Method::GET, path, None).await.1
    }
}

/// The recorded store's two products (the fake sells them; [`Shop::with_products`] makes sure a real
/// store does). A real WooCommerce refuses a line item that names no product ("Product ID or
/// SKU is required."), and a paid order of no product is born `completed`.
pub const EMPANADA_SKU: &str = "EMP-PINO-1796110760";
pub const PEBRE_SKU: &str = "PEBRE-1796110761";

/// A paid order to attend: 6 empanadas and a pebre, by SKU. `method` is a transfer or a card:
/// on WooCommerce cash on delivery is paid only when the order is completed (`set_paid` on a
/// `cod` order makes it `completed` at once), so an unpaid one is
/// [`super::woo_counter::unpaid_cod`].
pub fn paid_order(method: &str, pickup: bool) -> Value {
    let (m, t, total) = if pickup {
        ("local_pickup", "Retiro en tienda", "0")
    } else {
        ("flat_rate", "Despacho", "3000")
    };
    json!({
        "payment_method": method,
        "payment_method_title": method,
        "set_paid": true,
        "billing": { "first_name": "Ana", "last_name": "Pérez", "email": "ana@example.test", "phone": "+56911111111", "country": "CL" },
        "shipping": { "first_name": "Ana", "last_name": "Pérez", "address_1": "Av. Siempre Viva 123", "city": "Santiago", "country": "CL" },
        "line_items": [
            { "name": "Empanada de pino", "sku": EMPANADA_SKU, "quantity": 6, "subtotal": "15000", "total": "15000" },
            { "name": "Pebre 250g", "sku": PEBRE_SKU, "quantity": 1, "subtotal": "1800", "total": "1800" }
        ],
        "shipping_lines": [ { "method_id": m, "method_title": t, "total": total } ],
    })
}
