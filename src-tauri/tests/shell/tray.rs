//! The tray's words for the pending count.

use mostrador_lib::tray::tooltip;

#[test]
fn the_tooltip_counts_pending_orders_in_spanish() {
    assert_eq!(
        tooltip(0, None),
        "Mostrador — sin pedidos pendientes",
        "zero reads as none"
    );
    assert_eq!(
        tooltip(1, None),
        "Mostrador — 1 pedido pendiente",
        "one is singular"
    );
    assert_eq!(
        tooltip(12, None),
        "Mostrador — 12 pedidos pendientes",
        "more are plural"
    );
}

#[test]
fn a_missing_notification_server_shows_on_the_tooltip() {
    let text = tooltip(2, Some("Sin servidor de notificaciones"));
    assert!(
        text.ends_with("\nSin servidor de notificaciones"),
        "the owner sees why no notification appears: {text}"
    );
}
