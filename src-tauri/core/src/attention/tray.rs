//! The tray's words, in the owner's language: the menu, and the tooltip with the pending count
//! and whether alarms are paused. Pure; the shell draws them.

use crate::text::Language;

/// The tray menu's items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrayMenu {
    /// "Abrir Mostrador".
    pub open: &'static str,
    /// "Sincronizar ahora".
    pub sync: &'static str,
    /// "Pausar alarmas".
    pub pause: &'static str,
    /// "Salir".
    pub quit: &'static str,
}

/// The menu in `language`.
pub fn tray_menu(language: Language) -> TrayMenu {
    TrayMenu {
        open: language.pick("Abrir Mostrador", "Open Mostrador"),
        sync: language.pick("Sincronizar ahora", "Sync now"),
        pause: language.pick("Pausar alarmas", "Pause alarms"),
        quit: language.pick("Salir", "Quit"),
    }
}

/// "Mostrador — 3 pedidos pendientes", then "Alarmas en pausa" when paused, then a warning
/// line (no notification server) when there is one.
pub fn tray_tooltip(
    language: Language,
    pending: i64,
    paused: bool,
    warning: Option<&str>,
) -> String {
    let count = match pending {
        0 => language.pick("sin pedidos pendientes".into(), "no pending orders".into()),
        1 => language.pick("1 pedido pendiente".into(), "1 pending order".into()),
        n => language.pick(
            format!("{n} pedidos pendientes"),
            format!("{n} pending orders"),
        ),
    };
    let mut out = format!("Mostrador — {count}");
    if paused {
        out.push('\n');
        out.push_str(language.pick("Alarmas en pausa", "Alarms paused"));
    }
    if let Some(w) = warning {
        out.push('\n');
        out.push_str(w);
    }
    out
}

/// The short label beside the icon: the pending count, with a pause mark when paused.
pub fn tray_label(pending: i64, paused: bool) -> Option<String> {
    match (pending > 0, paused) {
        (true, true) => Some(format!("{pending} ⏸")),
        (true, false) => Some(pending.to_string()),
        (false, true) => Some("⏸".to_string()),
        (false, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tooltip_counts_in_both_languages_and_says_when_alarms_are_paused() {
        let cases = [
            (Language::Es, 0, false, "Mostrador — sin pedidos pendientes"),
            (Language::Es, 1, false, "Mostrador — 1 pedido pendiente"),
            (
                Language::Es,
                3,
                true,
                "Mostrador — 3 pedidos pendientes\nAlarmas en pausa",
            ),
            (Language::En, 0, false, "Mostrador — no pending orders"),
            (
                Language::En,
                1,
                true,
                "Mostrador — 1 pending order\nAlarms paused",
            ),
            (Language::En, 12, false, "Mostrador — 12 pending orders"),
        ];
        for (language, pending, paused, want) in cases {
            assert_eq!(tray_tooltip(language, pending, paused, None), want);
        }
        assert_eq!(
            tray_tooltip(Language::Es, 2, false, Some("Sin servidor")),
            "Mostrador — 2 pedidos pendientes\nSin servidor"
        );
    }

    #[test]
    fn the_menu_and_label_follow_the_language_and_the_pause() {
        assert_eq!(tray_menu(Language::Es).pause, "Pausar alarmas");
        assert_eq!(tray_menu(Language::En).quit, "Quit");
        assert_eq!(tray_label(0, false), None);
        assert_eq!(tray_label(4, false).as_deref(), Some("4"));
        assert_eq!(tray_label(4, true).as_deref(), Some("4 ⏸"));
        assert_eq!(tray_label(0, true).as_deref(), Some("⏸"));
    }
}
