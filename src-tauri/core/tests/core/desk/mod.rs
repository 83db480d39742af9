//! The Desk facade against the reference backend on 127.0.0.1:0.

mod bell;
mod conflicts;
mod faults;
pub mod harness;
mod keychain;
mod offset;
mod phone;
mod stores;
mod undo;

use mostrador_core::ErrorCode;
use mostrador_core::model::OrderStatus;
use mostrador_core::view::{ActionState, OrderQuery, SyncState};

use harness::{Backend, connected_desk, open_desk};

#[tokio::test]
async fn connecting_and_syncing_brings_every_order_and_reports_online() {
    let backend = Backend::spawn(25);
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let counts = desk.counts().await.expect("counts");
    assert_eq!(
        counts.all, 25,
        "every backend order is cached after one sync"
    );
    let status = desk.sync_status().await.expect("status");
    assert_eq!(
        status.state,
        SyncState::Online,
        "a clean sync leaves the desk online"
    );
    assert!(
        status.last_synced_at.is_some(),
        "the indicator can say 'updated N s ago'"
    );
    assert_eq!(
        status.store.map(|s| s.cancel_window_days),
        Some(15),
        "the store is kept"
    );
    let page = desk.list_orders(OrderQuery::default()).await.expect("list");
    assert!(!page.orders.is_empty(), "the list shows cached orders");
}

#[tokio::test]
async fn a_wrong_token_is_refused_at_connect_and_nothing_is_saved() {
    let backend = Backend::spawn(0);
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, _) = open_desk(dir.path(), None).await;
    let err = desk
        .connect(&backend.server.base_url(), "nope", false)
        .await
        .expect_err("a wrong token must be refused");
    assert_eq!(
        err.code,
        ErrorCode::NotConnected,
        "the owner is asked to check the token: {}",
        err.text.es
    );
    let status = desk.sync_status().await.expect("status");
    assert_eq!(
        status.backend_url, None,
        "a refused connection is not remembered"
    );
}

#[tokio::test]
async fn an_advance_goes_out_once_and_the_optimistic_state_settles() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let action = desk
        .advance(&order.number, OrderStatus::Preparing)
        .await
        .expect("queued by number");
    assert_eq!(
        action.state,
        ActionState::Pending,
        "an action waits until the backend confirms"
    );
    let detail = desk.get_order(&order.id).await.expect("detail");
    assert_eq!(
        detail.order.status,
        OrderStatus::Preparing,
        "the owner sees the move at once"
    );
    assert_eq!(
        detail.next_statuses,
        vec![OrderStatus::Ready],
        "buttons follow the optimistic state"
    );
    desk.sync_now().await.expect("sync");
    assert_eq!(
        backend.order(&order.id).await.status,
        OrderStatus::Preparing,
        "the backend applied it"
    );
    let effects = backend.effects(Some(&order.id)).await;
    let moves = effects.iter().filter(|e| e["kind"] == "transition").count();
    assert_eq!(moves, 1, "one action, one effect");
    assert_eq!(
        effects.last().map(|e| e["idempotency_key"].clone()),
        Some(action.id.clone().into()),
        "the action's UUID is its key"
    );
    let status = desk.sync_status().await.expect("status");
    assert_eq!(status.pending_actions, 0, "nothing left in the queue");
    assert!(
        desk.outbox().await.expect("outbox").is_empty(),
        "applied actions leave the queue panel"
    );
}

#[tokio::test]
async fn actions_made_offline_wait_and_go_out_when_the_backend_is_back() {
    let mut backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    backend.server.stop();
    desk.advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queues offline");
    desk.cancel(&order.id, "Sin stock de conchas", "100,50")
        .await
        .expect("cancel queues offline");
    let status = desk
        .sync_now()
        .await
        .expect("a sync offline is not an error");
    assert!(
        matches!(status.state, SyncState::Offline { .. }),
        "the indicator says offline: {:?}",
        status.state
    );
    assert_eq!(
        status.pending_actions, 2,
        "both actions wait, none is dropped or failed"
    );
    assert!(
        status.oldest_pending_age_s.is_some(),
        "the age of the oldest action is shown"
    );
    backend.server.restart();
    let status = desk.sync_now().await.expect("sync");
    assert_eq!(
        status.pending_actions, 0,
        "both went out once the backend was back"
    );
    let now = backend.order(&order.id).await;
    assert_eq!(
        now.status,
        OrderStatus::Cancelled,
        "advance then cancel, in order"
    );
    assert_eq!(
        now.refunded, 10050,
        "the refund typed as 100,50 is 10050 centavos"
    );
    assert_eq!(status.state, SyncState::Online, "back online");
}

#[tokio::test]
async fn a_killed_app_resumes_its_queue_when_opened_again() {
    let mut backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    backend.server.stop();
    desk.advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queued");
    drop(desk);
    backend.server.restart();
    let (reopened, _) = open_desk(dir.path(), Some(backend.server.token())).await;
    let status = reopened.sync_status().await.expect("status");
    assert_eq!(status.pending_actions, 1, "the queue survived the process");
    reopened.sync_now().await.expect("sync");
    assert_eq!(
        backend.order(&order.id).await.status,
        OrderStatus::Preparing,
        "the queued action went out after the restart"
    );
}

#[tokio::test]
async fn bad_input_through_the_desk_queues_nothing() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let cases = [
        ("abc", "Sin stock", ErrorCode::InvalidInput),
        ("450,5x", "Sin stock", ErrorCode::InvalidInput),
        ("-5", "Sin stock", ErrorCode::InvalidInput),
        ("450,01", "Sin stock", ErrorCode::RefundTooLarge),
        ("10", " ", ErrorCode::InvalidInput),
    ];
    for (refund, reason, want) in cases {
        let err = desk
            .cancel(&order.id, reason, refund)
            .await
            .expect_err("bad input is refused");
        assert_eq!(
            err.code, want,
            "refund {refund:?} reason {reason:?}: {}",
            err.text.es
        );
    }
    let err = desk
        .advance(&order.id, OrderStatus::Delivered)
        .await
        .expect_err("pending → delivered skips steps");
    assert_eq!(err.code, ErrorCode::NotAllowed, "{}", err.text.es);
    let err = desk
        .advance("no-such-order", OrderStatus::Preparing)
        .await
        .expect_err("unknown order");
    assert_eq!(err.code, ErrorCode::NotFound, "{}", err.text.es);
    assert!(
        desk.outbox().await.expect("outbox").is_empty(),
        "nothing was queued"
    );
}

#[tokio::test]
async fn resync_from_scratch_keeps_queued_actions_and_sends_them() {
    let mut backend = Backend::spawn(10);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    backend.server.stop();
    desk.advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queued");
    backend.server.restart();
    desk.resync_from_scratch().await.expect("resync");
    assert_eq!(
        desk.counts().await.expect("counts").all,
        11,
        "the cache was rebuilt in full"
    );
    assert_eq!(
        backend.order(&order.id).await.status,
        OrderStatus::Preparing,
        "the queued action survived the reset and went out"
    );
    let detail = desk.get_order(&order.id).await.expect("detail");
    assert_eq!(
        detail.order.status,
        OrderStatus::Preparing,
        "the rebuilt cache shows the result"
    );
}
