//! Faults for the REST routes, off by default, set through admin control: 5xx, 429 with
//! `Retry-After`, latency, and a write whose connection drops after it committed.

use std::sync::Mutex;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::server::AppState;

/// The knobs of `PUT /mostrador-fake/faults`; absent fields are off.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FaultSettings {
    /// Share of requests answered 500 (the WordPress critical-error page) or 503, before
    /// anything is done.
    pub error_rate: f64,
    /// Share of requests answered 429 with `Retry-After`.
    pub rate_limit_rate: f64,
    /// `Retry-After` seconds on 429 and 503 (default 1).
    pub retry_after_s: Option<u64>,
    /// Delay added to every request.
    pub latency_ms: u64,
    /// Share of successful writes whose connection drops after the commit.
    pub drop_after_commit_rate: f64,
    /// Seed of the fault generator.
    pub seed: u64,
}

/// The settings and their seeded generator (SplitMix64).
#[derive(Debug, Default)]
pub struct Faults {
    inner: Mutex<(FaultSettings, u64)>,
}

fn next(state: &mut u64) -> f64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
}

impl Faults {
    /// Replaces the settings and reseeds.
    pub fn set(&self, settings: FaultSettings) {
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        guard.1 = settings.seed ^ 0x5DEE_CE66_D1CE_4E5B;
        guard.0 = settings;
    }

    /// The settings.
    pub fn get(&self) -> FaultSettings {
        self.inner
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .0
            .clone()
    }

    fn roll(&self, pick: impl Fn(&FaultSettings) -> f64) -> bool {
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let p = pick(&guard.0);
        p > 0.0 && next(&mut guard.1) < p
    }

    /// Whether this successful write loses its answer.
    pub fn drop_after_commit(&self) -> bool {
        self.roll(|s| s.drop_after_commit_rate)
    }
}

/// Middleware on the REST routes.
pub async fn inject(State(state): State<AppState>, request: Request, next_: Next) -> Response {
    let settings = state.faults.get();
    let retry_after = settings.retry_after_s.unwrap_or(1).to_string();
    if state.faults.roll(|s| s.error_rate) {
        if state.faults.roll(|_| 0.5) {
            let mut response = (
                StatusCode::SERVICE_UNAVAILABLE,
                "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
            )
                .into_response();
            if let Ok(v) = HeaderValue::from_str(&retry_after) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return response;
        }
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html; charset=UTF-8")],
            "<p>There has been a critical error on this website.</p>",
        )
            .into_response();
    }
    if state.faults.roll(|s| s.rate_limit_rate) {
        let mut response = crate::error::WcError::new(
            429,
            "woocommerce_rest_too_many_requests",
            "Too many requests. Please wait and try again.",
        )
        .into_response();
        if let Ok(v) = HeaderValue::from_str(&retry_after) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return response;
    }
    if settings.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(settings.latency_ms)).await;
    }
    next_.run(request).await
}

/// An answer whose body fails at once: the connection is cut, the client sees a transport
/// error although the write is committed.
pub fn dropped(status: StatusCode) -> Response {
    let failing = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("fault: drop after commit"))
    });
    let mut response = (status, Body::from_stream(failing)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    response
}
