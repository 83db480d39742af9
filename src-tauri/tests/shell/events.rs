//! Core events reach the webview as the Tauri events of the IPC table.

use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};
use tauri::Listener;

use crate::support::shell;

/// Long enough for a loaded machine; the test fails (not hangs) when nothing arrives.
const PATIENCE: Duration = Duration::from_secs(20);

fn listen(shell: &crate::support::Shell, event: &str) -> mpsc::Receiver<Value> {
    let (tx, rx) = mpsc::channel();
    shell.app.listen_any(event.to_string(), move |event| {
        let payload = serde_json::from_str(event.payload()).unwrap_or(Value::Null);
        let _ = tx.send(payload);
    });
    rx
}

#[test]
fn a_tapped_notice_reaches_the_webview_as_notice_opened() {
    let shell = shell();
    let opened = listen(&shell, "notice://opened");
    tauri::async_runtime::block_on(shell.desk.notice_opened("order-42"));
    let payload = opened
        .recv_timeout(PATIENCE)
        .expect("the forwarder emits notice://opened for a tapped notice");
    assert_eq!(
        payload,
        json!({ "order_id": "order-42" }),
        "the UI opens that order"
    );
}

#[test]
fn a_sync_reaches_the_webview_as_orders_changed_and_sync_status() {
    let server = reference_backend::TestServer::spawn(reference_backend::Config {
        seed: 4,
        ..Default::default()
    });
    let shell = shell();
    let changed = listen(&shell, "orders://changed");
    let status = listen(&shell, "sync://status");
    shell
        .invoke(
            "connect",
            json!({ "url": server.base_url(), "token": server.token() }),
        )
        .expect("connect succeeds");
    shell.invoke("sync_now", json!({})).expect("sync succeeds");

    let first = changed
        .recv_timeout(PATIENCE)
        .expect("new orders from a sync are announced as orders://changed");
    let announces_orders =
        first["all"] == true || first["ids"].as_array().is_some_and(|ids| !ids.is_empty());
    assert!(
        announces_orders,
        "the payload says which orders changed: {first}"
    );
    let sync = status
        .recv_timeout(PATIENCE)
        .expect("a sync publishes its status as sync://status");
    assert!(
        sync["state"].is_object(),
        "the payload is a SyncStatus: {sync}"
    );
}
