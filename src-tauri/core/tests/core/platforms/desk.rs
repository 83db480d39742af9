//! The desk (the object the shell and the CLI drive) connected to each platform's test server
//! on 127.0.0.1: first sync, a new order on the shop raises the new-order notice, advance and
//! cancel with a partial refund go out exactly once, and a connection dropped after the shop
//! applied the cancel is reconciled without a second refund. Errors at connect are words.

use std::sync::Arc;
use std::time::Duration;

use mostrador_core::ErrorCode;
use mostrador_core::attention::{NoticeKind, RecordingNotifier};
use mostrador_core::clock::SystemClock;
use mostrador_core::desk::{Desk, DeskConfig, MemoryTokenStore, Tuning};
use mostrador_core::model::OrderStatus;
use mostrador_core::platforms::{Credentials, PlatformKind};
use mostrador_core::view::{ActionState, SyncState};
use serde_json::{Value, json};
use shopify_fake::FakeShopify;
use shopify_fake::server::TOKEN;

use super::contract::tagged;
use super::shop::{Shop, paid_order};

pub(super) async fn open(
    dir: &std::path::Path,
    secret: Option<String>,
) -> (Desk, Arc<RecordingNotifier>) {
    let notifier = Arc::new(RecordingNotifier::default());
    let desk = Desk::open_tuned(
        DeskConfig {
            data_dir: dir.to_path_buf(),
            clock: Arc::new(SystemClock),
            notifier: notifier.clone(),
            token_store: Arc::new(MemoryTokenStore::with(secret)),
        },
        Tuning::fast(),
    )
    .await
    .expect("the desk opens");
    (desk, notifier)
}

