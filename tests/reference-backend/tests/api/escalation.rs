//! Escalation beyond the device: with `--smtp` and `--owner-email`, the second reminder of an
//! unattended order sends the owner one e-mail — tested against an SMTP sink on 127.0.0.1.

use std::time::Duration;

use reference_backend::Config;
use serde_json::{Value, json};

use crate::receivers::SmtpSink;
use crate::support::{Api, id, key};

fn with_smtp(addr: String) -> Config {
    Config {
        smtp: Some(addr),
        owner_email: Some("ana@laespiga.mx".into()),
        ..Config::default()
    }
}

async fn emails(api: &Api) -> Value {
    let r = api
        .admin(reqwest::Method::GET, "/v1/admin/pushes", json!({}))
        .await;
    r.json()["emails"].clone()
}

#[tokio::test]
async fn the_second_reminder_of_an_unattended_order_mails_the_owner_once() {
    let sink = SmtpSink::start().await;
    let api = Api::with(with_smtp(sink.addr()));
    let order = api
        .create_order(json!({"fulfillment": "pickup", "total": 45000,
        "customer": {"name": "Ana Pérez"}}))
        .await;
    let n = order["number"].as_str().expect("number").to_string();
    api.advance_clock(300).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(
        sink.mails().is_empty(),
        "the first reminder stays on the devices"
    );
    api.advance_clock(300).await;
    let mails = sink.wait_for(1).await;
    assert_eq!(mails.len(), 1, "the second reminder sends one e-mail");
    let mail = &mails[0];
    assert_eq!(mail.to, "ana@laespiga.mx", "to the owner");
    assert!(
        mail.data.contains(&format!(
            "Subject: Pedido #{n} sin atender / Order #{n} is waiting\r\n"
        )),
        "the subject names the order in both languages: {}",
        mail.data
    );
    assert!(
        mail.data.contains(&format!(
            "El pedido #{n} de Ana Pérez ($450.00) lleva 10 min sin atender"
        )),
        "Spanish first: {}",
        mail.data
    );
    assert!(
        mail.data.contains(&format!(
            "Order #{n} from Ana Pérez ($450.00) has been waiting for 10 min"
        )),
        "then English: {}",
        mail.data
    );
    assert!(
        mail.data
            .contains("Content-Type: text/plain; charset=utf-8"),
        "UTF-8 text"
    );

    api.advance_clock(300).await;
    api.advance_clock(300).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(sink.mails().len(), 1, "once per order, whatever follows");
    let log = emails(&api).await;
    assert_eq!(log[0]["order_id"], order["id"], "{log}");
    assert_eq!(log[0]["status"], "sent", "the sink accepted it: {log}");
}

#[tokio::test]
async fn an_order_moved_before_its_second_reminder_mails_nobody() {
    let sink = SmtpSink::start().await;
    let api = Api::with(with_smtp(sink.addr()));
    let order = api
        .create_order(json!({"fulfillment": "pickup", "total": 45000}))
        .await;
    api.advance_clock(400).await;
    let r = api
        .transition(&id(&order), &key(), json!({"to": "preparing"}))
        .await;
    assert_eq!(
        r.status,
        200,
        "moving it: {}",
        String::from_utf8_lossy(&r.body)
    );
    api.advance_clock(400).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(
        sink.mails().is_empty(),
        "an attended order is nobody's emergency"
    );
}

#[tokio::test]
async fn without_an_owner_email_nothing_is_sent_and_an_unreachable_server_is_recorded() {
    let sink = SmtpSink::start().await;
    let api = Api::with(Config {
        owner_email: None,
        ..with_smtp(sink.addr())
    });
    api.create_order(json!({"fulfillment": "pickup", "total": 45000}))
        .await;
    api.advance_clock(700).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        sink.mails().is_empty(),
        "no owner e-mail configured, no e-mail"
    );

    // A port nothing listens on: the failure is recorded, not retried into a flood.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = closed.local_addr().expect("addr").to_string();
    drop(closed);
    let api = Api::with(with_smtp(addr));
    api.create_order(json!({"fulfillment": "pickup", "total": 45000}))
        .await;
    api.advance_clock(700).await;
    let mut log = emails(&api).await;
    for _ in 0..100 {
        if log[0]["status"].as_str().is_some_and(|s| s != "pending") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
        log = emails(&api).await;
    }
    assert!(
        log[0]["status"]
            .as_str()
            .is_some_and(|s| s.starts_with("failed")),
        "an unreachable SMTP server is reported: {log}"
    );
}
