//! "Deshacer" lives in the outbox: an advance held for its undo window shows at once, is not
//! sent before the window ends (not even by "Actualizar"), can be taken back until then, and
//! survives a quit — taken back or sent, never lost, never doubled.

use std::time::Duration;

use mostrador_core::ErrorCode;
use mostrador_core::model::OrderStatus;

use super::harness::{Backend, connected_desk, open_desk};

const WINDOW: Duration = Duration::from_secs(30);

#[tokio::test]
async fn a_held_advance_shows_at_once_waits_its_window_and_undo_sends_nothing() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let action = desk
        .advance_with_undo(&order.id, OrderStatus::Preparing, WINDOW)
        .await
        .expect("queued with an undo window");
    let until = action
        .undo_until
        .expect("the UI can offer 'Deshacer' until then");
    assert!(until > action.created_at, "the window is ahead of the tap");
    let detail = desk.get_order(&order.id).await.expect("detail");
    assert_eq!(detail.order.status, OrderStatus::Preparing, "shown at once");
    desk.sync_now().await.expect("sync");
    assert_eq!(
        backend.order(&order.id).await.status,
        OrderStatus::Pending,
        "not sent inside its window, even by 'Actualizar'"
    );
    desk.undo(&action.id).await.expect("taken back");
    let detail = desk.get_order(&order.id).await.expect("detail");
    assert_eq!(
        detail.order.status,
        OrderStatus::Pending,
        "the order shows what the platform says again"
    );
    assert!(
        desk.outbox().await.expect("outbox").is_empty(),
        "nothing queued"
    );
    desk.sync_now().await.expect("sync");
    let effects = backend.effects(Some(&order.id)).await;
    assert!(
        effects.iter().all(|e| e["kind"] != "transition"),
        "the platform never saw the undone advance: {effects:?}"
    );
}

#[tokio::test]
async fn the_undo_window_survives_a_quit_and_the_held_advance_goes_out_once_after_it() {
    let backend = Backend::spawn(0);
    let first = backend.pickup_order().await;
    let second = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let (undone, kept) = {
        let desk = connected_desk(&backend, dir.path()).await;
        let a = desk
            .advance_with_undo(&first.id, OrderStatus::Preparing, WINDOW)
            .await
            .expect("held");
        let b = desk
            .advance_with_undo(
                &second.id,
                OrderStatus::Preparing,
                Duration::from_millis(300),
            )
            .await
            .expect("held");
        (a, b)
    }; // the app quits inside both windows
    let (desk, _) = open_desk(dir.path(), Some(backend.server.token())).await;
    let queued = desk.outbox().await.expect("outbox");
    assert_eq!(
        queued.len(),
        2,
        "both held advances are still there after the quit"
    );
    assert!(
        queued.iter().all(|a| a.undo_until.is_some()),
        "and still offered for undo: {queued:?}"
    );
    desk.undo(&undone.id).await.expect("undo after reopening");
    tokio::time::sleep(Duration::from_millis(400)).await; // the short window ends
    desk.sync_now().await.expect("sync");
    assert_eq!(backend.order(&first.id).await.status, OrderStatus::Pending);
    assert_eq!(
        backend.order(&second.id).await.status,
        OrderStatus::Preparing,
        "the one not taken back went out after its window"
    );
    desk.sync_now().await.expect("sync again");
    let moves = backend
        .effects(Some(&second.id))
        .await
        .iter()
        .filter(|e| e["kind"] == "transition")
        .count();
    assert_eq!(moves, 1, "once");
    let err = desk.undo(&kept.id).await.expect_err("too late once sent");
    assert_eq!(err.code, ErrorCode::NotAllowed, "{}", err.text.es);
    assert!(err.text.en.contains("already sent"), "{}", err.text.en);
}

#[tokio::test]
async fn an_advance_without_a_window_is_not_offered_for_undo_and_the_window_is_capped() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let plain = desk
        .advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queued");
    assert_eq!(
        plain.undo_until, None,
        "a plain advance (CLI, notification) is not held"
    );
    let held = desk
        .advance_with_undo(&order.id, OrderStatus::Ready, Duration::from_secs(3600))
        .await
        .expect("held");
    let until = held.undo_until.expect("held");
    assert!(
        until - held.created_at
            <= chrono::Duration::from_std(mostrador_core::desk::MAX_UNDO_WINDOW).unwrap(),
        "an hour asked, at most {:?} held",
        mostrador_core::desk::MAX_UNDO_WINDOW
    );
}