/// Waits (bounded) for a new-order notice about `order_id`.
async fn rings_for(notifier: &RecordingNotifier, order_id: &str) -> bool {
    for _ in 0..100 {
        if notifier
            .notices()
            .iter()
            .any(|n| n.kind == NoticeKind::NewOrder && n.order_id.as_deref() == Some(order_id))
        {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

pub(super) async fn settled(desk: &Desk, id: &str) -> mostrador_core::view::OrderDetail {
    let mut detail = desk.get_order(id).await.expect("the order");
    for _ in 0..40 {
        if detail
            .actions
            .iter()
            .all(|a| a.state != ActionState::Pending)
        {
            break;
        }
        desk.sync_now().await.expect("a cycle");
        detail = desk.get_order(id).await.expect("the order");
    }
    detail
}

#[tokio::test]
async fn a_woocommerce_shop_end_to_end_through_the_desk() {
    let shop = Shop::fake();
    let first = shop.create(paid_order("bacs", true)).await.to_string();
    let other = shop.create(paid_order("bacs", false)).await.to_string();
    let dir = tempfile::tempdir().expect("temp dir");
    let base = shop.config().url;
    let (key, secret) = (shop.config().key, shop.config().secret);

    let (desk, notifier) = open(dir.path(), None).await;
    let wrong = desk
        .connect_platform(
            PlatformKind::Woocommerce,
            &base,
            Credentials {
                key: key.clone(),
                secret: "cs_wrong".into(),
            },
        )
        .await
        .expect_err("wrong keys are refused");
    assert!(
        wrong.text.es.contains("claves") && wrong.text.en.contains("keys"),
        "{wrong:?}"
    );
    let plain = desk
        .connect_platform(
            PlatformKind::Woocommerce,
            "http://tienda.example",
            Credentials {
                key: key.clone(),
                secret: secret.clone(),
            },
        )
        .await
        .expect_err("plain http outside loopback is refused");
    assert!(plain.text.es.contains("https"), "{plain:?}");

    let status = desk
        .connect_platform(
            PlatformKind::Woocommerce,
            &base,
            Credentials {
                key: key.clone(),
                secret: secret.clone(),
            },
        )
        .await
        .expect("connects");
    assert_eq!(status.platform, PlatformKind::Woocommerce);
    let store = status.store.expect("the store");
    assert!(
        store.has_feature("payments")
            && store.has_feature("notes")
            && store.attention.auto_cancel_after_s.is_none(),
        "WooCommerce takes payments and staff notes, and never auto-cancels"
    );
    desk.start();
    let status = desk.sync_now().await.expect("first sync");
    assert_eq!(status.state, SyncState::Online);
    assert_eq!(desk.counts().await.expect("counts").all, 2, "first sync");

    let new = shop.create(paid_order("bacs", true)).await.to_string();
    desk.sync_now().await.expect("a poll");
    assert!(
        rings_for(&notifier, &new).await,
        "the new order rings: {:?}",
        notifier.notices()
    );
    assert_eq!(desk.counts().await.expect("counts").all, 3);

    let advance = desk
        .advance(&new, OrderStatus::Preparing)
        .await
        .expect("queued");
    let detail = settled(&desk, &new).await;
    assert_eq!(detail.order.status, OrderStatus::Preparing);
    assert_eq!(
        tagged(&shop, new.parse().unwrap(), &advance.id).await.1,
        1,
        "one note"
    );

    // The shop applies the cancel and its refund, and the answer is lost.
    shop.faults(json!({ "drop_after_commit_rate": 1.0, "seed": 3 }))
        .await;
    let cancel = desk
        .cancel_minor(&other, "Sin stock", 2500)
        .await
        .expect("queued");
    desk.sync_now()
        .await
        .expect("a cycle with a dropped answer");
    let still = desk.get_order(&other).await.expect("order");
    assert!(
        still
            .actions
            .iter()
            .any(|a| a.id == cancel.id && a.state == ActionState::Pending),
        "an unknown outcome waits: {:?}",
        still.actions
    );
    shop.faults(json!({})).await;
    let detail = settled(&desk, &other).await;
    assert_eq!(detail.order.status, OrderStatus::Cancelled);
    let (refunds, notes) = tagged(&shop, other.parse().unwrap(), &cancel.id).await;
    assert_eq!((refunds, notes), (1, 1), "the refund was made once");
    let raw = shop.raw().get(&format!("/orders/{other}")).await;
    assert_eq!(raw["refunds"].as_array().map(Vec::len), Some(1), "{raw}");

    // A restart finds the connection again (credentials from the token store).
    drop(desk);
    let (desk, _) = open(dir.path(), Some(format!("{key}:{secret}"))).await;
    let status = desk.sync_now().await.expect("sync after restart");
    assert_eq!(status.platform, PlatformKind::Woocommerce);
    assert_eq!(status.state, SyncState::Online);
    assert_eq!(desk.counts().await.expect("counts").all, 3);
    let _ = first;
}

async fn shopify_admin(
    fake: &FakeShopify,
    method: reqwest::Method,
    path: &str,
    body: Value,
) -> Value {
    let res = reqwest::Client::new()
        .request(method, format!("{}{path}", fake.url()))
        .json(&body)
        .send()
        .await
        .expect("the fake answers");
    assert!(res.status().is_success(), "{path}: {}", res.status());
    res.json().await.unwrap_or(Value::Null)
}

async fn shopify_faults(fake: &FakeShopify, mut body: Value) {
    body["bucket_max"] = json!(100_000.0);
    body["restore_rate"] = json!(100_000.0);
    shopify_admin(fake, reqwest::Method::PUT, "/admin/test/faults", body).await;
}

async fn shopify_order(fake: &FakeShopify) -> (String, u64) {
    let made = shopify_admin(fake, reqwest::Method::POST, "/admin/test/orders", json!({})).await;
    (
        made["id"].as_str().expect("id").to_string(),
        made["n"].as_u64().expect("n"),
    )
}

#[tokio::test]
async fn a_shopify_shop_end_to_end_through_the_desk() {
    let fake = FakeShopify::start().expect("the fake starts");
    shopify_faults(&fake, json!({})).await;
    let (one, _) = shopify_order(&fake).await;
    let (two, two_n) = shopify_order(&fake).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, notifier) = open(dir.path(), None).await;

    let revoked = desk
        .connect_platform(
            PlatformKind::Shopify,
            &fake.url(),
            Credentials {
                key: String::new(),
                secret: "shpat_revoked".into(),
            },
        )
        .await
        .expect_err("a wrong token is refused");
    assert_eq!(revoked.code, ErrorCode::NotConnected);
    assert!(
        revoked.text.es.contains("token") && revoked.text.en.contains("token"),
        "{revoked:?}"
    );

    let status = desk
        .connect_platform(
            PlatformKind::Shopify,
            &fake.url(),
            Credentials {
                key: String::new(),
                secret: TOKEN.into(),
            },
        )
        .await
        .expect("connects");
    assert_eq!(status.platform, PlatformKind::Shopify);
    desk.start();
    desk.sync_now().await.expect("first sync");
    assert_eq!(desk.counts().await.expect("counts").all, 2);

    let (new, _) = shopify_order(&fake).await;
    desk.sync_now().await.expect("a poll");
    assert!(
        rings_for(&notifier, &new).await,
        "the new order rings: {:?}",
        notifier.notices()
    );

    desk.advance(&new, OrderStatus::Preparing)
        .await
        .expect("queued");
    let detail = settled(&desk, &new).await;
    assert_eq!(detail.order.status, OrderStatus::Preparing);

    shopify_faults(&fake, json!({ "drop_after_commit_rate": 1.0, "seed": 5 })).await;
    desk.cancel_minor(&two, "Sin tortillas", 10_000)
        .await
        .expect("queued");
    desk.sync_now()
        .await
        .expect("a cycle with a dropped answer");
    shopify_faults(&fake, json!({})).await;
    let detail = settled(&desk, &two).await;
    assert_eq!(
        detail.order.status,
        OrderStatus::Cancelled,
        "{:?}",
        detail.actions
    );
    let state = shopify_admin(
        &fake,
        reqwest::Method::GET,
        &format!("/admin/test/orders/{two_n}"),
        Value::Null,
    )
    .await;
    assert_eq!(
        state["refunds"].as_array().map(Vec::len),
        Some(1),
        "{state}"
    );
    assert_eq!(state["refunded"], 10_000);
    assert_eq!(state["effects"]["orderCancel"], 1);
    let _ = one;
}

#[tokio::test]
async fn a_force_deleted_woocommerce_order_leaves_the_list_at_the_next_reconciliation() {
    let shop = Shop::fake();
    let keep = shop.create(paid_order("bacs", true)).await.to_string();
    let gone = shop.create(paid_order("bacs", true)).await.to_string();
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(mostrador_core::clock::ManualClock::new(chrono::Utc::now()));
    let desk = Desk::open_tuned(
        DeskConfig {
            data_dir: dir.path().to_path_buf(),
            clock: clock.clone(),
            notifier: Arc::new(RecordingNotifier::default()),
            token_store: Arc::new(MemoryTokenStore::with(None)),
        },
        Tuning::fast(),
    )
    .await
    .expect("the desk opens");
    let config = shop.config();
    desk.connect_platform(
        PlatformKind::Woocommerce,
        &config.url,
        Credentials {
            key: config.key,
            secret: config.secret,
        },
    )
    .await
    .expect("connects");
    desk.sync_now().await.expect("first sync");
    assert_eq!(desk.counts().await.expect("counts").all, 2);
    shop.raw()
        .call(
            reqwest::Method::DELETE,
            &format!("/orders/{gone}?force=true"),
            None,
        )
        .await;
    desk.sync_now().await.expect("a poll");
    assert_eq!(
        desk.counts().await.expect("counts").all,
        2,
        "no change list shows a deletion"
    );
    clock.advance(chrono::Duration::minutes(6));
    desk.sync_now()
        .await
        .expect("a poll with the reconciliation due");
    assert_eq!(desk.counts().await.expect("counts").all, 1, "reconciled");
    assert!(
        desk.get_order(&gone).await.is_err(),
        "the deleted order is gone"
    );
    assert!(desk.get_order(&keep).await.is_ok());
}
