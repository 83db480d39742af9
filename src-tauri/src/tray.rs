//! The tray icon (desktop): the pending count in its tooltip and label, and the menu
//! Abrir / Sincronizar ahora / Pausar alarmas / Salir.

use std::sync::Mutex;

use tauri::{AppHandle, Manager, Runtime};

/// The tray icon's id.
pub const TRAY: &str = "main";

/// What the tray says besides the app's name.
#[derive(Debug, Default)]
pub struct TrayText {
    state: Mutex<(i64, Option<String>)>,
}

impl TrayText {
    fn update(&self, change: impl FnOnce(&mut (i64, Option<String>))) -> String {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        change(&mut state);
        tooltip(state.0, state.1.as_deref())
    }
}

/// "Mostrador — 3 pedidos pendientes", plus a warning line when something is wrong with
/// notifications.
pub fn tooltip(pending: i64, warning: Option<&str>) -> String {
    let count = match pending {
        0 => "sin pedidos pendientes".to_string(),
        1 => "1 pedido pendiente".to_string(),
        n => format!("{n} pedidos pendientes"),
    };
    match warning {
        Some(warning) => format!("Mostrador — {count}\n{warning}"),
        None => format!("Mostrador — {count}"),
    }
}

/// Shows `pending` on the tray (tooltip everywhere; a label next to the icon where the
/// desktop supports one).
pub fn show_pending<R: Runtime>(app: &AppHandle<R>, pending: i64) {
    let Some(text) = app.try_state::<TrayText>() else {
        return;
    };
    let tooltip = text.update(|state| state.0 = pending);
    #[cfg(desktop)]
    if let Some(tray) = app.tray_by_id(TRAY) {
        let label = (pending > 0).then(|| pending.to_string());
        let _ = tray.set_tooltip(Some(tooltip));
        let _ = tray.set_title(label);
    }
    #[cfg(not(desktop))]
    let _ = tooltip;
}

/// Adds a warning line (e.g. no notification server) to the tooltip.
pub fn show_warning<R: Runtime>(app: &AppHandle<R>, warning: &str) {
    let Some(text) = app.try_state::<TrayText>() else {
        return;
    };
    let tooltip = text.update(|state| state.1 = Some(warning.to_string()));
    #[cfg(desktop)]
    if let Some(tray) = app.tray_by_id(TRAY) {
        let _ = tray.set_tooltip(Some(tooltip));
    }
    #[cfg(not(desktop))]
    let _ = tooltip;
}

/// Creates the tray icon and its menu.
#[cfg(desktop)]
pub fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem};
    use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};

    app.manage(TrayText::default());
    let open = MenuItem::with_id(app, "open", "Abrir Mostrador", true, None::<&str>)?;
    let sync = MenuItem::with_id(app, "sync", "Sincronizar ahora", true, None::<&str>)?;
    let pause = CheckMenuItem::with_id(app, "pause", "Pausar alarmas", true, false, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Salir", true, None::<&str>)?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&open, &sync, &pause, &separator, &quit])?;

    let mut builder = TrayIconBuilder::with_id(TRAY)
        .tooltip(tooltip(0, None))
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(move |app, event| match event.id().as_ref() {
            "open" => crate::window::reveal(app),
            "sync" => sync_now(app),
            "pause" => {
                let paused = pause.is_checked().unwrap_or(false);
                crate::notifier::pause_alarms(app, paused);
            }
            "quit" => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                crate::window::reveal(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    Ok(())
}

#[cfg(desktop)]
fn sync_now<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let desk = app.state::<mostrador_core::desk::Desk>();
        if let Err(err) = desk.sync_now().await {
            tracing::warn!(%err, "sync from the tray failed");
        }
    });
}
