//! UnifiedPush delivery: an HTTP POST of the push's JSON to the device's endpoint (RFC 8030
//! style, with a `TTL`), retried with doubling delays on a network error or a 5xx/429; a 404 or
//! 410 means the endpoint is gone and the device is dropped.

use std::sync::OnceLock;
use std::time::Duration;

use rusqlite::params;

use super::Delivery;
use crate::server::AppState;

/// How a delivery ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The endpoint accepted it (2xx).
    Delivered,
    /// 404/410: the device was dropped.
    Gone,
    /// Every attempt failed.
    Failed,
}

impl Ended {
    /// The `status` shown at `GET /v1/admin/pushes`.
    pub fn as_str(self) -> &'static str {
        match self {
            Ended::Delivered => "delivered",
            Ended::Gone => "gone",
            Ended::Failed => "failed",
        }
    }
}

fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(2))
            .timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default()
    })
}

/// What one answer means: `Some(end)` to stop, `None` to try again.
pub fn judge(status: Option<u16>) -> Option<Ended> {
    match status {
        Some(s) if (200..300).contains(&s) => Some(Ended::Delivered),
        Some(404 | 410) => Some(Ended::Gone),
        // Other 4xx will not get better by retrying (except 408/429).
        Some(s) if (400..500).contains(&s) && s != 408 && s != 429 => Some(Ended::Failed),
        _ => None,
    }
}

/// Delivers one push, then records how it ended (and drops the device on 404/410).
pub async fn unifiedpush(state: AppState, delivery: Delivery) {
    let attempts = state.config.push_attempts.max(1);
    let mut delay = state.config.push_backoff;
    let mut ended = Ended::Failed;
    let mut made = 0;
    for attempt in 1..=attempts {
        made = attempt;
        let sent = client()
            .post(&delivery.endpoint)
            .header("content-type", "application/json")
            .header("ttl", "86400")
            .header("urgency", "high")
            .body(delivery.payload.clone())
            .send()
            .await;
        match judge(sent.ok().map(|r| r.status().as_u16())) {
            Some(end) => {
                ended = end;
                break;
            }
            None if attempt < attempts => {
                tokio::time::sleep(delay).await;
                delay = delay.saturating_mul(2);
            }
            None => {}
        }
    }
    let _ = tokio::task::spawn_blocking(move || {
        let conn = state.db.writer();
        let _ = conn.execute(
            "UPDATE pushes SET status = ?1, attempts = ?2 WHERE id = ?3",
            params![ended.as_str(), made, delivery.push_id],
        );
        if ended == Ended::Gone {
            let _ = conn.execute("DELETE FROM devices WHERE id = ?1", [&delivery.device_id]);
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_map_to_delivered_gone_failed_or_retry() {
        let cases = [
            (Some(200), Some(Ended::Delivered)),
            (Some(201), Some(Ended::Delivered)),
            (Some(404), Some(Ended::Gone)),
            (Some(410), Some(Ended::Gone)),
            (Some(400), Some(Ended::Failed)),
            (Some(413), Some(Ended::Failed)),
            (Some(429), None),
            (Some(408), None),
            (Some(500), None),
            (Some(503), None),
            (None, None),
        ];
        for (status, want) in cases {
            assert_eq!(judge(status), want, "answer {status:?}");
        }
    }
}
