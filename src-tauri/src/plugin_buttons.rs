//! Buttons through the notification plugin's action types: Windows toast buttons (WinRT, through
//! notify-rust), macOS notification actions (two or more in an "Options" menu), iOS notification
//! categories and Android notification actions. One path for all of them: before a notice is
//! shown its set of buttons is registered as an action type (named by the core,
//! [`quick::action_type_id`]), and the plugin reports a press through the same `on_action` as a
//! tap ([`crate::notifier::on_tap`]), which hands it to [`Desk::quick_action`] like a button
//! pressed on Linux.
//!
//! Linux draws its buttons itself over D-Bus ([`crate::buttons`]) so that the result can
//! *replace* the pressed notification (`replaces_id`); here the result is a new notification,
//! since neither notify-rust on Windows and macOS nor the mobile plugins can replace one.
//! `MOSTRADOR_PLUGIN_BUTTONS=1` sends Linux this way too: that is how this path runs here
//! (e2e step 19), since Windows, macOS and the phones cannot be built on these machines.

use mostrador_core::Language;
use mostrador_core::attention::quick::{self, QuickResult};
use mostrador_core::attention::{Notice, QuickAction};
use mostrador_core::desk::Desk;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::{Action, ActionType, NotificationExt};

use crate::notifier::ORDER_KEY;

/// Set to `1`, Linux shows its buttons through the plugin instead of its own D-Bus calls.
pub const FORCE_ENV: &str = "MOSTRADOR_PLUGIN_BUTTONS";

/// Whether notices carry their buttons through the plugin on this platform.
pub fn enabled() -> bool {
    cfg!(any(
        windows,
        target_os = "macos",
        target_os = "ios",
        target_os = "android"
    )) || std::env::var_os(FORCE_ENV).is_some_and(|v| v == "1")
}

/// Registers `buttons` as an action type and returns its name; `None` for no buttons or when
/// the platform refused it (the notice then shows plain).
fn register<R: Runtime>(
    app: &AppHandle<R>,
    buttons: &[QuickAction],
    language: Language,
) -> Option<String> {
    let type_id = quick::action_type_id(buttons, language)?;
    let actions = buttons
        .iter()
        .map(|b| {
            Action::builder(&b.id, &b.label)
                // iOS: "Abrir" brings the app up; the others act without opening it.
                .foreground(b.id == quick::OPEN)
                .build()
        })
        .collect();
    let action_type = ActionType::builder(&type_id).actions(actions).build();
    match app.notification().register_action_types(vec![action_type]) {
        Ok(()) => Some(type_id),
        Err(err) => {
            tracing::warn!(%err, "could not register the notification's buttons");
            None
        }
    }
}

/// Shows a notification about `order_id` with `buttons`; `false` when it could not (the caller
/// shows it plain).
fn show<R: Runtime>(
    app: &AppHandle<R>,
    order_id: &str,
    title: &str,
    body: &str,
    buttons: &[QuickAction],
    language: Language,
    sound: bool,
) -> bool {
    let Some(type_id) = register(app, buttons, language) else {
        return false;
    };
    let mut builder = app
        .notification()
        .builder()
        .title(title)
        .body(body)
        .extra(ORDER_KEY, order_id)
        .action_type_id(&type_id);
    if sound {
        builder = builder.sound(crate::notifier::SOUND);
    }
    match builder.show() {
        Ok(()) => {
            tracing::info!(order = %order_id, %type_id, "notification with buttons (plugin)");
            true
        }
        Err(err) => {
            tracing::warn!(%err, "notification with buttons failed; showing it plain");
            false
        }
    }
}

/// Shows `notice` with its buttons where this path is used; `false` when the plain path should
/// show it (not this platform, a summary, or the plugin refused). `body` is the notice's body
/// as this notification server should receive it.
pub fn show_notice<R: Runtime>(
    app: &AppHandle<R>,
    notice: &Notice,
    body: &str,
    language: Language,
    sound: bool,
) -> bool {
    let Some(order_id) = notice.order_id.as_deref().filter(|_| enabled()) else {
        return false;
    };
    let buttons = quick::buttons(notice, language);
    show(
        app,
        order_id,
        &notice.title,
        body,
        &buttons,
        language,
        sound,
    )
}

/// A button of a notification shown by this path was pressed (not a tap on the body): the
/// order moves through the outbox without the window, and the result is shown with the buttons
/// that come next ("#1042 → Preparando", "Listo"); "Abrir" brings the window up on the order.
pub async fn pressed<R: Runtime>(app: &AppHandle<R>, order_id: &str, action_id: &str) {
    tracing::info!(action = %action_id, order = %order_id, "notification button pressed (plugin)");
    if let Some(result) = crate::notifier::act_on_press(app, order_id, action_id).await {
        show_result(app, &result, app.state::<Desk>().language());
    }
}

fn show_result<R: Runtime>(app: &AppHandle<R>, result: &QuickResult, language: Language) {
    // The answer the notifier learned at start (escaped, the safe guess, until then).
    let body = match app.try_state::<std::sync::Arc<crate::notifier::ServerCapabilities>>() {
        Some(caps) => caps.body_for_server(&result.body),
        None => mostrador_core::markup::escape_body(&result.body),
    };
    let shown = show(
        app,
        &result.order_id,
        &result.title,
        &body,
        &result.actions,
        language,
        false,
    );
    if !shown
        && let Err(err) = app
            .notification()
            .builder()
            .title(&result.title)
            .body(body)
            .extra(ORDER_KEY, &result.order_id)
            .show()
    {
        tracing::warn!(%err, "could not show what the button did");
    }
}
