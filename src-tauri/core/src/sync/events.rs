//! The wake-up stream: `GET /v1/events`, reconnecting with backoff and `Last-Event-ID`.
//! Events carry no state; each one only says "pull now".

use std::sync::Arc;

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

/// Listens until the token is refused (or the task is aborted). Every event wakes `wake`;
/// `on_state` hears when the stream goes up or down. `after` is where to resume from.
/// `retry_now` cuts a reconnect backoff short: the sync loop fires it when a pull succeeds
/// while the stream is down, so the stream is back as soon as the backend is.
pub async fn watch(
    api: ApiClient,
    mut after: Option<String>,
    wake: Arc<Notify>,
    retry_now: Arc<Notify>,
    policy: RetryPolicy,
    mut on_state: impl FnMut(StreamState) + Send,
) {
    let mut failures: u32 = 0;
    loop {
        match api.events(after.as_deref()).await {
            Ok(mut stream) => {
                on_state(StreamState::Up);
                // Connecting may have missed changes since the last pull: pull once.
                wake.notify_one();
                // Until the backend closes the stream or it breaks.
                while let Ok(Some(events)) = stream.next_events().await {
                    failures = 0;
                    if let Some(id) = events.iter().rev().find_map(|e| e.id.clone()) {
                        after = Some(id);
                    }
                    if !events.is_empty() {
                        wake.notify_one();
                    }
                }
            }
            Err(err) if err.bucket() == Bucket::Unauthorized => {
                on_state(StreamState::Unauthorized);
                return;
            }
            Err(_) => {}
        }
        on_state(StreamState::Down);
        failures = failures.saturating_add(1);
        let unit = rand::rng().random::<f64>();
        tokio::select! {
            () = tokio::time::sleep(policy.backoff(failures, unit)) => {}
            () = retry_now.notified() => {}
        }
    }
}
