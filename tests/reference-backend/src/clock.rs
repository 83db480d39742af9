//! Backend time: the wall clock plus an offset that `POST /v1/admin/clock` moves forward.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Utc};

/// The backend's clock. Every rule (auto-cancel, cancel window, key expiry) reads it.
#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: AtomicI64,
}

impl Clock {
    /// A clock `offset_ms` ahead of the wall clock.
    pub fn with_offset_ms(offset_ms: i64) -> Self {
        Self {
            offset_ms: AtomicI64::new(offset_ms),
        }
    }

    /// Backend now, truncated to whole seconds (all timestamps of the API are whole seconds).
    // The backend's one reading of the wall clock (moved by the offset tests set).
    #[allow(clippy::disallowed_methods)]
    pub fn now(&self) -> DateTime<Utc> {
        let ms = Utc::now().timestamp_millis() + self.offset_ms.load(Ordering::SeqCst);
        DateTime::from_timestamp(ms.div_euclid(1000), 0).unwrap_or_default()
    }

    /// Moves the clock forward; returns the new offset in milliseconds.
    pub fn advance_s(&self, seconds: i64) -> i64 {
        self.offset_ms
            .fetch_add(seconds.saturating_mul(1000), Ordering::SeqCst)
            + seconds.saturating_mul(1000)
    }

    /// Current offset in milliseconds.
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::SeqCst)
    }
}
