/// Every command the UI may invoke, in the order of the IPC table in docs/architecture.md.
/// `build.rs` generates an `allow-<command>` permission for each; `generate_handler!` in
/// `lib.rs` registers the same set, and a test checks the capability grants exactly these.
pub const COMMANDS: &[&str] = &[
    "list_orders",
    "get_order",
    "counts",
    "facets",
    "kpis",
    "advance_order",
    "cancel_order",
    "retry_document",
    "pay_order",
    "add_note",
    "device_name",
    "print_order",
    "print_test",
    "reload_order",
    "sync_now",
    "sync_status",
    "outbox",
    "dismiss_action",
    "undo_action",
    "connect",
    "connect_platform",
    "disconnect",
    "get_settings",
    "set_settings",
    "acknowledge_order",
    // Updates (issue 20).
    "check_update",
    "install_update",
    "open_link",
];
