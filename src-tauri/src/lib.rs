//! # mostrador (the shell)
//!
//! The Tauri 2 app over [`mostrador_core`]: wiring only. [`run`] registers the notification
//! plugin and the [commands](commands), opens the core's [`Desk`] on the platform's app-data
//! directory with the [keychain](keychain) for the token and the [notifier](notifier) for
//! notices, forwards the core's [events] to the webview, starts the sync loop and the
//! attention scheduler on Tauri's async runtime, and (on desktop) puts the app in the
//! [tray] and hides the window on close so the alarms keep running.
//!
//! There is no SQL, HTTP or business rule here: everything the app knows is in the core.

pub mod alarm;
pub mod autostart;
pub mod bus;
pub mod buttons;
pub mod commands;
pub mod commands_bell;
pub mod error;
pub mod events;
pub mod keychain;
pub mod notifier;
pub mod startup;
pub mod tray;
pub mod window;

include!("command_list.rs");

use mostrador_core::desk::Desk;
use tauri::{Builder, Runtime};

/// Registers every command of [`COMMANDS`] (the app and the mock-runtime tests share this).
pub fn with_commands<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::list_orders,
        commands::get_order,
        commands::counts,
        commands::facets,
        commands::kpis,
        commands::advance_order,
        commands::cancel_order,
        commands::retry_document,
        commands::reload_order,
        commands::sync_now,
        commands::sync_status,
        commands::outbox,
        commands::dismiss_action,
        commands::connect,
        commands::disconnect,
        commands::get_settings,
        commands::set_settings,
        commands_bell::acknowledge_order,
        commands_bell::set_counter_mode,
        commands_bell::set_autostart,
        commands_bell::test_alarm,
        commands_bell::take_opened_notice,
        commands_bell::quick_action,
        commands_bell::quick_action_types,
        commands_bell::ringing,
    ])
}

/// Hands `desk` to the app: managed state for the commands, and its events forwarded to the
/// webview.
pub fn attach_desk<R: Runtime>(app: &tauri::AppHandle<R>, desk: Desk) {
    use tauri::Manager;
    events::forward(app, &desk);
    app.manage(desk);
}

/// Runs the app.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    startup::init_tracing();
    let builder = Builder::default().plugin(tauri_plugin_notification::init());
    #[cfg(desktop)]
    let builder = builder.plugin(autostart::plugin());
    let builder = builder
        .setup(|app| {
            startup::setup(app.handle())?;
            Ok(())
        })
        .on_window_event(window::on_event);
    let app = with_commands(builder)
        .build(tauri::generate_context!())
        .unwrap_or_else(|err| {
            tracing::error!(%err, "Mostrador could not start");
            std::process::exit(1);
        });
    app.run(|_app, _event| {
        // macOS: clicking the Dock icon of a running app whose window is hidden shows it.
        #[cfg(target_os = "macos")]
        if let tauri::RunEvent::Reopen { .. } = _event {
            window::reveal(_app);
        }
    });
}
