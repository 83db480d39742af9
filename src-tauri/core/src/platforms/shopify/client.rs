//! The Admin GraphQL client: `POST /admin/api/2026-07/graphql.json` with the custom app's
//! access token, over reqwest + rustls with connect, read and total timeouts, no redirects and
//! size-capped answers. HTTPS only (loopback aside, for the test server).
//!
//! Throttling is cost-aware: every answer's `extensions.cost.throttleStatus` says how many
//! points are left and how fast they come back, and a request whose estimated cost is not in
//! the bucket waits for it first ([`throttle_wait`]), so the connector never storms Shopify
//! with `THROTTLED` answers. A `THROTTLED` or 429/5xx answer is an unknown outcome with the
//! wait Shopify asked for.

use std::sync::Mutex;
use std::time::Duration;

use reqwest::{Client, StatusCode, header, redirect};
use serde_json::{Value, json};

use super::documents::Operation;
use super::error::ShopifyError;
use super::wire::{Envelope, ThrottleStatus};

/// The Admin API version every document was checked against.
pub const API_VERSION: &str = "2026-07";

/// The environment variable naming a PEM file with an extra CA to trust (tests only; the
/// system's roots stay trusted and certificates are always checked).
pub const CA_ENV: &str = "MOSTRADOR_SHOPIFY_CA";

/// Timeouts, caps and page sizes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShopifyConfig {
    /// Opening a connection.
    pub connect_timeout: Duration,
    /// Between two reads.
    pub read_timeout: Duration,
    /// A whole request.
    pub total_timeout: Duration,
    /// Largest answer accepted.
    pub max_body: usize,
    /// Orders per page (Shopify's maximum is 250).
    pub page_size: u32,
    /// How far back each incremental query reaches before the cursor (same-second changes).
    pub overlap: Duration,
    /// How often a cancel job is polled before the outcome is called unknown.
    pub job_polls: u32,
    /// Between two polls of a cancel job.
    pub job_poll_every: Duration,
    /// Longest wait for the cost bucket before a request is sent anyway.
    pub max_throttle_wait: Duration,
}

impl Default for ShopifyConfig {
    fn default() -> Self {
        ShopifyConfig {
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(15),
            total_timeout: Duration::from_secs(30),
            max_body: 16 * 1024 * 1024,
            page_size: 250,
            overlap: Duration::from_secs(2),
            job_polls: 10,
            job_poll_every: Duration::from_millis(500),
            max_throttle_wait: Duration::from_secs(20),
        }
    }
}

/// How long to wait before a request estimated at `cost` points, given the bucket as Shopify
/// last reported it `elapsed` ago. Pure.
pub fn throttle_wait(last: Option<ThrottleStatus>, elapsed: Duration, cost: f64) -> Duration {
    let Some(status) = last else {
        return Duration::ZERO;
    };
    let rate = status.restore_rate.max(1.0);
    let now =
        (status.currently_available + rate * elapsed.as_secs_f64()).min(status.maximum_available);
    let need = cost.min(status.maximum_available);
    if now >= need {
        Duration::ZERO
    } else {
        Duration::from_secs_f64((need - now) / rate)
    }
}

/// `tienda`, `tienda.myshopify.com` or `https://tienda.myshopify.com/admin` → the shop's base
/// URL. Plain `http` only on loopback (the test server).
pub fn normalize_domain(input: &str) -> Result<String, ShopifyError> {
    let text = input.trim().trim_end_matches('/');
    let invalid = || ShopifyError::InvalidDomain(input.trim().to_string());
    if let Some(rest) = text.strip_prefix("http://") {
        let host = rest.split([':', '/']).next().unwrap_or("");
        return if matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
            Ok(format!("http://{}", rest.split('/').next().unwrap_or(rest)))
        } else {
            Err(invalid())
        };
    }
    let rest = text.strip_prefix("https://").unwrap_or(text);
    let host = rest.split('/').next().unwrap_or("").to_ascii_lowercase();
    let valid_label = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    };
    if !valid_label(&host) || host.starts_with('.') || host.ends_with('.') {
        return Err(invalid());
    }
    if host.contains('.') {
        Ok(format!("https://{host}"))
    } else {
        Ok(format!("https://{host}.myshopify.com"))
    }
}

struct Bucket {
    status: Option<ThrottleStatus>,
    at: std::time::Instant,
}

/// A Shopify shop's Admin API.
pub struct ShopifyClient {
    http: Client,
    base: String,
    token: String,
    pub(super) config: ShopifyConfig,
    bucket: Mutex<Bucket>,
    /// The shop's currency, once [`ShopifyClient::shop`] has read it.
    pub(super) shop_currency: Mutex<Option<crate::money::Currency>>,
}

