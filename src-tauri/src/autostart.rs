//! Starts with the computer (desktop): tauri-plugin-autostart writes the platform's login
//! entry (`~/.config/autostart/Mostrador.desktop` on Linux, a LaunchAgent on macOS, the Run key
//! on Windows) with [`AUTOSTART_ARG`], and an app launched with it (or with [`HIDDEN_ARG`])
//! starts hidden in the tray and syncs. Whether the entry exists follows the owner's setting
//! (`Settings::autostart`, on by default in Modo mostrador).

/// The argument the login entry passes.
pub const AUTOSTART_ARG: &str = "--autostart";
/// Starts hidden in the tray without being an autostart.
pub const HIDDEN_ARG: &str = "--hidden";

/// Whether this launch should stay in the tray (launched at login, or asked to).
pub fn starts_hidden(mut args: impl Iterator<Item = String>) -> bool {
    args.any(|a| a == AUTOSTART_ARG || a == HIDDEN_ARG)
}

/// Writes or removes the login entry; managed as app state (type-erased over the runtime, so
/// the commands stay runtime-agnostic).
pub struct Launch {
    #[allow(clippy::type_complexity)]
    set: Box<dyn Fn(bool) -> Result<bool, String> + Send + Sync>,
}

impl std::fmt::Debug for Launch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Launch").finish_non_exhaustive()
    }
}

impl Launch {
    /// Turns starting with the computer on or off; `Ok(enabled)` as the platform reports it.
    pub fn set(&self, on: bool) -> Result<bool, String> {
        (self.set)(on)
    }
}

/// The plugin, registered on desktop builds.
#[cfg(desktop)]
pub fn plugin<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_autostart::Builder::new()
        .args([AUTOSTART_ARG])
        .app_name("Mostrador")
        .build()
}

/// Manages [`Launch`] over the plugin (desktop) or a no-op (mobile: the OS decides).
pub fn install<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Manager;
    #[cfg(desktop)]
    let set = {
        let app = app.clone();
        move |on: bool| {
            use tauri_plugin_autostart::ManagerExt;
            let Some(manager) = app.try_state::<tauri_plugin_autostart::AutoLaunchManager>() else {
                return Err("autostart plugin not registered".to_string());
            };
            let _ = &manager;
            let launcher = app.autolaunch();
            let now = launcher.is_enabled().map_err(|e| e.to_string())?;
            if on && !now {
                launcher.enable().map_err(|e| e.to_string())?;
            } else if !on && now {
                launcher.disable().map_err(|e| e.to_string())?;
            }
            launcher.is_enabled().map_err(|e| e.to_string())
        }
    };
    #[cfg(not(desktop))]
    let set = |_on: bool| Ok(false);
    app.manage(Launch { set: Box::new(set) });
}

/// Makes the login entry follow `on`, logging the outcome.
pub fn follow(launch: &Launch, on: bool) {
    match launch.set(on) {
        Ok(enabled) => tracing::info!(enabled, "start with the computer"),
        Err(err) => tracing::warn!(%err, "could not change starting with the computer"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_login_entry_or_hidden_starts_in_the_tray() {
        let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(starts_hidden(
            args(&["mostrador", "--autostart"]).into_iter()
        ));
        assert!(starts_hidden(args(&["mostrador", "--hidden"]).into_iter()));
        assert!(!starts_hidden(args(&["mostrador"]).into_iter()));
        assert!(!starts_hidden(
            args(&["mostrador", "--autostartx"]).into_iter()
        ));
    }
}
