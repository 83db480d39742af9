//! The tray icon (desktop): the pending count in its tooltip and label, and the menu
//! Abrir / Sincronizar ahora / Pausar alarmas / Salir.

use std::sync::Mutex;

use mostrador_core::attention::{tray_label, tray_menu, tray_tooltip};
use mostrador_core::view::Language;
use tauri::{AppHandle, Manager, Runtime};

/// The tray icon's id.
pub const TRAY: &str = "main";

/// What the tray says besides the app's name.
#[derive(Debug, Default)]
pub struct TrayText {
    state: Mutex<(i64, Option<String>)>,
}

impl TrayText {
    fn update(&self, change: impl FnOnce(&mut (i64, Option<String>))) -> (i64, Option<String>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        change(&mut state);
        state.clone()
    }
}

fn language<R: Runtime>(app: &AppHandle<R>) -> Language {
    app.try_state::<mostrador_core::desk::Desk>()
        .map(|d| d.language())
        .unwrap_or_default()
}

fn paused<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.try_state::<std::sync::Arc<crate::notifier::Alarms>>()
        .is_some_and(|a| a.paused())
}

/// Redraws the tray from its state: tooltip, label and menu in the owner's language, and
/// whether alarms are paused. Cheap; called whenever any of them may have changed.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    let Some(text) = app.try_state::<TrayText>() else {
        return;
    };
    let (pending, warning) = text.update(|_| {});
    let language = language(app);
    let paused = paused(app);
    let tip = tray_tooltip(language, pending, paused, warning.as_deref());
    #[cfg(desktop)]
    {
        if let Some(tray) = app.tray_by_id(TRAY) {
            let _ = tray.set_tooltip(Some(tip));
            let _ = tray.set_title(tray_label(pending, paused));
        }
        if let Some(items) = app.try_state::<MenuItems<R>>() {
            let words = tray_menu(language);
            let _ = items.open.set_text(words.open);
            let _ = items.sync.set_text(words.sync);
            let _ = items.pause.set_text(words.pause);
            let _ = items.pause.set_checked(paused);
            let _ = items.quit.set_text(words.quit);
        }
    }
    #[cfg(not(desktop))]
    let _ = tip;
}

/// The menu's items, kept to relabel them.
#[cfg(desktop)]
struct MenuItems<R: Runtime> {
    open: tauri::menu::MenuItem<R>,
    sync: tauri::menu::MenuItem<R>,
    pause: tauri::menu::CheckMenuItem<R>,
    quit: tauri::menu::MenuItem<R>,
}

/// Shows `pending` on the tray (tooltip everywhere; a label next to the icon where the
/// desktop supports one).
pub fn show_pending<R: Runtime>(app: &AppHandle<R>, pending: i64) {
    let Some(text) = app.try_state::<TrayText>() else {
        return;
    };
    text.update(|state| state.0 = pending);
    refresh(app);
}

/// Adds a warning line (e.g. no notification server) to the tooltip.
pub fn show_warning<R: Runtime>(app: &AppHandle<R>, warning: &str) {
    let Some(text) = app.try_state::<TrayText>() else {
        return;
    };
    text.update(|state| state.1 = Some(warning.to_string()));
    refresh(app);
}

/// Creates the tray icon and its menu.
#[cfg(desktop)]
pub fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem};
    use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};

    app.manage(TrayText::default());
    let language = language(app);
    let words = tray_menu(language);
    let open = MenuItem::with_id(app, "open", words.open, true, None::<&str>)?;
    let sync = MenuItem::with_id(app, "sync", words.sync, true, None::<&str>)?;
    let pause = CheckMenuItem::with_id(app, "pause", words.pause, true, false, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", words.quit, true, None::<&str>)?;
    let separator = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&open, &sync, &pause, &separator, &quit])?;
    app.manage(MenuItems {
        open,
        sync,
        pause: pause.clone(),
        quit,
    });

    let mut builder = TrayIconBuilder::with_id(TRAY)
        .tooltip(tray_tooltip(language, 0, false, None))
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(move |app, event| match event.id().as_ref() {
            "open" => crate::window::reveal(app),
            "sync" => sync_now(app),
            "pause" => {
                let paused = pause.is_checked().unwrap_or(false);
                crate::notifier::pause_alarms(app, paused);
                if paused {
                    crate::alarm::silence(app);
                }
                refresh(app);
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
