//! The connector contract, action half: stages, cancel with refunds, no doubled refund.

use mostrador_core::model::OrderStatus;
use mostrador_core::platforms::{ApplyOutcome, Platform};
use mostrador_core::view::ActionKind;
use serde_json::json;

use super::contract::{action, applied, cancel, tagged};
use super::shop::{Shop, paid_order};

pub async fn stage_change(shop: &Shop) {
    let woo = shop.connector();
    let id = shop.create(paid_order("bacs", true)).await;
    let step = action(
        id,
        ActionKind::Advance {
            to: OrderStatus::Preparing,
        },
    );
    let out = woo.apply(&step).await;
    let ApplyOutcome::Applied(Some(now)) = &out else {
        panic!("{out:?}")
    };
    assert_eq!(now.order.status, OrderStatus::Preparing);
    let raw = shop.raw().get(&format!("/orders/{id}")).await;
    assert_eq!(
        raw["status"], "processing",
        "WooCommerce has no such status: it stays processing"
    );
    let stage = raw["meta_data"]
        .as_array()
        .and_then(|m| m.iter().find(|x| x["key"] == "_mostrador_stage"))
        .map(|x| x["value"].clone());
    assert_eq!(stage, Some(json!("preparing")));
    assert!(
        applied(&woo.apply(&step).await),
        "the same action again is found done"
    );
    assert_eq!(
        tagged(shop, id, &step.id).await,
        (0, 1),
        "one private note, not two"
    );
    let done = woo
        .apply(&action(
            id,
            ActionKind::Advance {
                to: OrderStatus::Delivered,
            },
        ))
        .await;
    let ApplyOutcome::Applied(Some(now)) = done else {
        panic!("{done:?}")
    };
    assert_eq!(now.order.status, OrderStatus::Delivered);
    assert_eq!(
        shop.raw().get(&format!("/orders/{id}")).await["status"],
        "completed"
    );
    // The shop cancelled meanwhile: refused in words, not applied blindly.
    let other = shop.create(paid_order("bacs", true)).await;
    shop.change(other, json!({ "status": "cancelled" })).await;
    let refused = woo
        .apply(&action(
            other,
            ActionKind::Advance {
                to: OrderStatus::Ready,
            },
        ))
        .await;
    let ApplyOutcome::Rejected(words) = refused else {
        panic!("{refused:?}")
    };
    assert!(
        words.es.contains("cancelado") && words.en.contains("cancelled"),
        "{words:?}"
    );
}

pub async fn cancel_with_partial_refund(shop: &Shop) {
    let woo = shop.connector();
    let id = shop.create(paid_order("bacs", false)).await;
    let step = action(id, cancel("Falta 1 empanada", 2500));
    let out = woo.apply(&step).await;
    let ApplyOutcome::Applied(Some(now)) = &out else {
        panic!("{out:?}")
    };
    assert_eq!(now.order.status, OrderStatus::Cancelled);
    assert_eq!((now.order.paid, now.order.refunded), (19800, 2500));
    let refunds = shop.raw().get(&format!("/orders/{id}/refunds")).await;
    assert_eq!(refunds.as_array().map(Vec::len), Some(1));
    assert_eq!(refunds[0]["amount"], "2500");
    assert_eq!(
        refunds[0]["refunded_payment"], false,
        "cash on delivery: a manual refund"
    );
    assert_eq!(tagged(shop, id, &step.id).await, (1, 1));
    assert!(applied(&woo.apply(&step).await));
    assert_eq!(
        tagged(shop, id, &step.id).await,
        (1, 1),
        "sent again: nothing doubled"
    );
    // More than was paid: refused before anything is changed.
    let other = shop.create(paid_order("bacs", false)).await;
    let refused = woo.apply(&action(other, cancel("x", 999_999))).await;
    assert!(matches!(refused, ApplyOutcome::Rejected(_)), "{refused:?}");
    assert_eq!(
        shop.raw().get(&format!("/orders/{other}")).await["status"],
        "processing"
    );
    // A gateway that refunds, when the store has one.
    let gateways = shop.raw().get("/payment_gateways").await;
    let card = gateways.as_array().into_iter().flatten().find(|g| {
        g["enabled"] == true
            && g["method_supports"]
                .as_array()
                .is_some_and(|s| s.contains(&json!("refunds")))
    });
    if let Some(card) = card {
        let method = card["id"].as_str().unwrap_or_default();
        let paid = shop.create(paid_order(method, true)).await;
        let full = woo.apply(&action(paid, cancel("Sin stock", 16800))).await;
        assert!(applied(&full), "{full:?}");
        let refunds = shop.raw().get(&format!("/orders/{paid}/refunds")).await;
        assert_eq!(refunds[0]["refunded_payment"], true, "through the gateway");
        assert_eq!(
            shop.raw().get(&format!("/orders/{paid}")).await["status"],
            "refunded"
        );
    }
}

