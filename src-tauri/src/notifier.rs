//! The core's [`Notifier`] on the platform: notifications through tauri-plugin-notification
//! (on Linux, `org.freedesktop.Notifications` over the session D-Bus), a sound for new orders,
//! ringing again until acknowledged, and "Pausar alarmas" from the tray.
//!
//! Sound: the notification asks the platform for its own sound (on Linux the XDG sound-theme
//! name `message-new-instant` in the `sound-name` hint, which GNOME Shell and KDE play; a
//! server without sound support, such as dunst, shows it silently). No audio library is
//! linked. "Ring until acknowledged" re-shows the order's last notice with the sound each time
//! the core's scheduler calls [`Notifier::ring`].
//!
//! Tapping a notification: on Linux the plugin reports the click (`tap`) when the server
//! supports actions (GNOME, KDE, dunst with a click action); on macOS and Windows the plugin
//! reports it through the same `on_action`; the order id rides in the notification's `extra`.
//! The shell then brings the window up and tells the core (`Desk::notice_opened`), which
//! emits `notice://opened`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use mostrador_core::attention::{Notice, Notifier};
use mostrador_core::desk::Desk;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;

/// The platform sound asked for with a notice that wants one.
#[cfg(target_os = "macos")]
pub const SOUND: &str = "Glass";
/// The platform sound asked for with a notice that wants one.
#[cfg(not(target_os = "macos"))]
pub const SOUND: &str = "message-new-instant";

/// The key in a notification's `extra` that carries the order id.
pub(crate) const ORDER_KEY: &str = "orderId";

/// Whether alarms (sound and ringing) are paused from the tray; notices still show.
#[derive(Debug, Default)]
pub struct Alarms {
    paused: AtomicBool,
}

impl Alarms {
    /// Paused from the tray?
    pub fn paused(&self) -> bool {
        self.paused.load(Ordering::Relaxed)
    }
}

/// Pauses or resumes alarms.
pub fn pause_alarms<R: Runtime>(app: &AppHandle<R>, paused: bool) {
    if let Some(alarms) = app.try_state::<std::sync::Arc<Alarms>>() {
        alarms.paused.store(paused, Ordering::Relaxed);
        tracing::info!(paused, "alarms paused from the tray");
    }
}

/// What the notification server can do, once asked (`None` until then: bodies are escaped, the
/// safe guess, since nearly every server parses markup). Managed as app state, so the
/// notifier and the plugin's buttons ([`crate::plugin_buttons`]) read the one answer.
#[derive(Debug, Default)]
pub struct ServerCapabilities(Mutex<Option<Vec<String>>>);

impl ServerCapabilities {
    /// Asks the notification server what it can do, so bodies are escaped only for servers
    /// that parse markup (issue 11, item 7). Blocking D-Bus call: run it off the main thread.
    pub fn learn(&self) {
        match crate::bus::notification_capabilities() {
            Ok(caps) => {
                tracing::info!(?caps, "notification server capabilities");
                *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(caps);
            }
            Err(err) => {
                tracing::warn!(%err, "could not ask the notification server's capabilities")
            }
        }
    }

    /// `body` as this server should receive it: customer text escaped where it would be
    /// read as markup.
    pub fn body_for_server(&self, body: &str) -> String {
        let caps = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match caps.as_deref() {
            Some(caps) => mostrador_core::markup::body_for_server(body, caps),
            None => mostrador_core::markup::escape_body(body),
        }
    }
}

/// The shell's [`Notifier`].
pub struct ShellNotifier<R: Runtime> {
    app: AppHandle<R>,
    alarms: std::sync::Arc<Alarms>,
    /// The last title and body per order, to ring again with the same words.
    last: Mutex<HashMap<String, (String, String)>>,
    capabilities: std::sync::Arc<ServerCapabilities>,
}

impl<R: Runtime> ShellNotifier<R> {
    /// A notifier showing through `app`'s notification plugin, escaping bodies as
    /// `capabilities` says.
    pub fn new(
        app: AppHandle<R>,
        alarms: std::sync::Arc<Alarms>,
        capabilities: std::sync::Arc<ServerCapabilities>,
    ) -> ShellNotifier<R> {
        ShellNotifier {
            app,
            alarms,
            last: Mutex::new(HashMap::new()),
            capabilities,
        }
    }

    fn body_for_server(&self, body: &str) -> String {
        self.capabilities.body_for_server(body)
    }

    fn show(&self, order_id: Option<&str>, title: &str, body: &str, sound: bool) {
        let body = self.body_for_server(body);
        let mut builder = self.app.notification().builder().title(title).body(body);
        if let Some(order_id) = order_id {
            builder = builder.extra(ORDER_KEY, order_id);
        }
        if sound && !self.alarms.paused() {
            builder = builder.sound(SOUND);
        }
        if let Err(err) = builder.show() {
            tracing::warn!(%err, "could not show a notification");
        }
    }

