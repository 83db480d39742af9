//! The connector contract, sync half: the same tests against the WooCommerce fake here, and
//! against a real WooCommerce from `live` when one is configured. The action half is in
//! `contract_actions`.

use std::collections::BTreeSet;
use std::time::Duration;

use mostrador_core::model::OrderStatus;
use mostrador_core::platforms::woocommerce::WooCommerce;
use mostrador_core::platforms::woocommerce::apply::note_tag;
use mostrador_core::platforms::{
    ApplyOutcome, ChangesPage, Cursor, Platform, PlatformAction, PlatformError,
};
use mostrador_core::view::ActionKind;
use serde_json::json;

use super::shop::{Shop, paid_order};

pub async fn drain(woo: &WooCommerce, mut cursor: Option<Cursor>) -> (Vec<ChangesPage>, Cursor) {
    let mut pages = Vec::new();
    for _ in 0..1000 {
        let page = woo.changes(cursor.as_ref()).await.expect("a page");
        cursor = Some(page.next.clone());
        let more = page.more;
        pages.push(page);
        if !more {
            break;
        }
    }
    (pages, cursor.expect("a cursor"))
}

pub fn ids(pages: &[ChangesPage]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p.orders.iter().map(|o| o.id.clone()))
        .collect()
}

pub fn action(order: i64, kind: ActionKind) -> PlatformAction {
    PlatformAction {
        id: uuid::Uuid::new_v4().to_string(),
        order_id: order.to_string(),
        order_number: order.to_string(),
        kind,
        device: Some("Caja 1".into()),
        at: "2026-12-01T14:05:00Z".parse().expect("a time"),
    }
}

pub fn cancel(reason: &str, refund_amount: i64) -> ActionKind {
    ActionKind::Cancel {
        reason: reason.into(),
        refund_amount,
    }
}

pub fn applied(outcome: &ApplyOutcome) -> bool {
    matches!(outcome, ApplyOutcome::Applied(_))
}

pub async fn tagged(shop: &Shop, order: i64, action_id: &str) -> (usize, usize) {
    let raw = shop.raw();
    let refunds = raw.get(&format!("/orders/{order}/refunds")).await;
    let notes = raw.get(&format!("/orders/{order}/notes")).await;
    let refunds = mostrador_core::platforms::woocommerce::apply::tagged_refunds(
        refunds.as_array().map_or(&[][..], |v| v),
        action_id,
    );
    let tag = note_tag(action_id);
    let notes = notes.as_array().map_or(0, |n| {
        n.iter()
            .filter(|x| x["note"].as_str().is_some_and(|t| t.contains(&tag)))
            .count()
    });
    (refunds, notes)
}

pub async fn first_and_incremental_sync(shop: &Shop) {
    let woo = shop.connector();
    let store = woo.shop().await.expect("the shop");
    assert!(!store.name.is_empty());
    assert!(store.tz().to_string().contains('/') || store.timezone == "UTC");
    let made: BTreeSet<String> = shop
        .create_many(230, paid_order("bacs", true))
        .await
        .iter()
        .map(i64::to_string)
        .collect();
    let unpaid = shop.create(json!({ "status": "pending", "payment_method": "bacs", "line_items": [{ "sku": super::shop::PEBRE_SKU, "quantity": 1, "total": "1000" }] })).await;
    let (pages, cursor) = drain(&woo, None).await;
    let seen: BTreeSet<String> = ids(&pages).into_iter().collect();
    assert!(
        made.is_subset(&seen),
        "every paid order arrives in the first sync"
    );
    assert!(
        !seen.contains(&unpaid.to_string()),
        "an unpaid checkout is not an order to attend"
    );
    assert!(pages.len() >= 2, "page by page");
    // Nothing changed: the next poll brings nothing new.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (again, cursor) = drain(&woo, Some(cursor)).await;
    assert_eq!(
        ids(&again),
        Vec::<String>::new(),
        "deduped: nothing read twice"
    );
    let one: i64 = made
        .iter()
        .next()
        .and_then(|i| i.parse().ok())
        .expect("an id");
    shop.change(
        one,
        json!({ "meta_data": [{ "key": "_mostrador_stage", "value": "ready" }] }),
    )
    .await;
    let new = shop.create(paid_order("bacs", false)).await;
    let (changed, _) = drain(&woo, Some(cursor)).await;
    let got: BTreeSet<String> = ids(&changed).into_iter().collect();
    assert_eq!(got, BTreeSet::from([one.to_string(), new.to_string()]));
    let ready = changed
        .iter()
        .flat_map(|p| &p.orders)
        .find(|o| o.id == one.to_string())
        .expect("changed");
    assert_eq!(ready.status, OrderStatus::Ready);
}