pub async fn no_doubled_refund_under_dropped_answers(shop: &Shop) {
    let woo = shop.connector();
    woo.shop().await.expect("facts read before the faults");
    let id = shop.create(paid_order("bacs", false)).await;
    let step = action(id, cancel("Cliente arrepentido", 5000));
    if !shop.faults(json!({ "drop_after_commit_rate": 1.0 })).await {
        return;
    }
    let mut unknown = 0;
    let mut outcome = woo.apply(&step).await;
    while matches!(outcome, ApplyOutcome::Unknown { .. }) && unknown < 10 {
        unknown += 1;
        outcome = woo.apply(&step).await;
    }
    assert!(unknown >= 3, "every write lost its answer ({unknown})");
    shop.faults(json!({})).await;
    if !applied(&outcome) {
        outcome = woo.apply(&step).await;
    }
    assert!(applied(&outcome), "{outcome:?}");
    assert_eq!(
        tagged(shop, id, &step.id).await,
        (1, 1),
        "one refund and one note despite the lost answers"
    );
    let order = shop.raw().get(&format!("/orders/{id}")).await;
    assert_eq!(order["refunds"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn fake_stage_change() {
    stage_change(&Shop::fake()).await;
}

#[tokio::test]
async fn fake_cancel_with_partial_refund() {
    cancel_with_partial_refund(&Shop::fake()).await;
}

#[tokio::test]
async fn fake_no_doubled_refund_under_dropped_answers() {
    no_doubled_refund_under_dropped_answers(&Shop::fake()).await;
}

#[tokio::test]
async fn connect_and_key_problems_are_explained_in_words() {
    use mostrador_core::platforms::PlatformError;
    use mostrador_core::platforms::woocommerce::words::connect_failure;
    use mostrador_core::platforms::woocommerce::{WooCommerce, WooConfig};
    use std::sync::Arc;
    use woocommerce_fake::{Config, Permissions, TestServer};

    let clock = Arc::new(mostrador_core::clock::SystemClock);
    let server = TestServer::spawn(Config::default());
    let wrong = WooCommerce::new(
        WooConfig::new(&server.base_url(), server.key(), "cs_wrong"),
        clock.clone(),
    )
    .expect("connector");
    let err = wrong.shop().await.expect_err("wrong secret");
    assert!(
        matches!(err, PlatformError::Http { status: 401, .. }),
        "{err:?}"
    );
    let words = connect_failure(&err);
    assert!(
        words.es.contains("claves") && words.en.contains("keys"),
        "{words:?}"
    );
    let elsewhere = WooCommerce::new(
        WooConfig::new(
            &format!("{}/tienda", server.base_url()),
            server.key(),
            server.secret(),
        ),
        clock.clone(),
    )
    .expect("connector");
    let err = elsewhere.shop().await.expect_err("not a store");
    assert!(
        connect_failure(&err)
            .es
            .contains("no es una tienda WooCommerce"),
        "{err:?}"
    );
    let insecure = WooCommerce::new(
        WooConfig::new("http://tienda.cl", "ck", "cs"),
        clock.clone(),
    )
    .expect_err("http off loopback");
    assert!(connect_failure(&insecure).es.contains("https://"));

    let read_only = TestServer::spawn(Config {
        permissions: Permissions::Read,
        ..Config::default()
    });
    let woo = WooCommerce::new(
        WooConfig::new(&read_only.base_url(), read_only.key(), read_only.secret()),
        clock,
    )
    .expect("connector");
    assert!(woo.shop().await.is_ok(), "a read key reads");
    // The shop makes an order (admin control: the key cannot write).
    let made = reqwest::Client::new()
        .post(format!("{}/mostrador-fake/orders", read_only.base_url()))
        .bearer_auth(read_only.admin_token().expect("admin"))
        .json(&paid_order("bacs", true))
        .send()
        .await
        .expect("admin");
    let made: serde_json::Value = made.json().await.expect("json");
    let id = made["id"].as_i64().expect("an id");
    let out = woo
        .apply(&action(
            id,
            ActionKind::Advance {
                to: OrderStatus::Preparing,
            },
        ))
        .await;
    let ApplyOutcome::Rejected(words) = out else {
        panic!("{out:?}")
    };
    assert!(
        words.es.contains("solo lectura") && words.en.contains("read-only"),
        "{words:?}"
    );
}
