//! The commands the UI invokes: one-line delegations into [`Desk`], no logic of their own.
//!
//! Every command is `async` (so none runs on the main thread) and maps core errors to
//! [`IpcError`](crate::error::IpcError) in the owner's language. The set of names lives in
//! `command_list.rs`; `build.rs` allow-lists exactly those and a test keeps the three in step.

use mostrador_core::desk::Desk;
use mostrador_core::links::LinkOpened;
use mostrador_core::model::{OrderStatus, PaymentMethod};
use mostrador_core::platforms::{Credentials, PlatformKind};
use mostrador_core::view::{
    ActionView, Counts, Facets, Kpis, OrderDetail, OrderPage, OrderQuery, Period, Settings,
    SyncStatus,
};
use tauri::State;

use crate::error::{IpcResult, to_ipc};

/// One page of the order list.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn list_orders(desk: State<'_, Desk>, query: OrderQuery) -> IpcResult<OrderPage> {
    to_ipc(&desk, desk.list_orders(query).await).await
}

/// One order with its next steps, cancel state and queued actions.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn get_order(desk: State<'_, Desk>, id: String) -> IpcResult<OrderDetail> {
    to_ipc(&desk, desk.get_order(&id).await).await
}

/// Counts for the tabs and the KPI strip.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn counts(desk: State<'_, Desk>) -> IpcResult<Counts> {
    to_ipc(&desk, desk.counts().await).await
}

/// Every warehouse and tag among the cached orders, for the filter sheet.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn facets(desk: State<'_, Desk>) -> IpcResult<Facets> {
    to_ipc(&desk, desk.facets().await).await
}

/// Sales figures for a period.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn kpis(desk: State<'_, Desk>, period: Period) -> IpcResult<Kpis> {
    to_ipc(&desk, desk.kpis(period).await).await
}

/// Moves an order to its next status (queued in the outbox), held for `undo_ms` when given
/// so the owner can take it back ("Deshacer").
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn advance_order(
    desk: State<'_, Desk>,
    id: String,
    to: OrderStatus,
    undo_ms: Option<u64>,
) -> IpcResult<ActionView> {
    let hold = std::time::Duration::from_millis(undo_ms.unwrap_or(0));
    to_ipc(&desk, desk.advance_with_undo(&id, to, hold).await).await
}

/// Takes back a held action that was never sent ("Deshacer").
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn undo_action(desk: State<'_, Desk>, action_id: String) -> IpcResult<()> {
    to_ipc(&desk, desk.undo(&action_id).await).await
}

/// Cancels an order with a reason and a refund as the owner typed it ("450,50").
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn cancel_order(
    desk: State<'_, Desk>,
    id: String,
    reason: String,
    refund: String,
) -> IpcResult<ActionView> {
    to_ipc(&desk, desk.cancel(&id, &reason, &refund).await).await
}

/// Queues a payment taken at the counter; `amount` as the owner typed it ("450,50").
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn pay_order(
    desk: State<'_, Desk>,
    id: String,
    amount: String,
    method: PaymentMethod,
    reference: Option<String>,
    received: Option<String>,
) -> IpcResult<ActionView> {
    let paid = desk
        .pay_received(
            &id,
            &amount,
            method,
            reference.as_deref(),
            received.as_deref(),
        )
        .await;
    to_ipc(&desk, paid).await
}

/// Queues a staff note.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn add_note(desk: State<'_, Desk>, id: String, text: String) -> IpcResult<ActionView> {
    to_ipc(&desk, desk.add_note(&id, &text).await).await
}

/// The name sent as `Device-Name` (the setting, else the host name), for Ajustes.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn device_name(desk: State<'_, Desk>) -> IpcResult<Option<String>> {
    to_ipc(&desk, Ok(desk.device_name())).await
}

/// Prints an order's kitchen slip or receipt on the ESC/POS printer of Ajustes.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn print_order(
    desk: State<'_, Desk>,
    id: String,
    kind: mostrador_core::print::SlipKind,
) -> IpcResult<()> {
    to_ipc(&desk, desk.print_order(&id, kind).await).await
}

/// "Imprimir prueba".
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn print_test(desk: State<'_, Desk>) -> IpcResult<()> {
    to_ipc(&desk, desk.print_test().await).await
}

/// Asks the backend to issue a failed document again.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn retry_document(
    desk: State<'_, Desk>,
    order_id: String,
    document_id: String,
) -> IpcResult<ActionView> {
    to_ipc(&desk, desk.retry_document(&order_id, &document_id).await).await
}

/// Fetches one order from the backend now.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn reload_order(desk: State<'_, Desk>, id: String) -> IpcResult<OrderDetail> {
    to_ipc(&desk, desk.reload_order(&id).await).await
}

/// Pulls until up to date and flushes the outbox once.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn sync_now(desk: State<'_, Desk>) -> IpcResult<SyncStatus> {
    to_ipc(&desk, desk.sync_now().await).await
}

/// The sync indicator's state.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn sync_status(desk: State<'_, Desk>) -> IpcResult<SyncStatus> {
    to_ipc(&desk, desk.sync_status().await).await
}

/// Actions queued or failed.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn outbox(desk: State<'_, Desk>) -> IpcResult<Vec<ActionView>> {
    to_ipc(&desk, desk.outbox().await).await
}

/// Hides a failed action from the queue panel.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn dismiss_action(desk: State<'_, Desk>, action_id: String) -> IpcResult<()> {
    to_ipc(&desk, desk.dismiss_action(&action_id).await).await
}

/// Connects to a backend; the token goes to the OS keychain and is never logged.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk, token), err(Debug))]
pub async fn connect(desk: State<'_, Desk>, url: String, token: String) -> IpcResult<SyncStatus> {
    to_ipc(&desk, desk.connect(&url, &token, false).await).await
}

/// Connects to a shop on a platform (Mostrador's API, WooCommerce, Shopify); the credentials
/// go to the OS keychain and are never logged.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk, key, secret), err(Debug))]
pub async fn connect_platform(
    desk: State<'_, Desk>,
    platform: PlatformKind,
    url: String,
    key: String,
    secret: String,
) -> IpcResult<SyncStatus> {
    let credentials = Credentials { key, secret };
    to_ipc(
        &desk,
        desk.connect_platform(platform, &url, credentials).await,
    )
    .await
}

/// Forgets the backend and its token.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn disconnect(desk: State<'_, Desk>) -> IpcResult<()> {
    to_ipc(&desk, desk.disconnect().await).await
}

/// The owner's settings.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn get_settings(desk: State<'_, Desk>) -> IpcResult<Settings> {
    to_ipc(&desk, desk.settings().await).await
}

/// Saves the owner's settings.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn set_settings(desk: State<'_, Desk>, settings: Settings) -> IpcResult<Settings> {
    to_ipc(&desk, desk.set_settings(settings).await).await
}

/// Opens a link that leaves the app (tel:, WhatsApp, mailto:, a map) in the system's handler,
/// or copies the number when nothing handles it; refuses any other URL.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk, links), err(Debug))]
pub async fn open_link(
    desk: State<'_, Desk>,
    links: State<'_, crate::links::Opener>,
    url: String,
) -> IpcResult<LinkOpened> {
    to_ipc(&desk, links.open(&url)).await
}
