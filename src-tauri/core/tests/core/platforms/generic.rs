//! One connector contract, written once against the [`Platform`] trait and run against every
//! platform's test server: our Orders API (the reference backend), WooCommerce and Shopify.
//! First and incremental sync through the opaque cursor, a stage change, a cancel with a
//! partial refund applied exactly once even when sent twice, and the id-only presence check.
//! The platform-specific quirks stay in each platform's own suite.

use std::collections::BTreeSet;
use std::sync::Arc;

use mostrador_core::model::OrderStatus;
use mostrador_core::platforms::orders_api::OrdersApi;
use mostrador_core::platforms::shopify::{ShopifyClient, ShopifyConfig};
use mostrador_core::platforms::{ApplyOutcome, Cursor, Platform, PlatformAction};
use mostrador_core::view::ActionKind;
use serde_json::{Value, json};
use shopify_fake::FakeShopify;

use super::shop::{Shop, paid_order};
use crate::desk::harness::Backend;

/// What the contract needs from a test server besides the platform: making orders.
trait Rig {
    async fn new_order(&self) -> String;
    /// A partial refund that fits the orders `new_order` makes.
    fn refund(&self) -> i64;
    /// An id no order has.
    fn missing_id(&self) -> String;
}

async fn drain<P: Platform>(p: &P, mut cursor: Option<Cursor>) -> (BTreeSet<String>, Cursor) {
    let mut ids = BTreeSet::new();
    for _ in 0..100 {
        let page = p.changes(cursor.as_ref()).await.expect("a page of changes");
        ids.extend(page.orders.iter().map(|o| o.id.clone()));
        assert_eq!(
            page.orders.len(),
            page.json.len(),
            "each order with its JSON"
        );
        let more = page.more;
        cursor = Some(page.next);
        if !more {
            break;
        }
    }
    (ids, cursor.expect("a cursor"))
}

fn action(id: &str, order: &str, kind: ActionKind) -> PlatformAction {
    PlatformAction {
        id: id.into(),
        order_id: order.into(),
        order_number: order.rsplit('/').next().unwrap_or(order).into(),
        kind,
        device: Some("Caja 1".into()),
        at: "2026-12-01T14:05:00Z".parse().expect("a time"),
    }
}

async fn applied<P: Platform>(p: &P, a: &PlatformAction) {
    match p.apply(a).await {
        ApplyOutcome::Applied(_) => {}
        other => panic!("{:?} was not applied: {other:?}", a.kind),
    }
}

async fn contract<P: Platform, R: Rig>(name: &str, p: &P, rig: &R) {
    let shop = p.shop().await.expect("the shop");
    assert!(!shop.name.is_empty(), "{name}: the shop has a name");
    assert!(
        p.capabilities().advance && p.capabilities().cancel,
        "{name}"
    );

    let a = rig.new_order().await;
    let b = rig.new_order().await;
    let (first, cursor) = drain(p, None).await;
    assert!(
        first.contains(&a) && first.contains(&b),
        "{name}: first sync sees both"
    );

    let c = rig.new_order().await;
    let (next, _) = drain(p, Some(cursor)).await;
    assert!(
        next.contains(&c),
        "{name}: an incremental sync sees the new order"
    );
    assert!(
        !next.contains(&a) || next.len() <= 3,
        "{name}: it is not a full resync"
    );

    applied(
        p,
        &action(
            "6f1c2a3e-0000-4000-8000-00000000a001",
            &a,
            ActionKind::Advance {
                to: OrderStatus::Preparing,
            },
        ),
    )
    .await;
    let now = p.order(&a).await.expect("read").expect("exists").order;
    assert_eq!(
        now.status,
        OrderStatus::Preparing,
        "{name}: the stage moved"
    );

    let refund = rig.refund();
    let cancel = action(
        "6f1c2a3e-0000-4000-8000-00000000a002",
        &b,
        ActionKind::Cancel {
            reason: "Sin stock".into(),
            refund_amount: refund,
        },
    );
    applied(p, &cancel).await;
    // Sent again (a lost answer, a restarted sender): found done, not done twice.
    applied(p, &cancel).await;
    let now = p.order(&b).await.expect("read").expect("exists").order;
    assert_eq!(now.status, OrderStatus::Cancelled, "{name}: cancelled");
    assert_eq!(now.refunded, refund, "{name}: refunded exactly once");

    let present = p
        .present_ids(&[a.clone(), rig.missing_id()])
        .await
        .expect("presence");
    assert_eq!(present, vec![a], "{name}: only what exists is present");
}

impl Rig for Backend {
    async fn new_order(&self) -> String {
        self.create_order(json!({
            "fulfillment": "pickup", "total": 45000,
            "payment": {"method": "card", "gateway": "conekta", "status": "paid"},
        }))
        .await
        .id
    }
    fn refund(&self) -> i64 {
        10_000
    }
    fn missing_id(&self) -> String {
        "ord_does_not_exist".into()
    }
}

impl Rig for Shop {
    async fn new_order(&self) -> String {
        self.create(paid_order("bacs", true)).await.to_string()
    }
    fn refund(&self) -> i64 {
        2500
    }
    fn missing_id(&self) -> String {
        "987654".into()
    }
}

struct ShopifyRig(FakeShopify);

impl Rig for ShopifyRig {
    async fn new_order(&self) -> String {
        let made: Value = reqwest::Client::new()
            .post(format!("{}/admin/test/orders", self.0.url()))
            .json(&json!({}))
            .send()
            .await
            .expect("the fake answers")
            .json()
            .await
            .expect("JSON");
        made["id"].as_str().expect("id").to_string()
    }
    fn refund(&self) -> i64 {
        10_000
    }
    fn missing_id(&self) -> String {
        "gid://shopify/Order/987654".into()
    }
}

#[tokio::test]
async fn the_orders_api_keeps_the_connector_contract() {
    let backend = Backend::spawn(0);
    let api = mostrador_core::api::ApiClient::new(
        &backend.server.base_url(),
        backend.server.token(),
        Arc::new(mostrador_core::clock::SystemClock),
        mostrador_core::desk::Tuning::fast().api,
    )
    .expect("a client");
    contract("orders api", &OrdersApi(api), &backend).await;
}

#[tokio::test]
async fn woocommerce_keeps_the_connector_contract() {
    let shop = Shop::fake();
    contract("woocommerce", &shop.connector(), &shop).await;
}

#[tokio::test]
async fn shopify_keeps_the_connector_contract() {
    let rig = ShopifyRig(FakeShopify::start().expect("the fake starts"));
    reqwest::Client::new()
        .put(format!("{}/admin/test/faults", rig.0.url()))
        .json(&json!({ "bucket_max": 100000.0, "restore_rate": 100000.0 }))
        .send()
        .await
        .expect("faults");
    let client = ShopifyClient::new(
        &rig.0.url(),
        shopify_fake::server::TOKEN,
        ShopifyConfig {
            job_poll_every: std::time::Duration::from_millis(5),
            ..ShopifyConfig::default()
        },
    )
    .expect("a client");
    contract("shopify", &client, &rig).await;
}
