//! One bad record never stops the rest: a page mixing good orders with unreadable ones stores
//! the good ones, keeps the bad ones raw in quarantine, tells the owner once and moves the
//! cursor on; a 2xx answer to an action whose order does not decode is applied, not unknown.

use serde_json::{Value, json};

use mostrador_core::desk::DeskEvent;
use mostrador_core::model::OrderStatus;
use mostrador_core::outbox::queue;
use mostrador_core::store::{meta, quarantine, query};
use mostrador_core::view::{ActionState, SyncAlertKind};

use super::wire::{Reply, Wire};
use crate::desk::harness::{Backend, open_desk};

/// Breaks orders 1–4 of every page, each in one of the ways seen from real backends.
fn break_some(body: Vec<u8>) -> Vec<u8> {
    let mut page: Value = serde_json::from_slice(&body).expect("a page");
    if let Some(orders) = page["orders"].as_array_mut() {
        for (i, order) in orders.iter_mut().enumerate() {
            match i {
                1 => order["customer"]["name"] = Value::Null,
                2 => order["number"] = json!(1042),
                3 => {
                    order.as_object_mut().map(|o| o.remove("payment"));
                }
                4 => order["created_at"] = json!("2026-11-20T10:00:00"),
                _ => {}
            }
        }
    }
    page.to_string().into_bytes()
}

#[tokio::test]
async fn a_page_with_unreadable_orders_stores_the_rest_quarantines_them_and_moves_on() {
    let backend = Backend::spawn(6);
    let upstream = backend.server.base_url();
    let wire = Wire::start(move |seen| {
        if seen.method == "GET" && seen.path.starts_with("/v1/orders?") {
            Reply::ForwardWith(upstream.clone(), Box::new(break_some))
        } else {
            Reply::Forward(upstream.clone())
        }
    })
    .await;
    let dir = tempfile::tempdir().expect("dir");
    let (desk, _) = open_desk(dir.path(), None).await;
    desk.connect(&wire.base_url(), backend.server.token(), false)
        .await
        .expect("connects through the wire");
    let mut events = desk.subscribe();
    let status = desk.sync_now().await.expect("the sync runs");
    let all = backend.all_orders().await;
    let last_seq = all.iter().map(|o| o.seq).max().unwrap_or(0);
    let (counts, cursor, kept) = desk
        .store()
        .read(|c| Ok((query::counts(c)?, meta::cursor(c)?, quarantine::all(c)?)))
        .expect("read");
    assert_eq!(
        counts.all, 2,
        "the two good orders of the page are cached despite four bad ones"
    );
    assert_eq!(
        cursor, last_seq,
        "the cursor moves past the bad orders, so what follows them still arrives"
    );
    assert_eq!(kept.len(), 4, "each bad order is kept: {kept:?}");
    assert!(
        kept.iter().any(|q| q.error.contains("null"))
            && kept.iter().any(|q| q.error.contains("integer"))
            && kept.iter().any(|q| q.error.contains("payment")),
        "why each did not decode is kept: {kept:?}"
    );
    for q in &kept {
        let raw: Value = serde_json::from_str(&q.raw).expect("kept as the JSON received");
        assert_eq!(
            Some(raw["id"].as_str().unwrap_or_default().to_string()),
            q.order_id,
            "kept raw with its id"
        );
        assert!(!q.error.is_empty(), "the decode error is kept with it");
    }
    let alert = status
        .alerts
        .iter()
        .find(|a| a.kind == SyncAlertKind::UnreadableOrders)
        .expect("the status tells the owner");
    assert_eq!(alert.count, 4, "four unreadable orders");
    assert!(
        alert.es.contains("no se pudieron leer") && alert.en.contains("could not be read"),
        "in Spanish and English: {alert:?}"
    );
    let mut told = 0;
    while let Ok(event) = events.try_recv() {
        if let DeskEvent::SyncStatus(s) = event
            && s.alerts
                .iter()
                .any(|a| a.kind == SyncAlertKind::UnreadableOrders)
        {
            told += 1;
        }
    }
    assert!(told >= 1, "a status event tells the owner at once");
    let again = desk
        .store()
        .write(|tx| quarantine::take_unannounced(tx))
        .expect("read");
    assert!(
        again.is_empty(),
        "the desk marked them told: they are announced once, not on every pull"
    );

    let fresh = backend.create_order(json!({"fulfillment": "pickup"})).await;
    desk.sync_now().await.expect("the next sync runs");
    let cached = desk.get_order(&fresh.id).await;
    assert!(
        cached.is_ok(),
        "an order created after the bad ones arrives: sync did not stop"
    );
}

#[tokio::test]
async fn an_applied_action_whose_answer_does_not_decode_is_applied_and_read_again() {
    let backend = Backend::spawn(0);
    let order = backend.create_order(json!({"fulfillment": "pickup"})).await;
    let upstream = backend.server.base_url();
    let wire = Wire::start(move |seen| {
        if seen.method == "POST" {
            // The backend applies it; the answer's order comes back broken.
            Reply::ForwardWith(
                upstream.clone(),
                Box::new(|body| {
                    let mut order: Value = serde_json::from_slice(&body).unwrap_or_default();
                    order["customer"]["name"] = Value::Null;
                    order.to_string().into_bytes()
                }),
            )
        } else {
            Reply::Forward(upstream.clone())
        }
    })
    .await;
    let dir = tempfile::tempdir().expect("dir");
    let (desk, _) = open_desk(dir.path(), None).await;
    desk.connect(&wire.base_url(), backend.server.token(), false)
        .await
        .expect("connects through the wire");
    desk.sync_now().await.expect("first sync");
    desk.advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queued");
    desk.sync_now().await.expect("sync sends it");
    let rows = desk.store().read(queue::all).expect("outbox");
    assert_eq!(
        rows.iter().map(|a| a.state).collect::<Vec<_>>(),
        vec![ActionState::Applied],
        "a 2xx is applied even when its order does not decode; never retried as unknown"
    );
    assert_eq!(
        wire.count("POST", "/v1/orders/"),
        1,
        "sent once: applied actions are not sent again"
    );
    let shown = desk.get_order(&order.id).await.expect("cached");
    assert_eq!(
        shown.order.status,
        OrderStatus::Preparing,
        "the next pull read the order again"
    );
}