impl std::fmt::Debug for ShopifyClient {
    // The token is never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShopifyClient")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

fn map_reqwest(err: reqwest::Error) -> ShopifyError {
    if err.is_timeout() {
        ShopifyError::Timeout
    } else if err.is_connect() {
        ShopifyError::Connect(err.to_string())
    } else {
        ShopifyError::Transport(err.to_string())
    }
}

fn retry_after(headers: &header::HeaderMap) -> Option<Duration> {
    headers
        .get(header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| Duration::from_secs_f64(s.min(3600.0)))
}

impl ShopifyClient {
    /// A client for the shop at `domain` with the custom app's `token`.
    pub fn new(domain: &str, token: &str, config: ShopifyConfig) -> Result<Self, ShopifyError> {
        let base = normalize_domain(domain)?;
        if token.trim().is_empty() {
            return Err(ShopifyError::Unauthorized);
        }
        let mut builder = Client::builder()
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .timeout(config.total_timeout)
            .redirect(redirect::Policy::none())
            .user_agent(concat!("mostrador/", env!("CARGO_PKG_VERSION")));
        if let Some(path) = std::env::var_os(CA_ENV).filter(|p| !p.is_empty()) {
            let pem = std::fs::read(&path).map_err(|e| {
                ShopifyError::InvalidDomain(format!("{}: {e}", path.to_string_lossy()))
            })?;
            let cert = reqwest::Certificate::from_pem(&pem)
                .map_err(|e| ShopifyError::InvalidDomain(e.to_string()))?;
            builder = builder.add_root_certificate(cert);
        }
        let http = builder
            .build()
            .map_err(|e| ShopifyError::InvalidDomain(e.to_string()))?;
        Ok(ShopifyClient {
            http,
            base,
            token: token.trim().to_string(),
            config,
            bucket: Mutex::new(Bucket {
                status: None,
                at: std::time::Instant::now(),
            }),
            shop_currency: Mutex::new(None),
        })
    }

    /// The shop's base URL.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    fn wait_for(&self, cost: f64) -> Duration {
        let bucket = self.bucket.lock().unwrap_or_else(|e| e.into_inner());
        throttle_wait(bucket.status, bucket.at.elapsed(), cost).min(self.config.max_throttle_wait)
    }

    fn note_cost(&self, envelope: &Envelope) {
        if let Some(cost) = envelope.extensions.as_ref().and_then(|e| e.cost) {
            let mut bucket = self.bucket.lock().unwrap_or_else(|e| e.into_inner());
            bucket.status = Some(cost.throttle_status);
            bucket.at = std::time::Instant::now();
        }
    }

    /// Sends `operation` with `variables`; returns `data`.
    pub async fn run(
        &self,
        operation: &Operation,
        variables: Value,
    ) -> Result<Value, ShopifyError> {
        let wait = self.wait_for(operation.estimated_cost);
        if !wait.is_zero() {
            tracing::debug!(
                ?wait,
                op = operation.name,
                "waiting for Shopify's cost bucket"
            );
            tokio::time::sleep(wait).await;
        }
        let response = self
            .http
            .post(format!(
                "{}/admin/api/{API_VERSION}/graphql.json",
                self.base
            ))
            .header("X-Shopify-Access-Token", &self.token)
            .json(&json!({
                "query": operation.text,
                "operationName": operation.name,
                "variables": variables,
            }))
            .send()
            .await
            .map_err(map_reqwest)?;
        let status = response.status();
        let after = retry_after(response.headers());
        if status.is_redirection() {
            let to = response
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("?");
            return Err(ShopifyError::Redirect(to.to_string()));
        }
        match status {
            StatusCode::UNAUTHORIZED => return Err(ShopifyError::Unauthorized),
            StatusCode::PAYMENT_REQUIRED | StatusCode::LOCKED => {
                return Err(ShopifyError::ShopUnavailable(status.as_u16()));
            }
            StatusCode::FORBIDDEN => {
                return Err(ShopifyError::MissingScope("403 Forbidden".to_string()));
            }
            StatusCode::NOT_FOUND => return Err(ShopifyError::NoShop(self.base.clone())),
            StatusCode::TOO_MANY_REQUESTS => return Err(ShopifyError::Throttled(after)),
            s if s.is_server_error() => return Err(ShopifyError::Server(s.as_u16(), after)),
            s if !s.is_success() => {
                return Err(ShopifyError::Graphql(format!("HTTP {}", s.as_u16())));
            }
            _ => {}
        }
        let body = self.read_capped(response).await?;
        let envelope: Envelope =
            serde_json::from_slice(&body).map_err(|e| ShopifyError::Decode(e.to_string()))?;
        self.note_cost(&envelope);
        if let Some(error) = envelope.errors.first() {
            return Err(match error.code() {
                Some("THROTTLED") => {
                    let cost = operation.estimated_cost;
                    ShopifyError::Throttled(Some(self.wait_for(cost).max(Duration::from_secs(1))))
                }
                Some("ACCESS_DENIED") => ShopifyError::MissingScope(error.message.clone()),
                Some("INTERNAL_SERVER_ERROR") => ShopifyError::Server(500, None),
                _ => ShopifyError::Graphql(error.message.clone()),
            });
        }
        envelope
            .data
            .ok_or_else(|| ShopifyError::Decode("an answer without data".into()))
    }

    async fn read_capped(&self, mut response: reqwest::Response) -> Result<Vec<u8>, ShopifyError> {
        let limit = self.config.max_body;
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(map_reqwest)? {
            if body.len() + chunk.len() > limit {
                return Err(ShopifyError::Decode(format!(
                    "an answer over {limit} bytes"
                )));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}
