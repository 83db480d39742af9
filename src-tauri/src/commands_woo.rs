//! "Conectar con WordPress" (WooCommerce's Application Password approval): one-line
//! delegations into [`Desk`]; the page is opened in the system browser with the opener plugin.

use mostrador_core::desk::Desk;
use mostrador_core::platforms::woocommerce::approval::ApprovalView;
use mostrador_core::{Error, ErrorCode};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::{IpcResult, to_ipc};

/// Checks the store, starts waiting for its approval and opens the approval page in the
/// system browser.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(app, desk), err(Debug))]
pub async fn begin_woo_approval<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    url: String,
) -> IpcResult<ApprovalView> {
    let begun = desk.begin_woo_approval(&url).await.and_then(|view| {
        app.opener()
            .open_url(&view.authorize_url, None::<&str>)
            .map_err(|err| {
                Error::new(
                    ErrorCode::Internal,
                    format!(
                        "No se pudo abrir el navegador: {err}. Abre {}",
                        view.authorize_url
                    ),
                    format!(
                        "Could not open the browser: {err}. Open {}",
                        view.authorize_url
                    ),
                )
            })?;
        Ok(view)
    });
    to_ipc(&desk, begun).await
}

/// The approval being waited for, if any.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn woo_approval(desk: State<'_, Desk>) -> IpcResult<Option<ApprovalView>> {
    to_ipc(&desk, desk.woo_approval()).await
}

/// "Cancelar": stops waiting for the approval.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn cancel_woo_approval(desk: State<'_, Desk>) -> IpcResult<()> {
    to_ipc(&desk, desk.cancel_woo_approval()).await
}
