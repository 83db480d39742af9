//! Buttons on notifications (Linux and the BSDs): the freedesktop `Notify` call with actions,
//! sent over the session bus with zbus, and its `ActionInvoked` signal. The notification plugin
//! cannot draw buttons on desktop (its action types are mobile-only), so a notice with quick
//! actions goes this way when the server advertises the `actions` capability; otherwise the
//! plugin shows it plain ([`crate::notifier`]).
//!
//! Which buttons and what each does are the core's ([`mostrador_core::attention::quick`]):
//! a press is handed to [`mostrador_core::desk::Desk::quick_action`], which queues it through the outbox without
//! opening the window, and the notification is replaced by the result ("#1042 → Preparando").
//! "Abrir" and a click on the notification itself bring the window up on that order.
//!
//! Windows, macOS and the phones draw their buttons through the notification plugin
//! ([`crate::plugin_buttons`]); so does Linux with `MOSTRADOR_PLUGIN_BUTTONS=1`.

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
mod imp {
    use std::collections::HashMap;
    use std::sync::Mutex;

    use mostrador_core::attention::quick::{self, QuickResult};
    use mostrador_core::attention::{Notice, QuickAction};
    use tauri::{AppHandle, Manager, Runtime};
    use zbus::blocking::{Connection, Proxy};
    use zbus::zvariant::Value;

    const DEST: &str = "org.freedesktop.Notifications";
    const PATH: &str = "/org/freedesktop/Notifications";
    /// The action key of a click on the notification's body.
    const DEFAULT: &str = "default";

    /// The session-bus side of notification buttons; managed as app state when the server has
    /// the `actions` capability.
    pub struct Buttons {
        conn: Connection,
        markup: bool,
        /// Notification id → the order it is about, to answer a press.
        shown: Mutex<HashMap<u32, String>>,
    }

    /// Escapes the few characters a `body-markup` server would read as markup.
    pub fn escape_markup(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    impl Buttons {
        /// Connects and asks the server what it can do; `None` without a bus, a server, or
        /// the `actions` capability (the plain path is used then).
        fn connect() -> Option<Buttons> {
            let conn = Connection::session().ok()?;
            let reply = conn
                .call_method(Some(DEST), PATH, Some(DEST), "GetCapabilities", &())
                .ok()?;
            let caps: Vec<String> = reply.body().deserialize().ok()?;
            tracing::info!(?caps, "notification server capabilities");
            if !caps.iter().any(|c| c == "actions") {
                return None;
            }
            Some(Buttons {
                markup: caps.iter().any(|c| c == "body-markup"),
                conn,
                shown: Mutex::new(HashMap::new()),
            })
        }

        /// Shows (or, with `replaces`, replaces) a notification about `order_id` with `buttons`.
        fn show(
            &self,
            replaces: u32,
            order_id: &str,
            title: &str,
            body: &str,
            buttons: &[QuickAction],
            sound: bool,
        ) -> zbus::Result<u32> {
            let mut actions: Vec<&str> = vec![DEFAULT, ""];
            for b in buttons {
                actions.push(&b.id);
                actions.push(&b.label);
            }
            let mut hints: HashMap<&str, Value<'_>> = HashMap::new();
            hints.insert("urgency", Value::U8(1));
            hints.insert("desktop-entry", Value::from("mostrador"));
            if sound {
                hints.insert("sound-name", Value::from(crate::notifier::SOUND));
            }
            let body = if self.markup {
                escape_markup(body)
            } else {
                body.to_string()
            };
            let reply = self.conn.call_method(
                Some(DEST),
                PATH,
                Some(DEST),
                "Notify",
                &(
                    "Mostrador",
                    replaces,
                    "",
                    title,
                    body.as_str(),
                    actions,
                    hints,
                    -1_i32,
                ),
            )?;
            let id: u32 = reply.body().deserialize()?;
            let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
            if shown.len() > 500 {
                shown.clear();
            }
            shown.insert(id, order_id.to_string());
            Ok(id)
        }

        fn order_of(&self, id: u32) -> Option<String> {
            self.shown
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&id)
                .cloned()
        }
    }

