//! Faults on the wire: 5xx, 429 with Retry-After, a connection dropped after the backend
//! committed. Unknown outcomes are retried with the same key and body, never doubled.

use chrono::Utc;
use mostrador_core::api::RetryPolicy;
use mostrador_core::desk::{Desk, DeskConfig, MemoryTokenStore, Tuning};
use mostrador_core::model::OrderStatus;
use mostrador_core::view::{ActionState, SyncState};
use serde_json::json;

use super::harness::{Backend, connected_desk};

#[tokio::test]
async fn a_connection_dropped_after_commit_is_retried_and_applied_once() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    desk.cancel_minor(&order.id, "Sin stock", 20000)
        .await
        .expect("queued");
    backend.faults(json!({"drop_after_commit_rate": 1.0})).await;
    desk.sync_now().await.expect("sync");
    let waiting = desk.outbox().await.expect("outbox");
    assert_eq!(waiting.len(), 1, "the outcome is unknown: the action stays");
    assert_eq!(
        waiting[0].state,
        ActionState::Pending,
        "unknown is never shown as failed"
    );
    backend.faults(json!({})).await;
    desk.sync_now().await.expect("sync");
    let server = backend.order(&order.id).await;
    assert_eq!(server.refunded, 20000, "refunded once, not twice");
    let cancels: Vec<_> = backend
        .effects(Some(&order.id))
        .await
        .into_iter()
        .filter(|e| e["kind"] == "cancellation")
        .collect();
    assert_eq!(
        cancels.len(),
        1,
        "the replay with the same key applied nothing new"
    );
    assert!(
        desk.outbox().await.expect("outbox").is_empty(),
        "the replayed answer settled it"
    );
}

#[tokio::test]
async fn server_errors_keep_the_action_waiting_until_the_server_recovers() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    desk.retry_document(&order.id, &order.documents[0].id)
        .await
        .expect("queued");
    backend
        .faults(json!({"error_rate": 1.0, "retry_after_s": 0}))
        .await;
    let status = desk.sync_now().await.expect("sync");
    assert!(
        matches!(status.state, SyncState::Error { .. }),
        "5xx reads as a server problem: {:?}",
        status.state
    );
    assert_eq!(
        (status.pending_actions, status.failed_actions),
        (1, 0),
        "a 5xx never fails an action"
    );
    backend.faults(json!({})).await;
    desk.sync_now().await.expect("sync");
    let doc = &backend.order(&order.id).await.documents[0];
    assert_eq!(
        doc.status,
        mostrador_core::model::DocumentStatus::Issued,
        "the retry went through"
    );
}

#[tokio::test]
async fn a_429_schedules_the_next_attempt_no_sooner_than_retry_after() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut tuning = Tuning::fast();
    tuning.outbox.retry = RetryPolicy::default();
    let config = DeskConfig {
        data_dir: dir.path().to_path_buf(),
        clock: std::sync::Arc::new(mostrador_core::clock::SystemClock),
        notifier: std::sync::Arc::new(mostrador_core::attention::RecordingNotifier::default()),
        token_store: std::sync::Arc::new(MemoryTokenStore::default()),
    };
    let desk = Desk::open_tuned(config, tuning).await.expect("desk");
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connect");
    desk.sync_now().await.expect("sync");
    desk.advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queued");
    backend
        .faults(json!({"rate_limit_rate": 1.0, "retry_after_s": 40}))
        .await;
    let before = Utc::now();
    desk.sync_now().await.expect("sync");
    let action = &desk.outbox().await.expect("outbox")[0];
    let next = action
        .next_attempt_at
        .expect("a waiting action has a next attempt");
    assert!(
        next >= before + chrono::Duration::seconds(39),
        "Retry-After: 40 is honoured, got {next} vs {before}"
    );
    assert_eq!(
        action.state,
        ActionState::Pending,
        "429 is an unknown outcome, not a failure"
    );
}
