//! The update commands through the IPC (issue 20): with no feed the owner is told; a feed
//! offering nothing newer answers null; a newer version becomes the bilingual offer; an
//! install waits while an action is queued; and with the checked-in placeholder public key
//! every package is refused before anything is installed.

use std::io::{Read, Write};
use std::net::TcpListener;

use reference_backend::{Config, TestServer};
use serde_json::{Value, json};

use crate::support::shell;

/// A tiny HTTP server on 127.0.0.1: `/feed.json` answers the feed `make` builds from the
/// server's base URL, anything else a few bytes that are not a package. Returns the feed's
/// URL; serves until the test process ends.
fn feed_server(make: impl FnOnce(&str) -> Value) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("its address"));
    let feed = make(&base);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..n]);
            let body = if head.starts_with("GET /feed.json") {
                feed.to_string().into_bytes()
            } else {
                b"not a package".to_vec()
            };
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    format!("{base}/feed.json")
}

fn feed_offering(version: &str, base: &str) -> Value {
    // A well-formed minisign signature text, of a key other than the app's.
    let signature = "dW50cnVzdGVkIGNvbW1lbnQ6IHNpZ25hdHVyZSBmcm9tIHRhdXJpIHNlY3JldCBrZXkKUlVTRlRoaXNJc05vdEFTaWduYXR1cmVPZkFueUtleT09CnRydXN0ZWQgY29tbWVudDogdGltZXN0YW1wOjAJZmlsZTpwa2cKYWJjZA==";
    json!({
        "version": version,
        "notes": "Prueba",
        "platforms": {
            "linux-x86_64": { "url": format!("{base}/pkg"), "signature": signature },
            "linux-x86_64-deb": { "url": format!("{base}/pkg"), "signature": signature },
        }
    })
}

fn save_feed(shell: &crate::support::Shell, url: &str) {
    tauri::async_runtime::block_on(shell.desk.set_update_feed(Some(url)))
        .expect("a loopback feed is accepted");
}

#[test]
fn without_a_feed_the_owner_is_told_none_is_configured() {
    let shell = shell();
    let err = shell
        .invoke("check_update", json!({}))
        .expect_err("no feed: nothing to check");
    assert_eq!(err["code"], "not_connected", "{err}");
    let message = err["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("No hay una dirección de actualizaciones")
            && message.contains("Sigues con la versión 0.1.0"),
        "in Spanish, saying the installed version keeps running: {message}"
    );
}

#[test]
fn a_feed_with_nothing_newer_answers_null() {
    let shell = shell();
    let feed = feed_server(|base| feed_offering("0.0.9", base));
    save_feed(&shell, &feed);
    let answer = shell
        .invoke("check_update", json!({}))
        .expect("the feed answers");
    assert_eq!(answer, Value::Null, "0.0.9 is not newer than 0.1.0");
}

#[test]
fn a_newer_version_is_offered_and_the_placeholder_key_refuses_its_package() {
    let shell = shell();
    let feed = feed_server(|base| feed_offering("9.9.9", base));
    save_feed(&shell, &feed);
    let offer = shell
        .invoke("check_update", json!({}))
        .expect("the feed answers");
    assert_eq!(offer["title"], "Hay una versión nueva", "{offer}");
    assert_eq!(offer["version"], "9.9.9");
    assert_eq!(offer["current_version"], "0.1.0");
    assert_eq!(offer["safety"]["safe"], true, "nothing is queued");
    assert!(
        offer["message"]
            .as_str()
            .is_some_and(|m| m.contains("9.9.9") && m.contains("0.1.0")),
        "{offer}"
    );

    let err = shell
        .invoke("install_update", json!({}))
        .expect_err("the checked-in public key is a placeholder: nothing verifies");
    assert_eq!(err["code"], "invalid_input", "{err} (feed at {feed})");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("no se instaló")),
        "{err}"
    );
}

#[test]
fn an_install_waits_while_an_action_is_queued() {
    let mut server = TestServer::spawn(Config {
        seed: 40,
        ..Config::default()
    });
    let shell = shell();
    shell
        .invoke(
            "connect",
            json!({ "url": server.base_url(), "token": server.token() }),
        )
        .expect("connects");
    shell.invoke("sync_now", json!({})).expect("syncs");
    let page = shell
        .invoke("list_orders", json!({ "query": {} }))
        .expect("lists");
    let details: Vec<Value> = page["orders"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|o| o["id"].as_str())
        .map(|id| {
            shell
                .invoke("get_order", json!({ "id": id }))
                .expect("detail")
        })
        .collect();
    server.stop();
    // Any owner action queued while the backend is away: a move if one is possible, else a
    // cancellation with no refund.
    let queued = details.iter().any(|d| {
        let to = &d["next_statuses"][0];
        !to.is_null()
            && shell
                .invoke("advance_order", json!({ "id": d["order"]["id"], "to": to }))
                .is_ok()
    }) || details.iter().any(|d| {
        d["cancel"]["allowed"] == true
            && shell
                .invoke(
                    "cancel_order",
                    json!({ "id": d["order"]["id"], "reason": "Prueba", "refund": "0" }),
                )
                .is_ok()
    });
    assert!(queued, "one of 40 orders takes an action");

    let err = shell
        .invoke("install_update", json!({}))
        .expect_err("an action waits in the outbox: not now");
    assert_eq!(err["code"], "not_allowed", "{err}");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("acciones en cola")),
        "{err}"
    );
}
