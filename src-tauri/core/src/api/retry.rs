//! When to try again: exponential backoff with full jitter, and `Retry-After` parsing. Pure
//! functions; the randomness comes in as a number so tables can test them.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;

/// How retries are spaced. Tests use milliseconds; the app uses seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// First delay's upper bound.
    pub base: Duration,
    /// No delay grows beyond this.
    pub cap: Duration,
    /// A `Retry-After` below this is raised to it.
    pub retry_after_min: Duration,
    /// A `Retry-After` above this is lowered to it (a backend asking for an hour is not obeyed
    /// blindly: the owner is waiting).
    pub retry_after_max: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base: Duration::from_millis(500),
            cap: Duration::from_secs(60),
            retry_after_min: Duration::from_secs(1),
            retry_after_max: Duration::from_secs(300),
        }
    }
}

impl RetryPolicy {
    /// A policy for tests: everything in a few milliseconds.
    pub fn fast() -> RetryPolicy {
        RetryPolicy {
            base: Duration::from_millis(1),
            cap: Duration::from_millis(20),
            retry_after_min: Duration::from_millis(1),
            retry_after_max: Duration::from_millis(20),
        }
    }

    /// The delay before retry number `attempt` (1 = the first retry), with full jitter:
    /// `unit × min(cap, base × 2^(attempt−1))`, `unit` drawn uniformly from [0, 1).
    pub fn backoff(&self, attempt: u32, unit: f64) -> Duration {
        let exp = attempt.saturating_sub(1).min(30);
        let ceiling = self
            .base
            .checked_mul(1u32 << exp)
            .unwrap_or(self.cap)
            .min(self.cap);
        ceiling.mul_f64(unit.clamp(0.0, 1.0))
    }

    /// [`RetryPolicy::backoff`] with `unit` drawn from `rng`.
    pub fn backoff_with(&self, attempt: u32, rng: &mut impl Rng) -> Duration {
        self.backoff(attempt, rng.random::<f64>())
    }

    /// The wait before the next try: the server's `Retry-After` (clamped, plus up to 10 %
    /// of jitter so the desks of one shop do not come back in the same instant) when it sent
    /// one, otherwise the jittered backoff. Reads (pulls, the event stream) and writes (the
    /// outbox) wait the same way.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>, unit: f64) -> Duration {
        match retry_after {
            Some(after) => self.retry_after_delay(after, unit),
            None => self.backoff(attempt, unit),
        }
    }

    /// A server-requested wait: clamped into `[retry_after_min, retry_after_max]`, then
    /// lengthened by `unit × 10 %` (never shortened: the server's wish is the floor).
    pub fn retry_after_delay(&self, after: Duration, unit: f64) -> Duration {
        let clamped = self.clamp_retry_after(after);
        clamped + clamped.mul_f64(unit.clamp(0.0, 1.0) / 10.0)
    }

    /// Clamps a server-requested wait into `[retry_after_min, retry_after_max]`.
    pub fn clamp_retry_after(&self, after: Duration) -> Duration {
        after.clamp(self.retry_after_min, self.retry_after_max)
    }
}

/// Parses a `Retry-After` value: delay-seconds ("120") or an HTTP date
/// ("Fri, 20 Nov 2026 18:04:00 GMT", relative to `now`). Unusable values give `None`; a date
/// in the past gives zero. The result is not clamped (see [`RetryPolicy::clamp_retry_after`]).
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<u64>().ok().map(Duration::from_secs);
    }
    let at = parse_http_date(value)?;
    Some((at - now).to_std().unwrap_or(Duration::ZERO))
}

/// Parses an HTTP date (IMF-fixdate, as in `Date` and `Retry-After`).
pub fn parse_http_date(value: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc2822(value.trim())
        .ok()
        .map(|d| d.with_timezone(&Utc))
}