    fn remember(&self, order_id: &str, title: &str, body: &str) {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        // Bounded: ringing only concerns a handful of pending orders.
        if last.len() > 1000 {
            last.clear();
        }
        last.insert(order_id.to_string(), (title.to_string(), body.to_string()));
    }
}

impl<R: Runtime> Notifier for ShellNotifier<R> {
    fn notify(&self, notice: &Notice) {
        tracing::info!(kind = ?notice.kind, order = ?notice.order_id, "notification");
        if let Some(order_id) = &notice.order_id {
            self.remember(order_id, &notice.title, &notice.body);
        }
        if self.show_with_buttons(notice) {
            return;
        }
        self.show(
            notice.order_id.as_deref(),
            &notice.title,
            &notice.body,
            notice.sound,
        );
    }

    fn ring(&self, order_id: &str) {
        if self.alarms.paused() {
            return;
        }
        let words = self
            .last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(order_id)
            .cloned();
        let (title, body) = words.unwrap_or_else(|| {
            (
                "Pedido esperando".to_string(),
                "Hay un pedido nuevo sin atender.".to_string(),
            )
        });
        self.show(Some(order_id), &title, &body, true);
    }

    fn play_alarm(&self, alarm: &mostrador_core::attention::AlarmSpec) {
        crate::alarm::play(&self.app, *alarm);
    }

    fn silence(&self) {
        crate::alarm::silence(&self.app);
    }
}

impl<R: Runtime> ShellNotifier<R> {
    /// A notice with quick actions, drawn with its buttons where the server can
    /// ([`crate::buttons`]); `false` when the plain path must show it.
    fn show_with_buttons(&self, notice: &Notice) -> bool {
        let language = self
            .app
            .try_state::<Desk>()
            .map(|desk| desk.language())
            .unwrap_or_default();
        let sound = notice.sound && !self.alarms.paused();
        crate::buttons::show_notice(&self.app, notice, language, sound)
            || crate::plugin_buttons::show_notice(
                &self.app,
                notice,
                &self.body_for_server(&notice.body),
                language,
                sound,
            )
    }
}

/// What a press of a notification's button does, whoever drew it (D-Bus, [`crate::buttons`];
/// the plugin, [`crate::plugin_buttons`]): the desk acts on it ([`Desk::quick_action`]).
/// "Abrir" brings the window up on the order, and so does a press that failed (the owner sees
/// why there); otherwise the result comes back, for the caller to show its own way.
pub(crate) async fn act_on_press<R: Runtime>(
    app: &AppHandle<R>,
    order_id: &str,
    action_id: &str,
) -> Option<mostrador_core::attention::quick::QuickResult> {
    use mostrador_core::desk::QuickOutcome;
    let desk = app.state::<Desk>();
    match desk.quick_action(order_id, action_id).await {
        Ok(QuickOutcome::Open(order)) => {
            crate::window::reveal(app);
            tracing::info!(%order, "opened from a notification");
            None
        }
        Ok(QuickOutcome::Done(result) | QuickOutcome::Stale(result)) => Some(result),
        Err(err) => {
            tracing::warn!(%err, "a notification button failed: opening the order");
            crate::window::reveal(app);
            desk.notice_opened(order_id).await;
            None
        }
    }
}

/// Brings the window up on the order of a tapped notification (desktop: a click on it), and
/// hands a pressed button of a notification the plugin drew to [`crate::plugin_buttons`].
pub fn on_tap<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    let registered = app.notification().on_action(move |performed| {
        let action = performed.action_id();
        let order_id = performed
            .notification()
            .and_then(|n| n.extra().get(ORDER_KEY))
            .and_then(|v| v.as_str())
            .map(str::to_string);
        if action != "tap" {
            // A button drawn by the plugin (Windows, macOS, the phones; crate::plugin_buttons).
            if let Some(order_id) = order_id
                && mostrador_core::attention::quick::ALL.contains(&action)
            {
                let app = handle.clone();
                let action = action.to_string();
                tauri::async_runtime::spawn(async move {
                    crate::plugin_buttons::pressed(&app, &order_id, &action).await;
                });
            }
            return;
        }
        let Some(order_id) = order_id else {
            tracing::info!("notification tapped (a summary): showing the window");
            crate::window::reveal(&handle);
            return;
        };
        tracing::info!(order = %order_id, "notification tapped: opening its order");
        let app = handle.clone();
        tauri::async_runtime::spawn(async move {
            crate::window::reveal(&app);
            app.state::<Desk>().notice_opened(&order_id).await;
        });
    });
    if let Err(err) = registered {
        tracing::warn!(%err, "notification clicks will not open orders");
    }
}

/// Asks for permission to notify where the platform wants it (mobile, macOS); on Linux and
/// Windows it is always granted.
pub fn ask_permission<R: Runtime>(app: &AppHandle<R>) {
    use tauri_plugin_notification::PermissionState;
    let notification = app.notification();
    if !matches!(
        notification.permission_state(),
        Ok(PermissionState::Granted)
    ) && let Err(err) = notification.request_permission()
    {
        tracing::warn!(%err, "could not ask for permission to notify");
    }
}
