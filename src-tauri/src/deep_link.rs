//! `mostrador://` links (tauri-plugin-deep-link): WordPress's Application Password approval
//! page sends the owner back to the app with one. Each link goes, as it is, to one core call
//! ([`Desk::finish_woo_approval`]), which checks it, connects and publishes the outcome
//! (`woocommerce://approval`); nothing is decided here.
//!
//! Linux and Windows start a new process for each link: the single-instance plugin's
//! `deep-link` feature hands its argument to this (running) app's deep-link plugin, which
//! fires [`on_open_url`](tauri_plugin_deep_link::DeepLink::on_open_url). An app started by
//! the link itself finds it in [`get_current`](tauri_plugin_deep_link::DeepLink::get_current).
//! The scheme is declared in tauri.conf.json (`plugins.deep-link.desktop.schemes`), so the
//! .deb's desktop file registers it (`MimeType=x-scheme-handler/mostrador`).

use mostrador_core::desk::Desk;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_deep_link::DeepLinkExt;

/// Listens for links, and forwards the one this launch was started with, if any. Call after
/// the desk is managed.
pub fn install<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            forward(&handle, url.to_string());
        }
    });
    match app.deep_link().get_current() {
        Ok(Some(urls)) => urls.into_iter().for_each(|u| forward(app, u.to_string())),
        Ok(None) => {}
        Err(err) => tracing::warn!(%err, "could not read the link this launch came with"),
    }
}

/// Shows the window and hands `link` to the core.
fn forward<R: Runtime>(app: &AppHandle<R>, link: String) {
    crate::window::reveal(app);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let desk = app.state::<Desk>();
        if let Err(err) = desk.finish_woo_approval(&link).await {
            tracing::warn!(%err, "a mostrador:// link did not connect");
        }
    });
}