    /// Connects to the notification server and listens for presses; call once at start.
    pub fn install<R: Runtime>(app: &AppHandle<R>) {
        if crate::plugin_buttons::enabled() {
            tracing::info!("notification buttons go through the notification plugin");
            return;
        }
        let Some(buttons) = Buttons::connect() else {
            tracing::info!("the notification server draws no buttons: notices show plain");
            return;
        };
        let conn = buttons.conn.clone();
        app.manage(buttons);
        let app = app.clone();
        let spawned = std::thread::Builder::new()
            .name("mostrador-buttons".into())
            .spawn(move || listen(app, conn));
        if let Err(err) = spawned {
            tracing::warn!(%err, "notification buttons will not answer");
        }
    }

    fn listen<R: Runtime>(app: AppHandle<R>, conn: Connection) {
        let signals = Proxy::new(&conn, DEST, PATH, DEST)
            .and_then(|proxy| proxy.receive_signal("ActionInvoked"));
        let signals = match signals {
            Ok(signals) => signals,
            Err(err) => return tracing::warn!(%err, "cannot hear notification buttons"),
        };
        for message in signals {
            let Ok((id, key)) = message.body().deserialize::<(u32, String)>() else {
                continue;
            };
            let Some(order_id) = app.state::<Buttons>().order_of(id) else {
                continue; // another app's notification
            };
            tracing::info!(id, %key, order = %order_id, "notification button pressed");
            let app = app.clone();
            tauri::async_runtime::spawn(async move { pressed(&app, id, &order_id, &key).await });
        }
    }

    async fn pressed<R: Runtime>(app: &AppHandle<R>, id: u32, order_id: &str, key: &str) {
        let key = if key == DEFAULT { quick::OPEN } else { key };
        if let Some(result) = crate::notifier::act_on_press(app, order_id, key).await {
            replace(app, id, &result);
        }
    }

    fn replace<R: Runtime>(app: &AppHandle<R>, id: u32, result: &QuickResult) {
        let buttons = app.state::<Buttons>();
        if let Err(err) = buttons.show(
            id,
            &result.order_id,
            &result.title,
            &result.body,
            &result.actions,
            false,
        ) {
            tracing::warn!(%err, "could not replace the notification with its result");
        }
    }

    /// Shows `notice` with its buttons when the server draws them; `false` when the plain path
    /// should show it (no buttons server, a summary, or the call failed).
    pub fn show_notice<R: Runtime>(
        app: &AppHandle<R>,
        notice: &Notice,
        language: mostrador_core::view::Language,
        sound: bool,
    ) -> bool {
        let (Some(buttons), Some(order_id)) = (app.try_state::<Buttons>(), &notice.order_id) else {
            return false;
        };
        let all = quick::buttons(notice, language);
        match buttons.show(0, order_id, &notice.title, &notice.body, &all, sound) {
            Ok(id) => {
                tracing::info!(id, order = %order_id, buttons = all.len(), "notification with buttons");
                true
            }
            Err(err) => {
                tracing::warn!(%err, "notification with buttons failed; showing it plain");
                false
            }
        }
    }
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
pub use imp::{escape_markup, install, show_notice};

/// No D-Bus here: nothing to install.
#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
)))]
pub fn install<R: tauri::Runtime>(_app: &tauri::AppHandle<R>) {}

/// No D-Bus here: the plain path shows every notice.
#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
)))]
pub fn show_notice<R: tauri::Runtime>(
    _app: &tauri::AppHandle<R>,
    _notice: &mostrador_core::attention::Notice,
    _language: mostrador_core::view::Language,
    _sound: bool,
) -> bool {
    false
}
