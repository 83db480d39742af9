//! # mostrador (the shell)
//!
//! The Tauri 2 app over [`mostrador_core`]: wiring only. [`run`] registers the notification
//! plugin and the [commands], opens the core's [`Desk`] on the platform's app-data
//! directory with the [keychain] for the token and the [notifier] for
//! notices, forwards the core's [events] to the webview, starts the sync loop and the
//! attention scheduler on Tauri's async runtime, and (on desktop) puts the app in the
//! [tray] and hides the window on close so the alarms keep running. A second launch focuses
//! the first (single instance) and hands it any `mostrador://` link ([deep_link]); links that
//! leave the app go to the system's handler and the webview never navigates away ([links]).
//!
//! There is no SQL, HTTP or business rule here: everything the app knows is in the core.

pub mod alarm;
pub mod autostart;
pub mod bus;
pub mod buttons;
pub mod commands;
pub mod commands_bell;
pub mod commands_woo;
pub mod deep_link;
pub mod error;
pub mod events;
pub mod keychain;
pub mod links;
pub mod memory;
#[cfg(mobile)]
pub mod mobile;
pub mod notifier;
pub mod plugin_buttons;
pub mod startup;
pub mod token_backend;
pub mod tray;
pub mod updates;
pub mod window;

include!("command_list.rs");

use mostrador_core::desk::Desk;
use tauri::{Builder, Runtime};

/// Registers every command of [`COMMANDS`] (the app and the mock-runtime tests share this),
/// with the updater plugin and its state, which the update commands need.
pub fn with_commands<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    // Updates (issue 20): the signed-update plugin and what its last check found.
    let builder = builder
        .plugin(updates::plugin())
        .manage(updates::PendingUpdate::default());
    builder.invoke_handler(tauri::generate_handler![
        commands::list_orders,
        commands::get_order,
        commands::counts,
        commands::facets,
        commands::kpis,
        commands::advance_order,
        commands::cancel_order,
        commands::retry_document,
        commands::pay_order,
        commands::add_note,
        commands::device_name,
        commands::print_order,
        commands::print_test,
        commands::reload_order,
        commands::sync_now,
        commands::sync_status,
        commands::outbox,
        commands::dismiss_action,
        commands::undo_action,
        commands::connect,
        commands::connect_platform,
        commands::disconnect,
        // "Conectar con WordPress" (WooCommerce's approval page).
        commands_woo::begin_woo_approval,
        commands_woo::woo_approval,
        commands_woo::cancel_woo_approval,
        commands::get_settings,
        commands::set_settings,
        // Updates (issue 20).
        updates::check_update,
        updates::install_update,
        commands::open_link,
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
    memory::trim_after_syncs(&desk);
    app.manage(desk);
}

/// Runs the app.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    startup::init_tracing();
    let context = tauri::generate_context!();
    let builder = Builder::default();
    // First, so a second launch exits before it opens the database or starts a sync loop.
    // `mostrador --update` is a one-shot that must run beside the owner's open app (it checks,
    // installs and exits), so it is not handed over to the running instance.
    #[cfg(desktop)]
    let builder = if updates::one_shot_requested() {
        builder
    } else {
        builder.plugin(startup::single_instance(&context.config().identifier))
    };
    #[cfg(desktop)]
    let builder = builder.plugin(autostart::plugin());
    let builder = builder
        .plugin(tauri_plugin_notification::init())
        // mostrador:// links (WordPress's approval page back to the app): deep_link.rs.
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(links::navigation_guard())
        .setup(|app| {
            startup::setup(app.handle())?;
            updates::start(app.handle());
            Ok(())
        })
        .on_window_event(window::on_event);
    let app = with_commands(builder).build(context).unwrap_or_else(|err| {
        tracing::error!(%err, "Mostrador could not start");
        std::process::exit(1);
    });
    app.run(|_app, _event| {
        // A phone going to the background hands the OS the reminder ladder; back, takes it.
        #[cfg(mobile)]
        mobile::on_run_event(_app, &_event);
        // macOS: clicking the Dock icon of a running app whose window is hidden shows it.
        #[cfg(target_os = "macos")]
        if let tauri::RunEvent::Reopen { .. } = _event {
            window::reveal(_app);
        }
    });
}
