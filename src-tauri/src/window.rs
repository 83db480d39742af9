//! The main window: brought up by the tray and by notifications, hidden (not closed) when the
//! owner closes it, so the sync loop and the alarms keep running.

use tauri::{AppHandle, Manager, Runtime, Window, WindowEvent};

/// The main window's label (tauri.conf.json, capabilities/default.json).
pub const MAIN: &str = "main";

/// Shows, un-minimises and focuses the main window.
pub fn reveal<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window(MAIN) else {
        return;
    };
    // Each step can fail on a platform without the concept (mobile): the others still help.
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
}

/// On desktop, closing the main window hides it to the tray instead of quitting; "Salir" in
/// the tray menu quits.
pub fn on_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    #[cfg(desktop)]
    if let WindowEvent::CloseRequested { api, .. } = event
        && window.label() == MAIN
    {
        api.prevent_close();
        if let Err(err) = window.hide() {
            tracing::warn!(%err, "could not hide the window to the tray");
        }
    }
    #[cfg(not(desktop))]
    let _ = (window, event);
}
