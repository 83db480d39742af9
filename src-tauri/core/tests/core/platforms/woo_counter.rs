//! The counter's actions on WooCommerce (take a payment, staff notes) against the fake, and
//! a real store from `live` when configured: applied once, refusals in both languages, and
//! no doubled note or payment after a 5xx, a 429 or a connection dropped after the store
//! applied the write.

use mostrador_core::model::{OrderStatus, PaymentMethod, PaymentStatus};
use mostrador_core::platforms::woocommerce::apply::note_tag;
use mostrador_core::platforms::woocommerce::counter::{PAID_KEY, staff_tag};
use mostrador_core::platforms::{ApplyOutcome, Platform};
use mostrador_core::view::ActionKind;
use serde_json::{Value, json};

use super::contract::{action, applied};
use super::shop::{Shop, paid_order};

/// A cash-on-delivery order to attend, not paid yet (`processing`, `date_paid: null`), of
/// 16,800 CLP.
pub fn unpaid_cod() -> Value {
    let mut spec = paid_order("cod", true);
    spec["set_paid"] = json!(false);
    spec["status"] = json!("processing");
    spec
}

fn pay(amount: i64, method: PaymentMethod, reference: Option<&str>) -> ActionKind {
    ActionKind::Pay {
        amount,
        method,
        reference: reference.map(str::to_string),
        received: None,
    }
}

fn note(text: &str) -> ActionKind {
    ActionKind::Note { text: text.into() }
}

/// How many of the order's notes contain `needle`.
async fn notes_with(shop: &Shop, order: i64, needle: &str) -> usize {
    let notes = shop.raw().get(&format!("/orders/{order}/notes")).await;
    notes.as_array().map_or(0, |n| {
        n.iter()
            .filter(|x| x["note"].as_str().is_some_and(|t| t.contains(needle)))
            .count()
    })
}

fn meta(order: &Value, key: &str) -> Option<Value> {
    order["meta_data"]
        .as_array()
        .and_then(|m| m.iter().rev().find(|x| x["key"] == key))
        .map(|x| x["value"].clone())
}

