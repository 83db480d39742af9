//! Payments and notes through the desk against the reference backend: exactly once, offline
//! too, shown at once, with the device name; search over addresses and notes; "Programados".

use mostrador_core::model::{OrderStatus, PaymentMethod, PaymentStatus};
use mostrador_core::view::{OrderQuery, Settings};
use reference_backend::{Config, StatusLabels};
use serde_json::json;

use crate::desk::harness::{Backend, connected_desk};

async fn unpaid_cash(backend: &Backend) -> mostrador_core::model::Order {
    backend
        .create_order(json!({
            "fulfillment": "delivery", "total": 45000,
            "payment": {"method": "cash", "status": "unpaid"},
            "shipping_address": {"line1": "Calle Querétaro 225", "line2": "Col. Roma Sur",
                "city": "Ciudad de México", "region": "CDMX", "postal_code": "06760",
                "country": "MX", "reference": "Portón verde"},
            "scheduled_for": "2026-12-01T00:30:00Z",
        }))
        .await
}

#[tokio::test]
async fn a_payment_taken_offline_shows_at_once_and_reaches_the_backend_once() {
    let backend = Backend::spawn(0);
    let order = unpaid_cash(&backend).await;
    let dir = tempfile::tempdir().expect("dir");
    let desk = connected_desk(&backend, dir.path()).await;
    desk.set_host_name(Some("caja-1.local"));
    let settings = Settings {
        device_name: Some("Caja 1".into()),
        ..desk.settings().await.expect("settings")
    };
    desk.set_settings(settings).await.expect("saved");
    assert_eq!(desk.device_name().as_deref(), Some("Caja 1"));
    let detail = desk.get_order(&order.id).await.expect("cached");
    assert!(
        detail.can_pay,
        "an unpaid order of a payments backend can be charged"
    );
    assert_eq!(detail.due, 45000);

    let mut backend = backend;
    backend.server.stop();
    desk.pay(&order.id, "450", PaymentMethod::Cash, None)
        .await
        .expect("queued offline");
    let shown = desk.get_order(&order.id).await.expect("cached");
    assert_eq!(
        shown.order.payment.status,
        PaymentStatus::Paid,
        "'Sin pagar' goes away at once"
    );
    assert_eq!(shown.due, 0);
    assert!(!shown.can_pay, "nothing left to charge");
    let unpaid = desk
        .list_orders(OrderQuery {
            paid: Some(false),
            ..OrderQuery::default()
        })
        .await
        .expect("list");
    assert!(
        unpaid.orders.iter().all(|o| o.id != order.id),
        "the unpaid filter no longer shows it"
    );
    let err = desk
        .pay(&order.id, "1", PaymentMethod::Cash, None)
        .await
        .expect_err("nothing is due any more");
    assert_eq!(err.code, mostrador_core::ErrorCode::InvalidInput);

    backend.server.restart();
    let status = desk.sync_now().await.expect("sync");
    assert_eq!(status.pending_actions, 0, "the payment went out");
    desk.sync_now().await.expect("again");
    let server = backend.order(&order.id).await;
    assert_eq!(server.payments.len(), 1, "one payment on the backend");
    assert_eq!(server.paid, 45000);
    assert_eq!(server.payments[0].device.as_deref(), Some("Caja 1"));
    let effects = backend.effects(Some(&order.id)).await;
    let payments = effects.iter().filter(|e| e["kind"] == "payment").count();
    assert_eq!(payments, 1, "taken exactly once");
    let cached = desk.get_order(&order.id).await.expect("cached");
    assert_eq!(cached.order, server, "the cache equals the backend");
}

