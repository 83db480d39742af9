//! Pull against the reference backend: first sync in bulk, incremental pulls, the event
//! stream waking the loop, and the attention scheduler hearing about refused actions.

use std::sync::Arc;
use std::time::Duration;

use mostrador_core::api::{ApiClient, ApiConfig};
use mostrador_core::attention::NoticeKind;
use mostrador_core::attention::RecordingNotifier;
use mostrador_core::clock::SystemClock;
use mostrador_core::desk::{Desk, DeskConfig, DeskEvent, MemoryTokenStore, Tuning};
use mostrador_core::model::OrderStatus;
use mostrador_core::store::{Store, meta, query};
use mostrador_core::sync::{self, SyncConfig};
use mostrador_core::view::OrderQuery;

use crate::desk::harness::{Backend, connected_desk, open_desk};

mod backoff;
mod quarantine;
pub mod wire;

#[tokio::test]
async fn a_first_sync_pages_in_bulk_and_ends_with_a_searchable_cache() {
    let backend = Backend::spawn(730);
    let store = Arc::new(Store::open_in_memory().expect("store"));
    let api = ApiClient::new(
        &backend.server.base_url(),
        backend.server.token(),
        Arc::new(SystemClock),
        ApiConfig::default(),
    )
    .expect("client");
    let shop = api.store().await.expect("store");
    store
        .write(|tx| meta::set_store(tx, &shop))
        .expect("store saved");
    let config = SyncConfig {
        page_limit: 100,
        bulk_commit_every: 250,
        ..SyncConfig::default()
    };
    let mut commits = Vec::new();
    let report = sync::pull(&store, &api, &config, |p| commits.push(p))
        .await
        .expect("pull");
    assert_eq!(report.fetched, 730, "every order arrives");
    assert_eq!(report.requests, 8, "730 orders in pages of 100");
    assert!(report.all, "a pull from cursor 0 is a first sync");
    assert!(
        commits.len() >= 3 && commits.iter().all(|p| p.all),
        "orders show as they arrive, a few thousand per commit: {commits:?}"
    );
    let (cursor, in_bulk, counts) = store
        .read(|c| Ok((meta::cursor(c)?, meta::in_bulk(c)?, query::counts(c)?)))
        .expect("read");
    assert_eq!(
        counts.all, 730,
        "counters are rebuilt at the end of the bulk load"
    );
    assert!(!in_bulk, "bulk mode ends with the pull");
    let last_seq = backend
        .all_orders()
        .await
        .iter()
        .map(|o| o.seq)
        .max()
        .unwrap_or(0);
    assert_eq!(cursor, last_seq, "the cursor is the last seq received");
    let again = sync::pull(&store, &api, &config, |_| {})
        .await
        .expect("pull");
    assert_eq!(
        (again.requests, again.fetched, again.all),
        (1, 0, false),
        "nothing new: one request, no bulk"
    );
}

#[tokio::test]
async fn an_incremental_pull_brings_only_what_changed() {
    let backend = Backend::spawn(40);
    let dir = tempfile::tempdir().expect("dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let victim = backend
        .all_orders()
        .await
        .into_iter()
        .find(|o| o.status != OrderStatus::Cancelled)
        .expect("an open order");
    assert!(
        backend.customer_cancel(&victim.id).await,
        "the open order can be cancelled by its customer"
    );
    let fresh = backend.pickup_order().await;
    let mut events = desk.subscribe();
    desk.sync_now().await.expect("sync");
    let mut changed = Vec::new();
    while let Ok(event) = events.try_recv() {
        if let DeskEvent::OrdersChanged(c) = event {
            assert!(
                !c.all,
                "an incremental pull names the orders, it does not reload everything"
            );
            changed.extend(c.ids);
        }
    }
    changed.sort();
    let mut want = vec![victim.id.clone(), fresh.id.clone()];
    want.sort();
    assert_eq!(
        changed, want,
        "exactly the cancelled and the new order changed"
    );
    assert_eq!(
        desk.get_order(&victim.id)
            .await
            .expect("detail")
            .order
            .status,
        OrderStatus::Cancelled,
        "the change is cached"
    );
    let found = desk
        .list_orders(OrderQuery {
            search: Some(fresh.number.clone()),
            ..OrderQuery::default()
        })
        .await
        .expect("search");
    assert!(
        found.orders.iter().any(|o| o.id == fresh.id),
        "a new order is searchable after an incremental pull"
    );
}

async fn wait_for<T>(mut probe: impl AsyncFnMut() -> Option<T>, what: &str) -> T {
    // A safety net so a broken loop fails instead of hanging; not a timing assertion.
    for _ in 0..200 {
        if let Some(found) = probe().await {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("gave up waiting for {what}");
}

#[tokio::test]
async fn with_the_loop_running_a_new_backend_order_arrives_without_asking() {
    let backend = Backend::spawn(5);
    let dir = tempfile::tempdir().expect("dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let mut events = desk.subscribe();
    desk.start();
    let order = backend.pickup_order().await;
    let seen = wait_for(
        async || {
            while let Ok(event) = events.try_recv() {
                if let DeskEvent::OrdersChanged(c) = event
                    && c.ids.contains(&order.id)
                {
                    return Some(());
                }
            }
            None
        },
        "the new order's OrdersChanged event",
    )
    .await;
    assert_eq!(seen, (), "the event stream (or the poll) woke the loop");
    assert!(
        desk.get_order(&order.id).await.is_ok(),
        "the order is cached"
    );
}

#[tokio::test]
async fn a_refused_action_reaches_the_owner_as_one_notification() {
    let mut backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("dir");
    let desk = connected_desk(&backend, dir.path()).await;
    drop(desk);
    let (desk, notifier) = open_desk(dir.path(), Some(backend.server.token())).await;
    backend.server.stop();
    desk.advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queued offline");
    backend.server.restart();
    assert!(
        backend.customer_cancel(&order.id).await,
        "the open order can be cancelled by its customer"
    );
    desk.start();
    let notices = wait_for(
        async || {
            let failed: Vec<_> = notifier
                .notices()
                .into_iter()
                .filter(|n| n.kind == NoticeKind::ActionFailed)
                .collect();
            (!failed.is_empty()).then_some(failed)
        },
        "the action-failed notice",
    )
    .await;
    assert_eq!(notices.len(), 1, "one refused action, one notice");
    assert_eq!(
        notices[0].order_id.as_deref(),
        Some(order.id.as_str()),
        "tapping it opens the order"
    );
}

#[tokio::test]
async fn the_event_stream_alone_wakes_the_loop_when_polling_is_off() {
    let backend = Backend::spawn(3);
    let dir = tempfile::tempdir().expect("dir");
    let mut tuning = Tuning::fast();
    tuning.sync.poll_every = Duration::from_secs(3600);
    let config = DeskConfig {
        data_dir: dir.path().to_path_buf(),
        clock: Arc::new(SystemClock),
        notifier: Arc::new(RecordingNotifier::default()),
        token_store: Arc::new(MemoryTokenStore::default()),
    };
    let desk = Desk::open_tuned(config, tuning).await.expect("desk");
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connect");
    desk.sync_now().await.expect("sync");
    desk.start();
    let order = backend.pickup_order().await;
    let cached = wait_for(
        async || desk.get_order(&order.id).await.ok(),
        "the order pushed by the event stream",
    )
    .await;
    assert_eq!(
        cached.order.id, order.id,
        "with an hour between polls only the event stream can have brought it"
    );
}
