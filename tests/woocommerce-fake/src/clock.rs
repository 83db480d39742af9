//! The fake's clock: the machine's, or frozen and moved by hand through admin control, so a
//! test can make two changes fall in the same second.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// Now, or a frozen instant.
#[derive(Debug, Default)]
pub struct Clock {
    frozen: Mutex<Option<DateTime<Utc>>>,
}

impl Clock {
    /// Now by this clock, at one-second resolution like WordPress's dates.
    pub fn now(&self) -> DateTime<Utc> {
        let frozen = *self.frozen.lock().unwrap_or_else(|e| e.into_inner());
        let now = frozen.unwrap_or_else(Utc::now);
        DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)
    }

    /// Freezes at `at` (`None`: back to the machine's clock).
    pub fn set(&self, at: Option<DateTime<Utc>>) {
        *self.frozen.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }

    /// Moves a frozen clock forward (freezing it at now first when it runs).
    pub fn advance(&self, by: Duration) {
        let mut frozen = self.frozen.lock().unwrap_or_else(|e| e.into_inner());
        let base = frozen.unwrap_or_else(Utc::now);
        *frozen = Some(base + by);
    }

    /// Whether the clock is frozen.
    pub fn is_frozen(&self) -> bool {
        self.frozen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }
}
