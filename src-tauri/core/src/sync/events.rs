//! The wake-up stream: `GET /v1/events`, reconnecting with backoff and `Last-Event-ID`.
//! Events carry no state; each one only says "pull now".
//!
//! A stream that closes at once is not reopened at once: the backoff only resets after a
//! stream stayed up for [`StreamPolicy::stable`], a `Retry-After` on a refused connect is
//! honoured, and connecting wakes a pull at most once per `stable` period — so a server that
//! hangs up on every connection costs a few requests a minute, not dozens a second.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::Rng;
use tokio::sync::Notify;

use crate::api::{ApiClient, Bucket, RetryPolicy};

/// What the watcher reports besides wake-ups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamState {
    /// Connected and listening.
    Up,
    /// Lost; reconnecting after a backoff.
    Down,
    /// The token was refused: the watcher stops.
    Unauthorized,
}

/// How the watcher reconnects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreamPolicy {
    /// Backoff between reconnects (and `Retry-After` clamping).
    pub retry: RetryPolicy,
    /// A stream that stayed up this long was healthy: the backoff starts over, and the next
    /// connect may wake a pull again.
    pub stable: Duration,
}

/// Listens until the token is refused (or the task is aborted). Every event wakes `wake`;
/// `on_state` hears when the stream goes up or down. `after` is where to resume from.
/// `retry_now` cuts a reconnect backoff short when the backend could not be reached at all
/// (the sync loop fires it when a pull succeeds again), never after a stream the backend
/// closed: that one waits its backoff.
pub async fn watch(
    api: ApiClient,
    mut after: Option<String>,
    wake: Arc<Notify>,
    retry_now: Arc<Notify>,
    policy: StreamPolicy,
    mut on_state: impl FnMut(StreamState) + Send,
) {
    let mut failures: u32 = 0;
    let mut connect_woke: Option<Instant> = None;
    loop {
        let mut unreachable = false;
        let mut retry_after = None;
        match api.events(after.as_deref()).await {
            Ok(mut stream) => {
                on_state(StreamState::Up);
                let opened = Instant::now();
                // Connecting may have missed changes since the last pull: pull once — but not
                // on every reconnect of a stream that keeps dropping (the poll covers it).
                if connect_woke.is_none_or(|at| at.elapsed() >= policy.stable) {
                    connect_woke = Some(opened);
                    wake.notify_one();
                }
                // Until the backend closes the stream or it breaks.
                while let Ok(Some(events)) = stream.next_events().await {
                    if let Some(id) = events.iter().rev().find_map(|e| e.id.clone()) {
                        after = Some(id);
                    }
                    if !events.is_empty() {
                        wake.notify_one();
                    }
                }
                if opened.elapsed() >= policy.stable {
                    failures = 0;
                }
            }
            Err(err) if err.bucket() == Bucket::Unauthorized => {
                on_state(StreamState::Unauthorized);
                return;
            }
            Err(err) => {
                unreachable = err.is_offline();
                retry_after = err.retry_after();
            }
        }
        on_state(StreamState::Down);
        failures = failures.saturating_add(1);
        let unit = rand::rng().random::<f64>();
        let wait = policy.retry.delay(failures, retry_after, unit);
        if unreachable {
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = retry_now.notified() => {}
            }
        } else {
            tokio::time::sleep(wait).await;
        }
    }
}
