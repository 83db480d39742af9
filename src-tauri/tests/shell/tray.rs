//! The tray's words for the pending count, as the shell draws them (the core's words, in the
//! owner's language).

use mostrador_core::Language;
use mostrador_core::attention::tray_tooltip;

#[test]
fn the_tooltip_counts_pending_orders_in_both_languages() {
    for (language, zero, one, twelve) in [
        (
            Language::Es,
            "Mostrador — sin pedidos pendientes",
            "Mostrador — 1 pedido pendiente",
            "Mostrador — 12 pedidos pendientes",
        ),
        (
            Language::En,
            "Mostrador — no pending orders",
            "Mostrador — 1 pending order",
            "Mostrador — 12 pending orders",
        ),
    ] {
        assert_eq!(
            tray_tooltip(language, 0, false, None),
            zero,
            "zero reads as none"
        );
        assert_eq!(
            tray_tooltip(language, 1, false, None),
            one,
            "one is singular"
        );
        assert_eq!(
            tray_tooltip(language, 12, false, None),
            twelve,
            "more are plural"
        );
    }
}

#[test]
fn a_missing_notification_server_shows_on_the_tooltip() {
    let text = tray_tooltip(
        Language::Es,
        2,
        false,
        Some("Sin servidor de notificaciones"),
    );
    assert!(
        text.ends_with("\nSin servidor de notificaciones"),
        "the owner sees why no notification appears: {text}"
    );
}
