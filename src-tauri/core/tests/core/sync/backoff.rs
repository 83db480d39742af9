//! Retry loops against a misbehaving server (tests/core/sync/wire.rs in front of the reference
//! backend): an event stream that closes at once, and `503 Retry-After: 120` on every read.
//! The tests count requests in a bounded window; they assert counts, not timings.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use mostrador_core::api::RetryPolicy;
use mostrador_core::attention::RecordingNotifier;
use mostrador_core::clock::SystemClock;
use mostrador_core::desk::{Desk, DeskConfig, MemoryTokenStore, Tuning};
use mostrador_core::model::OrderStatus;
use mostrador_core::view::OrderQuery;

use super::wire::{Reply, Wire};
use crate::desk::harness::Backend;

async fn desk_with(dir: &std::path::Path, tuning: Tuning) -> Desk {
    let config = DeskConfig {
        data_dir: dir.to_path_buf(),
        clock: Arc::new(SystemClock),
        notifier: Arc::new(RecordingNotifier::default()),
        token_store: Arc::new(MemoryTokenStore::with(None)),
    };
    Desk::open_tuned(config, tuning)
        .await
        .expect("the desk opens")
}

#[tokio::test]
async fn an_event_stream_that_closes_at_once_backs_off_and_wakes_no_pull_per_reconnect() {
    let backend = Backend::spawn(5);
    let upstream = backend.server.base_url();
    let wire = Wire::start(move |seen| {
        if seen.path.starts_with("/v1/events") {
            // Opens, says hello, hangs up: the storm server of issue 11.
            Reply::with(200, &[("content-type", "text/event-stream")], ": hello\n\n")
        } else {
            Reply::Forward(upstream.clone())
        }
    })
    .await;
    let dir = tempfile::tempdir().expect("dir");
    let mut tuning = Tuning::fast();
    tuning.sync.retry = RetryPolicy {
        base: Duration::from_millis(50),
        cap: Duration::from_secs(1),
        ..RetryPolicy::fast()
    };
    // The poll must not be what pulls in this window.
    tuning.sync.poll_every = Duration::from_secs(60);
    let desk = desk_with(dir.path(), tuning).await;
    desk.connect(&wire.base_url(), backend.server.token(), false)
        .await
        .expect("connects through the wire");
    desk.start();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let reconnects = wire.count("GET", "/v1/events");
    let pulls = wire.count("GET", "/v1/orders?");
    drop(desk);
    assert!(
        reconnects >= 2,
        "the stream is reopened after it closes ({reconnects} connects)"
    );
    assert!(
        reconnects <= 15,
        "a stream that closes at once is reopened with a growing backoff, not ~37 times a \
         second: {reconnects} connects in 3 s"
    );
    assert!(
        pulls <= 3,
        "reconnects do not each wake a pull: {pulls} pulls in 3 s for {reconnects} reconnects"
    );
}

#[tokio::test]
async fn pulls_honour_retry_after_and_a_wake_does_not_cut_it_short() {
    let backend = Backend::spawn(5);
    let upstream = backend.server.base_url();
    let busy = Arc::new(AtomicBool::new(false));
    let flag = busy.clone();
    let wire = Wire::start(move |_| {
        if flag.load(Ordering::SeqCst) {
            Reply::with(
                503,
                &[
                    ("content-type", "application/problem+json"),
                    ("retry-after", "120"),
                ],
                r#"{"code":"unavailable","detail":"maintenance"}"#,
            )
        } else {
            Reply::Forward(upstream.clone())
        }
    })
    .await;
    let dir = tempfile::tempdir().expect("dir");
    let mut tuning = Tuning::fast();
    tuning.sync.events = false;
    // Retry-After is honoured up to 5 minutes, as in the app; the backoff alone would retry
    // within milliseconds.
    tuning.sync.retry.retry_after_max = Duration::from_secs(300);
    tuning.outbox.retry.retry_after_max = Duration::from_secs(300);
    let desk = desk_with(dir.path(), tuning).await;
    desk.connect(&wire.base_url(), backend.server.token(), false)
        .await
        .expect("connects through the wire");
    desk.sync_now()
        .await
        .expect("a first sync while the backend is healthy");
    let page = desk
        .list_orders(OrderQuery::default())
        .await
        .expect("the list");
    let pending = page
        .orders
        .iter()
        .find(|r| r.status == OrderStatus::Pending)
        .map(|r| r.id.clone());
    busy.store(true, Ordering::SeqCst);
    let before = wire.count("GET", "/v1/orders");
    desk.start();
    tokio::time::sleep(Duration::from_millis(800)).await;
    if let Some(id) = pending {
        // Queuing an action wakes the loop: it must not pull before the backend's time.
        desk.advance(&id, OrderStatus::Preparing)
            .await
            .expect("queued while the backend is busy");
    }
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let gets = wire.count("GET", "/v1/orders") - before;
    drop(desk);
    assert!(gets >= 1, "the loop tried to pull");
    assert!(
        gets <= 1,
        "under 503 Retry-After: 120 one pull is made and the next waits two minutes, not \
         a backoff of milliseconds: {gets} GETs in 2 s"
    );
}
