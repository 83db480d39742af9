//! Cobrar and staff notes through the desk on each platform's test server: queued while the
//! shop fails (offline), shown at once, sent once when it answers again, with this device's
//! name on the note and the payment; a part payment refused before it is queued, in both
//! languages (WooCommerce and Shopify record a payment only in full).

use mostrador_core::model::PaymentMethod;
use mostrador_core::platforms::{Credentials, PlatformKind};
use mostrador_core::view::ActionState;
use serde_json::json;

use super::desk::{open, settled};
use super::shop::Shop;
use super::woo_counter::unpaid_cod;

#[tokio::test]
async fn woocommerce_pay_and_note_through_the_desk_offline_then_once() {
    let shop = Shop::fake();
    let id = shop.create(unpaid_cod()).await.to_string();
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, _notifier) = open(dir.path(), None).await;
    desk.set_host_name(Some("caja-1.local"));
    let config = shop.config();
    desk.connect_platform(
        PlatformKind::Woocommerce,
        &config.url,
        Credentials {
            key: config.key.clone(),
            secret: config.secret.clone(),
        },
    )
    .await
    .expect("connects");
    desk.sync_now().await.expect("first sync");
    let detail = desk.get_order(&id).await.expect("the order");
    assert!(
        detail.can_pay && detail.can_note,
        "Cobrar and notes are shown"
    );
    assert_eq!(detail.due, 16800);

    let part = desk
        .pay_minor(&id, 5000, PaymentMethod::Cash, None)
        .await
        .expect_err("a part payment is refused at once");
    assert!(
        part.text.es.contains("solo registra el pago completo") && part.text.en.contains("in full"),
        "{part:?}"
    );

    // The shop fails: both wait in the outbox, shown at once.
    assert!(shop.faults(json!({ "error_rate": 1.0 })).await);
    desk.add_note(&id, "Llamar al llegar")
        .await
        .expect("queued");
    let short = desk
        .pay_minor_received(&id, 16800, PaymentMethod::Cash, None, Some(10000))
        .await
        .expect_err("cash that does not cover the payment is refused");
    assert!(
        short.text.es.contains("no alcanza") && short.text.en.contains("does not cover"),
        "{short:?}"
    );
    // As the Cobrar dialog sends it: typed amounts, the cash handed over.
    desk.pay_received(&id, "16800", PaymentMethod::Cash, None, Some("20000"))
        .await
        .expect("queued");
    let _ = desk.sync_now().await;
    let waiting = desk.get_order(&id).await.expect("the order");
    assert_eq!(waiting.due, 0, "«Sin pagar» goes at once");
    assert_eq!(waiting.order.staff_notes.len(), 1, "the note shows at once");
    assert!(
        waiting
            .actions
            .iter()
            .any(|a| a.state == ActionState::Pending),
        "still queued while the shop fails"
    );

    shop.faults(json!({})).await;
    let done = settled(&desk, &id).await;
    assert!(
        done.actions.iter().all(|a| a.state == ActionState::Applied),
        "{:?}",
        done.actions
    );
    assert_eq!(done.order.paid, 16800);
    assert!(!done.can_pay, "nothing left to collect");
    let notes: Vec<(&str, Option<&str>)> = done
        .order
        .staff_notes
        .iter()
        .map(|n| (n.text.as_str(), n.device.as_deref()))
        .collect();
    assert_eq!(notes, [("Llamar al llegar", Some("caja-1"))]);
    assert_eq!(
        done.order.payments[0].device.as_deref(),
        Some("caja-1"),
        "who took it"
    );
    // A later poll keeps the notes (they are read with the order).
    desk.sync_now().await.expect("a poll");
    let again = desk.get_order(&id).await.expect("the order");
    assert_eq!(again.order.staff_notes.len(), 1);
    let on_store = shop.raw().get(&format!("/orders/{id}/notes")).await;
    let ours = on_store.as_array().map_or(0, |n| {
        n.iter()
            .filter(|x| {
                x["note"]
                    .as_str()
                    .is_some_and(|t| t.starts_with("caja-1: Llamar al llegar"))
            })
            .count()
    });
    assert_eq!(ours, 1, "one note on the store");
    let change = on_store.as_array().map_or(0, |n| {
        n.iter()
            .filter(|x| {
                x["note"]
                    .as_str()
                    .is_some_and(|t| t.contains("Recibido $20.000 · Vuelto $3.200 · caja-1"))
            })
            .count()
    });
    assert_eq!(
        change, 1,
        "the cash and the change in one payment note: {on_store}"
    );
}

#[tokio::test]
async fn shopify_staff_note_through_the_desk_offline_then_once() {
    let fake = super::shopify_contract::start().await;
    let (gid, n) = super::shopify_contract::create(&fake, json!({})).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, _notifier) = open(dir.path(), None).await;
    desk.set_host_name(Some("ipad-mostrador"));
    desk.connect_platform(
        PlatformKind::Shopify,
        &fake.url(),
        Credentials {
            key: String::new(),
            secret: shopify_fake::server::TOKEN.into(),
        },
    )
    .await
    .expect("connects");
    desk.sync_now().await.expect("first sync");
    assert!(desk.get_order(&gid).await.expect("the order").can_note);

    super::shopify_contract::faults(&fake, json!({ "error_rate": 1.0 })).await;
    desk.add_note(&gid, "Entregar por la puerta de atrás")
        .await
        .expect("queued");
    let _ = desk.sync_now().await;
    assert!(
        desk.get_order(&gid)
            .await
            .expect("the order")
            .actions
            .iter()
            .any(|a| a.state == ActionState::Pending),
        "queued while Shopify fails"
    );
    super::shopify_contract::faults(&fake, json!({ "drop_after_commit_rate": 1.0 })).await;
    let _ = desk.sync_now().await;
    super::shopify_contract::faults(&fake, json!({})).await;
    let done = settled(&desk, &gid).await;
    assert!(
        done.actions.iter().all(|a| a.state == ActionState::Applied),
        "{:?}",
        done.actions
    );
    let notes: Vec<(&str, Option<&str>)> = done
        .order
        .staff_notes
        .iter()
        .map(|n| (n.text.as_str(), n.device.as_deref()))
        .collect();
    assert_eq!(
        notes,
        [("Entregar por la puerta de atrás", Some("ipad-mostrador"))]
    );
    assert_eq!(done.order.notes.as_deref(), Some("Sin cebolla, por favor"));
    let state = super::shopify_contract::inspect(&fake, n).await;
    assert_eq!(
        state["effects"]["orderUpdate"].as_u64(),
        Some(1),
        "written once despite the dropped answer: {}",
        state["effects"]
    );
    assert_eq!(
        state["note"]
            .as_str()
            .map(|t| t.matches("Entregar por la puerta").count()),
        Some(1)
    );
}
