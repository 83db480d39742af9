//! Is there a notification server? (Linux and the BSDs.)
//!
//! The notification plugin's `show()` returns `Ok` even when nothing owns
//! `org.freedesktop.Notifications` on the session bus (it sends on a background thread and
//! drops the result), so the shell asks the bus itself at start and tells the owner.

/// The well-known name of the desktop notification server.
pub const NOTIFICATIONS: &str = "org.freedesktop.Notifications";

/// `Ok(true)` when something owns the notification name or D-Bus can start a server for it
/// on demand; `Err` when there is no session bus at all.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
pub fn notification_server_available() -> Result<bool, String> {
    use zbus::blocking::{Connection, fdo::DBusProxy};
    use zbus::names::BusName;

    let connection = Connection::session().map_err(|e| e.to_string())?;
    let bus = DBusProxy::new(&connection).map_err(|e| e.to_string())?;
    let name = BusName::try_from(NOTIFICATIONS).map_err(|e| e.to_string())?;
    if bus.name_has_owner(name).map_err(|e| e.to_string())? {
        return Ok(true);
    }
    let activatable = bus.list_activatable_names().map_err(|e| e.to_string())?;
    Ok(activatable.iter().any(|n| n.as_str() == NOTIFICATIONS))
}

/// What the notification server can do (`GetCapabilities`), e.g. `body-markup`: whether it
/// reads the body as markup, so customer text must be escaped.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
pub fn notification_capabilities() -> Result<Vec<String>, String> {
    use zbus::blocking::Connection;

    let connection = Connection::session().map_err(|e| e.to_string())?;
    let reply = connection
        .call_method(
            Some(NOTIFICATIONS),
            "/org/freedesktop/Notifications",
            Some(NOTIFICATIONS),
            "GetCapabilities",
            &(),
        )
        .map_err(|e| e.to_string())?;
    reply.body().deserialize().map_err(|e| e.to_string())
}

/// Elsewhere notification text is never parsed as markup.
#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
)))]
pub fn notification_capabilities() -> Result<Vec<String>, String> {
    Ok(Vec::new())
}

/// Other platforms always have their notification centre.
#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
)))]
pub fn notification_server_available() -> Result<bool, String> {
    Ok(true)
}

/// Checks once and reports a missing server in the log and on the tray's tooltip.
pub fn check_notifications<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    let problem = match notification_server_available() {
        Ok(true) => return,
        Ok(false) => format!("Sin servidor de notificaciones ({NOTIFICATIONS})"),
        Err(err) => format!("Sin bus de sesión D-Bus: no se pueden mostrar avisos ({err})"),
    };
    tracing::warn!(%problem, "notifications will not be seen");
    crate::tray::show_warning(app, &problem);
}
