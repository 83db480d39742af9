//! The background: the sync loop (wake-ups, poll fallback, backoff of waiting actions), the
//! event-stream watcher and the attention scheduler.

use std::sync::{Arc, Weak};
use std::time::Duration;

use crate::store::meta;
use crate::sync::events::{StreamPolicy, StreamState, watch};
use crate::view::SyncState;

use super::{Desk, Inner, lock};

impl Desk {
    /// Spawns the cache's full check ([`Desk::check_storage`]), the sync loop, the outbox sender
    /// and the attention scheduler on the current tokio runtime. They stop when the last clone of the desk is dropped.
    pub fn start(&self) {
        let mut tasks = lock(&self.inner.tasks);
        if !tasks.is_empty() {
            return; // already running: one loop per desk
        }
        let weak = Arc::downgrade(&self.inner);
        let check = weak.clone();
        tasks.push(tokio::spawn(async move {
            let Some(inner) = check.upgrade() else { return };
            if let Err(err) = (Desk { inner }).check_storage().await {
                tracing::warn!(%err, "the cache could not be checked");
            }
        }));
        let main = tokio::spawn(run(weak));
        tasks.push(main);
        tasks.push(tokio::spawn(self.inner.attention.clone().run()));
    }

    /// Stops the event-stream watcher (a new connection starts its own).
    pub(crate) fn stop_stream(&self) {
        if let Some(handle) = lock(&self.inner.stream).take() {
            handle.abort();
        }
    }

    fn ensure_stream(&self) {
        if !self.inner.tuning.sync.events {
            return;
        }
        let mut stream = lock(&self.inner.stream);
        if stream.as_ref().is_some_and(|h| !h.is_finished()) {
            return;
        }
        let Some(api) = self.api() else { return };
        let after = self
            .inner
            .store
            .read(meta::cursor)
            .ok()
            .filter(|c| *c > 0)
            .map(|c| c.to_string());
        let weak = Arc::downgrade(&self.inner);
        let wake = self.inner.wake.clone();
        let retry_now = self.inner.stream_retry.clone();
        let policy = StreamPolicy {
            retry: self.inner.tuning.sync.retry,
            stable: self.inner.tuning.sync.stream_stable,
        };
        *stream = Some(tokio::spawn(watch(
            api,
            after,
            wake,
            retry_now,
            policy,
            move |state| {
                if let Some(inner) = weak.upgrade() {
                    inner.stream_down.store(
                        state != StreamState::Up,
                        std::sync::atomic::Ordering::Relaxed,
                    );
                }
                if state == StreamState::Unauthorized
                    && let Some(inner) = weak.upgrade()
                {
                    Desk { inner }.set_state(SyncState::NeedsReconnect, false);
                }
            },
        )));
    }
}

async fn run(weak: Weak<Inner>) {
    let mut failed_pulls: u32 = 0;
    loop {
        let Some(inner) = weak.upgrade() else { return };
        let desk = Desk { inner };
        let mut poll = desk.inner.tuning.sync.poll_every;
        if desk.platform().is_some() {
            // A platform without an event stream is polled: every 15 s at most.
            poll = poll.min(Duration::from_secs(15));
        }
        let state = desk.board().state.clone();
        let mut wait = poll;
        // Sleep the whole `wait`: wake-ups (events, queued actions) do not cut it short.
        let mut hold = false;
        if !matches!(
            state,
            SyncState::NeedsReconnect | SyncState::NotConnected | SyncState::NoKeychain { .. }
        ) {
            desk.ensure_stream();
            let cycle = desk.cycle(false).await;
            // A cycle reports backend trouble through the state, not as an error.
            let online = cycle.is_ok() && matches!(desk.board().state, SyncState::Online);
            if online {
                failed_pulls = 0;
                if desk
                    .inner
                    .stream_down
                    .load(std::sync::atomic::Ordering::Relaxed)
                {
                    // The backend answers again: reconnect the event stream now, not after
                    // its backoff, so new orders ring at once after an outage.
                    desk.inner.stream_retry.notify_one();
                }
            } else {
                // Offline or failing: try again with backoff, sooner than the poll — unless
                // the backend said when (`Retry-After`): then not before, whatever wakes us.
                failed_pulls = failed_pulls.saturating_add(1);
                let retry = desk.inner.tuning.sync.retry;
                let unit = rand::random::<f64>();
                match cycle.as_ref().ok().and_then(|r| r.retry_after) {
                    Some(after) => {
                        wait = retry.retry_after_delay(after, unit);
                        hold = true;
                    }
                    None => wait = wait.min(retry.backoff(failed_pulls, unit)),
                }
            }
            if let Ok(report) = cycle
                && let Some(due) = report.next_due.filter(|_| !hold)
            {
                // Deadlines are wall-clock: recomputed every loop, so sleep does not skew them.
                let until = (due - desk.inner.clock.now())
                    .to_std()
                    .unwrap_or(Duration::ZERO);
                wait = wait.min(until);
            }
        }
        let wake = desk.inner.wake.clone();
        drop(desk);
        if hold {
            tokio::time::sleep(wait).await;
            continue;
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(wait) => {}
        }
    }
}