pub async fn same_second_boundary(shop: &Shop) {
    let woo = shop.connector();
    // On the fake the clock stands still: both changes fall in the same second, which the
    // real store's `modified_after` (strictly greater) would miss without the overlap.
    shop.freeze("2026-12-01T12:00:00").await;
    let a = shop.create(paid_order("bacs", true)).await;
    let (_, cursor) = drain(&woo, None).await;
    let b = shop.create(paid_order("bacs", true)).await;
    shop.change(
        a,
        json!({ "meta_data": [{ "key": "_mostrador_stage", "value": "preparing" }] }),
    )
    .await;
    let (pages, cursor) = drain(&woo, Some(cursor)).await;
    let got = ids(&pages);
    assert!(
        got.contains(&b.to_string()),
        "an order made in the same second is not missed: {got:?}"
    );
    assert!(
        got.contains(&a.to_string()),
        "a change in the same second is not missed: {got:?}"
    );
    let (again, _) = drain(&woo, Some(cursor)).await;
    assert_eq!(
        ids(&again),
        Vec::<String>::new(),
        "and neither is read twice"
    );
    if shop.is_fake() {
        shop.admin(
            reqwest::Method::POST,
            "/clock",
            json!({ "frozen_at": null }),
        )
        .await;
    }
}

pub async fn deleted_orders_found_by_reconciliation(shop: &Shop) {
    let woo = shop.connector();
    let a = shop.create(paid_order("bacs", true)).await;
    let b = shop.create(paid_order("bacs", true)).await;
    let c = shop.create(paid_order("bacs", true)).await;
    let (_, cursor) = drain(&woo, None).await;
    let asked = vec![a.to_string(), b.to_string(), c.to_string(), "999999".into()];
    let mut present = woo.present_ids(&asked).await.expect("ids");
    present.sort();
    assert_eq!(present, vec![a.to_string(), b.to_string(), c.to_string()]);
    let raw = shop.raw();
    raw.call(
        reqwest::Method::DELETE,
        &format!("/orders/{b}?force=true"),
        None,
    )
    .await;
    raw.call(reqwest::Method::DELETE, &format!("/orders/{c}"), None)
        .await;
    let (pages, _) = drain(&woo, Some(cursor)).await;
    assert!(
        !ids(&pages).contains(&b.to_string()),
        "a force-deleted order vanishes from every list"
    );
    assert_eq!(
        woo.present_ids(&asked).await.expect("ids"),
        vec![a.to_string()],
        "reconciliation finds both gone"
    );
    assert_eq!(woo.order(&b.to_string()).await.expect("answer"), None);
}

pub async fn faults_5xx_and_429(shop: &Shop) {
    let woo = shop.connector();
    let id = shop.create(paid_order("bacs", true)).await;
    if !shop.faults(json!({ "error_rate": 1.0, "seed": 3 })).await {
        return;
    }
    let err = woo.changes(None).await.expect_err("a 5xx");
    assert!(err.is_transient(), "{err:?}");
    let out = woo
        .apply(&action(
            id,
            ActionKind::Advance {
                to: OrderStatus::Preparing,
            },
        ))
        .await;
    assert!(matches!(out, ApplyOutcome::Unknown { .. }), "{out:?}");
    shop.faults(json!({ "rate_limit_rate": 1.0, "retry_after_s": 7 }))
        .await;
    let err = woo.changes(None).await.expect_err("a 429");
    assert!(matches!(err, PlatformError::Http { status: 429, .. }));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    let out = woo
        .apply(&action(
            id,
            ActionKind::Advance {
                to: OrderStatus::Preparing,
            },
        ))
        .await;
    let ApplyOutcome::Unknown { retry_after, .. } = out else {
        panic!("{out:?}")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(7)));
    shop.faults(json!({})).await;
    assert!(woo.changes(None).await.is_ok());
}

pub async fn one_malformed_order_among_good_ones(shop: &Shop) {
    let woo = shop.connector();
    let good = shop.create_many(3, paid_order("bacs", true)).await;
    if shop
        .admin(
            reqwest::Method::PUT,
            &format!("/orders/{}", good[1]),
            json!({ "raw": { "total": "doce mil", "date_created_gmt": 5 } }),
        )
        .await
        .is_none()
    {
        return;
    }
    let (pages, _) = drain(&woo, None).await;
    let got = ids(&pages);
    assert!(got.contains(&good[0].to_string()) && got.contains(&good[2].to_string()));
    let malformed: Vec<Option<String>> = pages
        .iter()
        .flat_map(|p| p.malformed.iter().map(|m| m.id.clone()))
        .collect();
    assert_eq!(malformed, vec![Some(good[1].to_string())]);
}

#[tokio::test]
async fn fake_first_and_incremental_sync() {
    first_and_incremental_sync(&Shop::fake()).await;
}

#[tokio::test]
async fn fake_same_second_boundary() {
    same_second_boundary(&Shop::fake()).await;
}

#[tokio::test]
async fn fake_deleted_orders_found_by_reconciliation() {
    deleted_orders_found_by_reconciliation(&Shop::fake()).await;
}

#[tokio::test]
async fn fake_faults_5xx_and_429() {
    faults_5xx_and_429(&Shop::fake()).await;
}

#[tokio::test]
async fn fake_one_malformed_order_among_good_ones() {
    one_malformed_order_among_good_ones(&Shop::fake()).await;
}
