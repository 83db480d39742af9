//! Fault injection for the non-admin endpoints, driven by a seeded generator.

use std::sync::Mutex;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::problem::{ErrorCode, Problem};
use crate::rng::Rng;
use crate::server::AppState;

/// The knobs of `PUT /v1/admin/faults`. Absent fields are 0 (off); the PUT replaces all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FaultSettings {
    /// Share of requests answered 500 or 503 before anything is done.
    pub error_rate: f64,
    /// Delay added to every request (for a POST: after its key is claimed).
    pub latency_ms: u64,
    /// Share of requests answered 429 `rate_limited`.
    pub rate_limit_rate: f64,
    /// Share of successful POSTs whose connection is dropped after the commit.
    pub drop_after_commit_rate: f64,
    /// Share of document retries that leave the document in `error`.
    pub document_retry_fail_rate: f64,
    /// `Retry-After` seconds on 429 and 503 (default 1).
    pub retry_after_s: Option<u64>,
    /// Seed of the fault generator.
    pub seed: u64,
}

/// The current settings and their generator.
#[derive(Debug)]
pub struct Faults {
    inner: Mutex<(FaultSettings, Rng)>,
}

impl Default for Faults {
    fn default() -> Self {
        Self {
            inner: Mutex::new((FaultSettings::default(), Rng::new(0))),
        }
    }
}

/// What to do with one request before handling it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Handle it.
    Proceed,
    /// Answer 500.
    Fail500,
    /// Answer 503 with Retry-After.
    Fail503(u64),
    /// Answer 429 with Retry-After.
    RateLimit(u64),
}

impl Faults {
    fn with<T>(&self, f: impl FnOnce(&mut FaultSettings, &mut Rng) -> T) -> T {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (settings, rng) = &mut *guard;
        f(settings, rng)
    }

    /// Replaces the settings and reseeds the generator.
    pub fn set(&self, settings: FaultSettings) {
        self.with(|s, rng| {
            *rng = Rng::new(settings.seed);
            *s = settings;
        });
    }

    /// The current settings.
    pub fn get(&self) -> FaultSettings {
        self.with(|s, _| s.clone())
    }

    /// Rolls error and rate-limit faults for one request.
    pub fn verdict(&self) -> Verdict {
        self.with(|s, rng| {
            let retry_after = s.retry_after_s.unwrap_or(1);
            if rng.chance(s.error_rate) {
                if rng.chance(0.5) {
                    Verdict::Fail503(retry_after)
                } else {
                    Verdict::Fail500
                }
            } else if rng.chance(s.rate_limit_rate) {
                Verdict::RateLimit(retry_after)
            } else {
                Verdict::Proceed
            }
        })
    }

    /// Injected latency.
    pub fn latency(&self) -> Duration {
        Duration::from_millis(self.with(|s, _| s.latency_ms))
    }

    /// Whether to drop this successful POST's connection after the commit.
    pub fn drop_after_commit(&self) -> bool {
        self.with(|s, rng| rng.chance(s.drop_after_commit_rate))
    }

    /// Whether this document retry fails again.
    pub fn document_retry_fails(&self) -> bool {
        self.with(|s, rng| rng.chance(s.document_retry_fail_rate))
    }
}

/// Middleware on the non-admin routes (inside auth): errors, rate limits and latency.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match state.faults.verdict() {
        Verdict::Proceed => {}
        Verdict::Fail500 => {
            return Problem::new(ErrorCode::InternalError, "injected fault").into_response();
        }
        Verdict::Fail503(s) => {
            return Problem::new(ErrorCode::ServiceUnavailable, "injected maintenance")
                .retry_after(s)
                .into_response();
        }
        Verdict::RateLimit(s) => {
            return Problem::new(ErrorCode::RateLimited, "injected rate limit")
                .retry_after(s)
                .into_response();
        }
    }
    // A POST sleeps after claiming its key (see idempotency), so request_in_progress is testable.
    if request.method() != Method::POST {
        let delay = state.faults.latency();
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
    }
    next.run(request).await
}
