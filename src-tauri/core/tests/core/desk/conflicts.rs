//! Conflicts: the order changed elsewhere while an action waited. The owner is told in words
//! and the optimistic state rolls back to the server's.

use mostrador_core::model::OrderStatus;
use mostrador_core::view::{ActionState, SyncState};

use super::harness::{Backend, connected_desk, open_desk};

#[tokio::test]
async fn a_customer_cancellation_while_an_advance_waits_offline_fails_it_in_words() {
    let mut backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let other = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    backend.server.stop();
    desk.advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queued offline");
    desk.advance(&other.id, OrderStatus::Preparing)
        .await
        .expect("another order's action queued offline too");
    desk.advance(&order.id, OrderStatus::Ready)
        .await
        .expect("queued behind it");
    backend.server.restart();
    assert!(
        backend.customer_cancel(&order.id).await,
        "the open order can be cancelled by its customer"
    );
    let status = desk.sync_now().await.expect("sync");
    assert_eq!(
        status.failed_actions, 2,
        "the advance and the one that depended on it both fail"
    );
    let actions = desk.outbox().await.expect("outbox");
    let first = &actions[0];
    assert_eq!(
        first.state,
        ActionState::Failed,
        "a definite refusal is final"
    );
    assert_eq!(
        first.error.as_deref(),
        Some(format!("El cliente canceló el pedido #{} mientras estabas sin conexión; no se marcó como Preparando.", order.number).as_str()),
        "the owner is told who did what"
    );
    let second = actions[1].error.clone().unwrap_or_default();
    assert!(
        second.contains("acción anterior"),
        "the dependent action says why it was not sent: {second}"
    );
    let detail = desk.get_order(&order.id).await.expect("detail");
    assert_eq!(
        detail.order.status,
        OrderStatus::Cancelled,
        "the optimistic Listo rolled back to the server's state"
    );
    assert_eq!(
        backend.order(&other.id).await.status,
        OrderStatus::Preparing,
        "a refused action on one order never blocks another order's actions"
    );
    let moves = backend
        .effects(Some(&order.id))
        .await
        .iter()
        .filter(|e| e["kind"] == "transition")
        .count();
    assert_eq!(moves, 0, "nothing was applied on the backend");
    desk.dismiss_action(&first.id)
        .await
        .expect("a failed action can be dismissed");
    assert_eq!(
        desk.outbox().await.expect("outbox").len(),
        1,
        "a dismissed action leaves the panel"
    );
}

#[tokio::test]
async fn two_devices_acting_on_the_same_order_give_one_result_and_a_clear_conflict() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let phone = connected_desk(&backend, dir_a.path()).await;
    let counter = connected_desk(&backend, dir_b.path()).await;
    phone
        .advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("phone queues");
    counter
        .cancel_minor(&order.id, "Sin stock", 45000)
        .await
        .expect("counter queues, not yet knowing");
    phone.sync_now().await.expect("phone syncs first");
    let status = counter.sync_now().await.expect("counter syncs");
    assert_eq!(
        status.failed_actions, 1,
        "the stale cancellation is refused, not applied blindly"
    );
    let reason = counter.outbox().await.expect("outbox")[0]
        .error
        .clone()
        .unwrap_or_default();
    assert!(
        reason.contains("cambió en el servidor") && reason.contains("Preparando"),
        "the owner learns the order moved: {reason}"
    );
    let server = backend.order(&order.id).await;
    assert_eq!(
        (server.status, server.refunded),
        (OrderStatus::Preparing, 0),
        "only the phone's move applied; no refund"
    );
    let shown = counter.get_order(&order.id).await.expect("detail").order;
    assert_eq!(
        shown.status,
        OrderStatus::Preparing,
        "the counter rolled back to the server's state"
    );
    assert!(
        counter
            .get_order(&order.id)
            .await
            .expect("detail")
            .cancel
            .allowed,
        "the owner can cancel again, knowingly"
    );
}

#[tokio::test]
async fn a_refused_token_pauses_sync_and_keeps_every_action() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    drop(desk);
    let (stale, _) = open_desk(dir.path(), Some("revoked-token")).await;
    stale
        .advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queues locally");
    let status = stale
        .sync_now()
        .await
        .expect("a 401 is a state, not an error");
    assert_eq!(
        status.state,
        SyncState::NeedsReconnect,
        "the owner is asked to reconnect"
    );
    assert_eq!(
        (status.pending_actions, status.failed_actions),
        (1, 0),
        "nothing dropped, nothing failed"
    );
    stale
        .connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("reconnects");
    let status = stale.sync_now().await.expect("sync");
    assert_eq!(
        status.pending_actions, 0,
        "the paused action went out after reconnecting"
    );
    assert_eq!(
        backend.order(&order.id).await.status,
        OrderStatus::Preparing,
        "and applied"
    );
}