#[tokio::test]
async fn a_staff_note_and_a_move_carry_the_device_and_are_searchable() {
    let backend = Backend::spawn(0);
    let order = unpaid_cash(&backend).await;
    let dir = tempfile::tempdir().expect("dir");
    let desk = connected_desk(&backend, dir.path()).await;
    desk.set_host_name(Some("mostrador-pc"));
    desk.add_note(&order.id, "  Llamó, pasa a las seis ")
        .await
        .expect("queued");
    let shown = desk.get_order(&order.id).await.expect("cached");
    assert_eq!(shown.order.staff_notes.len(), 1, "the note shows at once");
    assert_eq!(shown.order.staff_notes[0].text, "Llamó, pasa a las seis");
    desk.advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queued");
    desk.sync_now().await.expect("sync");
    desk.sync_now().await.expect("again");
    let server = backend.order(&order.id).await;
    assert_eq!(server.staff_notes.len(), 1, "one note on the backend");
    assert_eq!(
        server.staff_notes[0].device.as_deref(),
        Some("mostrador-pc"),
        "the host name until the owner names the device"
    );
    assert_eq!(server.history[1].device.as_deref(), Some("mostrador-pc"));
    let detail = desk.get_order(&order.id).await.expect("cached");
    assert!(
        detail.history_lines[1].starts_with("mostrador-pc marcó Preparando · "),
        "history in words: {:?}",
        detail.history_lines
    );
    for term in ["seis", "queretaro", "porton verde", "06760"] {
        let found = desk
            .list_orders(OrderQuery {
                search: Some(term.into()),
                ..OrderQuery::default()
            })
            .await
            .expect("search");
        assert!(
            found.orders.iter().any(|o| o.id == order.id),
            "search covers the address and staff notes: {term}"
        );
    }
}

#[tokio::test]
async fn the_scheduled_filter_lists_scheduled_orders_still_to_do() {
    let backend = Backend::spawn(0);
    let scheduled = unpaid_cash(&backend).await;
    let plain = backend
        .create_order(json!({"fulfillment": "pickup", "payment": {"status": "unpaid"}}))
        .await;
    let dir = tempfile::tempdir().expect("dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let page = desk
        .list_orders(OrderQuery {
            scheduled: Some(true),
            ..OrderQuery::default()
        })
        .await
        .expect("list");
    let ids: Vec<&str> = page.orders.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, vec![scheduled.id.as_str()], "only the scheduled one");
    assert_eq!(page.orders[0].scheduled_for, scheduled.scheduled_for);
    let all = desk.list_orders(OrderQuery::default()).await.expect("list");
    let row = all.orders.iter().find(|o| o.id == plain.id).expect("row");
    assert_eq!(row.scheduled_for, None);
    assert_eq!(
        row.documents.len(),
        0,
        "an unpaid admin order has no documents"
    );
    let paid = backend
        .create_order(json!({"fulfillment": "pickup", "total": 1000}))
        .await;
    desk.sync_now().await.expect("sync");
    let all = desk.list_orders(OrderQuery::default()).await.expect("list");
    let row = all.orders.iter().find(|o| o.id == paid.id).expect("row");
    assert_eq!(row.documents.len(), 1, "the row carries its documents");
    assert_eq!(
        row.documents[0].number.as_deref(),
        paid.documents[0].number.as_deref()
    );
}

#[tokio::test]
async fn a_backend_without_the_features_hides_payments_and_notes() {
    let backend = Backend::with(Config {
        features: vec![],
        ..Config::default()
    });
    let order = unpaid_cash(&backend).await;
    let dir = tempfile::tempdir().expect("dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let detail = desk.get_order(&order.id).await.expect("cached");
    assert!(!detail.can_pay && !detail.can_note, "nothing to show");
    let err = desk
        .pay_minor(&order.id, 100, PaymentMethod::Cash, None)
        .await
        .expect_err("refused locally");
    assert_eq!(err.code, mostrador_core::ErrorCode::NotAllowed);
    assert!(desk.add_note(&order.id, "hola").await.is_err());
}

#[tokio::test]
async fn hype_status_names_reach_the_desk_and_its_history_lines() {
    let backend = Backend::with(Config {
        status_labels: StatusLabels::hype(),
        ..Config::default()
    });
    let order = backend
        .create_order(json!({"fulfillment": "delivery"}))
        .await;
    let dir = tempfile::tempdir().expect("dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let status = desk.sync_status().await.expect("status");
    let store = status.store.expect("store known");
    assert_eq!(store.label(OrderStatus::Pending), "Por confirmar");
    assert_eq!(store.label(OrderStatus::Shipped), "Despachado");
    desk.set_host_name(Some("Caja 1"));
    desk.advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queued");
    desk.sync_now().await.expect("sync");
    let detail = desk.get_order(&order.id).await.expect("cached");
    assert!(
        detail.history_lines[1].starts_with("Caja 1 marcó Confirmado"),
        "{:?}",
        detail.history_lines
    );
}
