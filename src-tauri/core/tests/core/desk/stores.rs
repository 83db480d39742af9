//! Actions belong to a store (issue 11, item 9): connecting to another store parks the old
//! store's unsent actions, sends none of them to the new one, and resumes them, once, when the
//! owner connects to the old store again. And at open, the overlay always follows the outbox.

use mostrador_core::model::OrderStatus;
use mostrador_core::outbox::queue;
use reference_backend::Config;

use super::harness::{Backend, connected_desk, open_desk};

fn shop(id: &str, token: &str) -> Backend {
    Backend::with(Config {
        store_id: id.into(),
        store_name: format!("Tienda {id}"),
        token: token.into(),
        ..Config::default()
    })
}

/// Effects of owner actions (those with an idempotency key; not the admin's).
async fn owner_effects(backend: &Backend) -> Vec<serde_json::Value> {
    let mut all = backend.effects(None).await;
    all.retain(|e| !e["idempotency_key"].is_null());
    all
}

#[tokio::test]
async fn another_stores_actions_are_parked_never_sent_and_resumed_once_on_its_return() {
    let mut a = shop("store_a", "token-a");
    let b = shop("store_b", "token-b");
    let a_orders = [a.pickup_order().await, a.pickup_order().await];
    let b_order = b.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&a, dir.path()).await;

    a.server.stop();
    desk.advance(&a_orders[0].id, OrderStatus::Preparing)
        .await
        .expect("queued offline");
    desk.cancel(&a_orders[1].id, "Cerramos temprano", "450,00")
        .await
        .expect("a refund queued offline");
    let a_keys: Vec<String> = desk
        .store()
        .read(queue::pending)
        .expect("reads")
        .into_iter()
        .map(|x| x.id)
        .collect();
    assert_eq!(a_keys.len(), 2, "two actions wait for store A");

    let status = desk
        .connect(&b.server.base_url(), "token-b", false)
        .await
        .expect("store B connects");
    assert_eq!(
        (status.pending_actions, status.parked_actions),
        (0, 2),
        "A's actions are parked as another store's, not queued for B"
    );
    desk.sync_now().await.expect("B syncs");
    assert_eq!(
        desk.counts().await.expect("counts").all,
        1,
        "the cache holds B's orders only"
    );
    desk.advance(&b_order.id, OrderStatus::Preparing)
        .await
        .expect("B's own action");
    desk.sync_now().await.expect("B flushes");
    let b_effects = owner_effects(&b).await;
    assert!(
        b_effects
            .iter()
            .all(|e| !a_keys.iter().any(|k| e["idempotency_key"] == k.as_str())),
        "B never receives A's actions: {b_effects:?}"
    );
    assert_eq!(
        b_effects.len(),
        1,
        "B receives exactly its own action: {b_effects:?}"
    );
    drop(desk);

    // A restart keeps them parked; reconnecting to A resumes them.
    a.server.restart();
    let (desk, _) = open_desk(dir.path(), Some("token-b")).await;
    let status = desk.sync_status().await.expect("status");
    assert_eq!(status.parked_actions, 2, "parked actions survive a restart");
    let status = desk
        .connect(&a.server.base_url(), "token-a", false)
        .await
        .expect("store A connects again");
    assert_eq!(
        (status.pending_actions, status.parked_actions),
        (2, 0),
        "A's actions are back in the queue; B's applied one is parked with B"
    );
    desk.sync_now().await.expect("A flushes");
    desk.sync_now().await.expect("and again: nothing doubles");
    for (key, order) in a_keys.iter().zip(&a_orders) {
        let effects = a.effects(Some(&order.id)).await;
        let mut kinds: Vec<String> = effects
            .iter()
            .filter(|e| e["idempotency_key"] == key.as_str())
            .map(|e| e["kind"].to_string())
            .collect();
        let n = kinds.len();
        kinds.dedup();
        assert!(
            n > 0 && kinds.len() == n,
            "A receives its action {key} exactly once: {effects:?}"
        );
    }
    assert_eq!(
        a.order(&a_orders[0].id).await.status,
        OrderStatus::Preparing,
        "the parked advance was applied at A"
    );
    assert_eq!(
        desk.sync_status().await.expect("status").pending_actions,
        0,
        "nothing is left waiting"
    );
    assert!(
        owner_effects(&b).await.len() == 1,
        "B still saw only its own action"
    );
}

#[tokio::test]
async fn at_open_an_overlay_without_its_action_goes_and_an_action_without_its_overlay_shows() {
    let backend = Backend::spawn(0);
    let first = backend.pickup_order().await;
    let second = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let desk = connected_desk(&backend, dir.path()).await;
        desk.advance(&first.id, OrderStatus::Preparing)
            .await
            .expect("queued");
        // What a crash between the two files' commits can leave: the action of `first` without
        // its overlay (the state committed, the cache not), and an overlay on `second` whose
        // action never reached the state file.
        desk.store()
            .write(|tx| {
                tx.execute_batch(&format!(
                    "UPDATE orders SET local_json = NULL, pending_actions = 0 WHERE id = '{}';
                     UPDATE orders SET local_json = json_set(json, '$.status', 'ready'),
                         pending_actions = 1 WHERE id = '{}';",
                    first.id, second.id
                ))?;
                Ok(())
            })
            .expect("the crash is simulated");
    }
    let (desk, _) = open_desk(dir.path(), None).await;
    assert_eq!(
        desk.get_order(&first.id)
            .await
            .expect("detail")
            .order
            .status,
        OrderStatus::Preparing,
        "a queued action's optimistic state is shown again"
    );
    assert_eq!(
        desk.get_order(&second.id)
            .await
            .expect("detail")
            .order
            .status,
        OrderStatus::Pending,
        "an overlay with no action behind it is dropped"
    );
}

#[tokio::test]
async fn a_cache_left_with_another_stores_orders_is_reset_at_open() {
    let backend = Backend::spawn(3);
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let desk = connected_desk(&backend, dir.path()).await;
        assert_eq!(desk.counts().await.expect("counts").all, 3, "synced");
        // A crash between the two files' commits of a store switch: the state moved on to
        // another store, the cache still holds this one's orders.
        desk.store()
            .write(|tx| {
                tx.execute(
                    "UPDATE main.kv SET value = 'http://elsewhere store_9' WHERE key = ?1",
                    [mostrador_core::store::meta::KEY_CACHE_STORE],
                )?;
                Ok(())
            })
            .expect("simulated");
    }
    let (desk, _) = open_desk(dir.path(), None).await;
    assert_eq!(
        desk.counts().await.expect("counts").all,
        0,
        "orders of a store other than the outbox's are never shown; the next sync refills"
    );
}