fn rejected(outcome: &ApplyOutcome) -> (String, String) {
    match outcome {
        ApplyOutcome::Rejected(w) => (w.es.clone(), w.en.clone()),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

pub async fn payment_taken_once(shop: &Shop) {
    let woo = shop.connector();
    let id = shop.create(unpaid_cod()).await;
    let step = action(id, pay(16800, PaymentMethod::Cash, None));
    let out = woo.apply(&step).await;
    let ApplyOutcome::Applied(Some(now)) = &out else {
        panic!("{out:?}")
    };
    assert_eq!(now.order.paid, 16800, "paid in full");
    assert_eq!(now.order.due().minor, 0, "nothing due: «Sin pagar» goes");
    assert_eq!(now.order.payment.status, PaymentStatus::Paid);
    let record = now.order.payments.first().expect("a payment record");
    assert_eq!(
        (record.amount, record.method, record.device.as_deref()),
        (16800, PaymentMethod::Cash, Some("Caja 1"))
    );
    let raw = shop.raw().get(&format!("/orders/{id}")).await;
    assert_eq!(raw["status"], "processing", "still to prepare");
    assert_eq!(meta(&raw, PAID_KEY), Some(json!(step.id)));
    assert_eq!(raw["payment_method_title"], "Efectivo (Mostrador)");
    assert!(
        applied(&woo.apply(&step).await),
        "the same action again is found done"
    );
    assert_eq!(
        notes_with(shop, id, &note_tag(&step.id)).await,
        1,
        "one payment note"
    );
    // Cash handed over: "Recibido · Vuelto" in the private note (WooCommerce has no field).
    let counted = shop.create(unpaid_cod()).await;
    let with_cash = action(
        counted,
        ActionKind::Pay {
            amount: 16800,
            method: PaymentMethod::Cash,
            reference: None,
            received: Some(20000),
        },
    );
    assert!(applied(&woo.apply(&with_cash).await));
    let notes = shop.raw().get(&format!("/orders/{counted}/notes")).await;
    let line = notes
        .as_array()
        .and_then(|n| {
            n.iter()
                .filter_map(|x| x["note"].as_str())
                .find(|t| t.contains(&note_tag(&with_cash.id)))
        })
        .expect("the payment note")
        .to_string();
    assert!(
        line.contains("Recibido $20.000 · Vuelto $3.200") && line.contains("change $3.200"),
        "{line}"
    );
    // A transfer with its reference lands in `transaction_id`.
    let other = shop.create(unpaid_cod()).await;
    let by_transfer = action(other, pay(16800, PaymentMethod::Transfer, Some("TRX-991")));
    assert!(applied(&woo.apply(&by_transfer).await));
    let raw = shop.raw().get(&format!("/orders/{other}")).await;
    assert_eq!(raw["transaction_id"], "TRX-991");
    let now = woo
        .order(&other.to_string())
        .await
        .expect("read")
        .expect("there");
    assert_eq!(
        now.order.payments[0].reference.as_deref(),
        Some("TRX-991"),
        "read back on the next read"
    );
}

pub async fn payment_refusals_in_both_languages(shop: &Shop) {
    let woo = shop.connector();
    let id = shop.create(unpaid_cod()).await;
    let (es, en) = rejected(
        &woo.apply(&action(id, pay(10000, PaymentMethod::Cash, None)))
            .await,
    );
    assert!(
        es.contains("no registra pagos parciales") && en.contains("does not record part payments"),
        "{es} / {en}"
    );
    let (es, en) = rejected(
        &woo.apply(&action(id, pay(20000, PaymentMethod::Cash, None)))
            .await,
    );
    assert!(
        es.contains("supera lo que falta") && en.contains("more than is still due"),
        "{es} / {en}"
    );
    let raw = shop.raw().get(&format!("/orders/{id}")).await;
    assert_eq!(
        meta(&raw, PAID_KEY),
        None,
        "a refused payment changes nothing"
    );
    let paid = shop.create(paid_order("bacs", true)).await;
    let (es, en) = rejected(
        &woo.apply(&action(paid, pay(16800, PaymentMethod::Cash, None)))
            .await,
    );
    assert!(
        es.contains("ya figura como pagado") && en.contains("already paid"),
        "{es} / {en}"
    );
}

pub async fn staff_note_listed_with_its_device(shop: &Shop) {
    let woo = shop.connector();
    let id = shop.create(paid_order("bacs", true)).await;
    // The connector's own stage note and WooCommerce's system notes are not staff notes.
    let step = action(
        id,
        ActionKind::Advance {
            to: OrderStatus::Preparing,
        },
    );
    assert!(applied(&woo.apply(&step).await));
    let written = action(id, note("Llamar al llegar: portón verde"));
    let out = woo.apply(&written).await;
    let ApplyOutcome::Applied(Some(now)) = &out else {
        panic!("{out:?}")
    };
    assert_eq!(
        now.order.staff_notes.len(),
        1,
        "{:?}",
        now.order.staff_notes
    );
    let staff = &now.order.staff_notes[0];
    assert_eq!(staff.text, "Llamar al llegar: portón verde");
    assert_eq!(staff.device.as_deref(), Some("Caja 1"));
    let notes = shop.raw().get(&format!("/orders/{id}/notes")).await;
    let ours = notes
        .as_array()
        .and_then(|n| {
            n.iter().find(|x| {
                x["note"]
                    .as_str()
                    .is_some_and(|t| t.contains(&staff_tag(&written.id)))
            })
        })
        .cloned()
        .expect("the note is on the store");
    assert_eq!(ours["customer_note"], false, "never shown to the customer");
    assert!(
        ours["note"]
            .as_str()
            .is_some_and(|t| t.starts_with("Caja 1: Llamar al llegar")),
        "{ours}"
    );
    // Another device's poll reads it: the note moved the order's `date_modified`.
    let fresh = woo
        .order(&id.to_string())
        .await
        .expect("read")
        .expect("there");
    assert_eq!(fresh.order.staff_notes, now.order.staff_notes);
    let (es, en) = rejected(&woo.apply(&action(id, note("   "))).await);
    assert_eq!(
        (es.as_str(), en.as_str()),
        ("Escribe la nota.", "Write the note.")
    );
}

pub async fn no_doubled_note_or_payment_under_faults(shop: &Shop) {
    let woo = shop.connector();
    woo.shop().await.expect("facts read before the faults");
    let id = shop.create(unpaid_cod()).await;
    let written = action(id, note("Sin cebolla en la segunda"));
    let paying = action(id, pay(16800, PaymentMethod::Cash, None));
    // A 5xx and a 429 before anything is done: unknown, to send again later.
    if !shop.faults(json!({ "error_rate": 1.0 })).await {
        return;
    }
    assert!(matches!(
        woo.apply(&written).await,
        ApplyOutcome::Unknown { .. }
    ));
    shop.faults(json!({ "rate_limit_rate": 1.0, "retry_after_s": 3 }))
        .await;
    match woo.apply(&paying).await {
        ApplyOutcome::Unknown { retry_after, .. } => assert_eq!(
            retry_after,
            Some(std::time::Duration::from_secs(3)),
            "the store's Retry-After"
        ),
        other => panic!("expected unknown, got {other:?}"),
    }
    // Every write applied but its answer lost.
    shop.faults(json!({ "drop_after_commit_rate": 1.0 })).await;
    for step in [&written, &paying] {
        let mut unknown = 0;
        let mut outcome = woo.apply(step).await;
        while matches!(outcome, ApplyOutcome::Unknown { .. }) && unknown < 10 {
            unknown += 1;
            outcome = woo.apply(step).await;
        }
        assert!(unknown >= 2, "the writes lost their answers ({unknown})");
        assert!(applied(&outcome), "{outcome:?}");
    }
    shop.faults(json!({})).await;
    assert!(applied(&woo.apply(&written).await));
    assert!(applied(&woo.apply(&paying).await));
    assert_eq!(
        notes_with(shop, id, &staff_tag(&written.id)).await,
        1,
        "one staff note despite the lost answers"
    );
    assert_eq!(
        notes_with(shop, id, &note_tag(&paying.id)).await,
        1,
        "one payment note"
    );
    let now = woo
        .order(&id.to_string())
        .await
        .expect("read")
        .expect("there");
    assert_eq!(now.order.payments.len(), 1, "one payment");
    assert_eq!(now.order.paid, now.order.total);
    assert_eq!(now.order.staff_notes.len(), 1);
}

#[tokio::test]
async fn fake_payment_taken_once() {
    payment_taken_once(&Shop::fake()).await;
}

#[tokio::test]
async fn fake_payment_refusals_in_both_languages() {
    payment_refusals_in_both_languages(&Shop::fake()).await;
}

#[tokio::test]
async fn fake_staff_note_listed_with_its_device() {
    staff_note_listed_with_its_device(&Shop::fake()).await;
}

#[tokio::test]
async fn fake_no_doubled_note_or_payment_under_faults() {
    no_doubled_note_or_payment_under_faults(&Shop::fake()).await;
}
