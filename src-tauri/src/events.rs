//! Forwards the core's [`DeskEvent`]s to the webview as Tauri events, and keeps the tray's
//! pending count current.

use mostrador_core::desk::{Desk, DeskEvent};
use mostrador_core::view::OrdersChanged;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tokio::sync::broadcast::error::RecvError;

/// `orders://changed`, payload [`OrdersChanged`].
pub const ORDERS_CHANGED: &str = "orders://changed";
/// `sync://status`, payload `SyncStatus`.
pub const SYNC_STATUS: &str = "sync://status";
/// `notice://opened`, payload `NoticeOpened`: the UI opens that order.
pub const NOTICE_OPENED: &str = "notice://opened";
/// `print://failed`, payload `PrintFailed`: the UI says why a slip did not print.
pub const PRINT_FAILED: &str = "print://failed";
/// `woocommerce://approval`, payload `ApprovalFinished`: a WordPress approval link connected
/// the store, or why not (the UI's toast).
pub const APPROVAL: &str = "woocommerce://approval";

/// Spawns the task that forwards every event of `desk` to the webview until the desk goes
/// away. Call it before `Desk::start` so no early event is missed.
pub fn forward<R: Runtime>(app: &AppHandle<R>, desk: &Desk) {
    let mut events = desk.subscribe();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            match events.recv().await {
                Ok(event) => deliver(&app, event).await,
                // Some events were dropped because the UI side was slow: tell it to reload
                // everything rather than show a stale list.
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "event forwarder lagged; asking the UI to reload");
                    deliver(&app, DeskEvent::OrdersChanged(everything())).await;
                }
                Err(RecvError::Closed) => break,
            }
        }
    });
}

fn everything() -> OrdersChanged {
    OrdersChanged {
        ids: Vec::new(),
        all: true,
    }
}

async fn deliver<R: Runtime>(app: &AppHandle<R>, event: DeskEvent) {
    let sent = match event {
        DeskEvent::OrdersChanged(changed) => {
            refresh_tray(app).await;
            app.emit(ORDERS_CHANGED, changed)
        }
        DeskEvent::SyncStatus(status) => {
            let synced = status.last_synced_at.is_some();
            tracing::debug!(state = ?status.state, synced, "sync status");
            app.emit(SYNC_STATUS, status)
        }
        DeskEvent::NoticeOpened(opened) => {
            crate::window::reveal(app);
            app.emit(NOTICE_OPENED, opened)
        }
        DeskEvent::PrintFailed(failed) => app.emit(PRINT_FAILED, failed),
        DeskEvent::Approval(finished) => app.emit(APPROVAL, finished),
    };
    if let Err(err) = sent {
        tracing::warn!(%err, "could not emit an event to the webview");
    }
}

/// Puts the number of pending orders on the tray icon.
async fn refresh_tray<R: Runtime>(app: &AppHandle<R>) {
    let desk = app.state::<Desk>();
    match desk.counts().await {
        Ok(counts) => crate::tray::show_pending(app, counts.pending),
        Err(err) => tracing::warn!(%err, "could not count pending orders for the tray"),
    }
}
