//! Server upserts never regress; overlays show the optimistic order until cleared.

use mostrador_core::ErrorCode;
use mostrador_core::model::OrderStatus;
use mostrador_core::store::{Store, kv, meta, orders, query};
use mostrador_core::view::OrderQuery;

use super::fixtures::{MX, moved, order, store_with};

#[test]
fn an_upserted_order_reads_back_exactly_as_received() {
    let o = order(1, "2026-11-20T18:02:11Z");
    let store = store_with(std::slice::from_ref(&o), MX);
    let got = store.read(|c| orders::get(c, "ord_1")).expect("reads");
    assert_eq!(
        got,
        Some(o),
        "the cache returns the server's order unchanged"
    );
}

#[test]
fn an_older_or_equal_version_never_replaces_the_cached_order() {
    let v1 = order(1, "2026-11-20T18:02:11Z");
    let v2 = moved(&v1, OrderStatus::Preparing);
    let store = store_with(std::slice::from_ref(&v2), MX);
    let mut same_version = moved(&v1, OrderStatus::Cancelled);
    same_version.version = v2.version;

    let changed = store
        .write(|tx| orders::upsert_server(tx, &[v1.clone(), same_version], MX))
        .expect("writes");
    assert!(
        changed.is_empty(),
        "older and equal versions change nothing, so none is reported"
    );
    let got = store.read(|c| orders::get(c, "ord_1")).expect("reads");
    assert_eq!(got, Some(v2), "the cache never goes back to an older state");
    let counts = store.read(query::counts).expect("counts");
    assert_eq!(
        (counts.preparing, counts.pending, counts.cancelled),
        (1, 0, 0),
        "ignored versions do not touch the counters either"
    );
}

#[test]
fn a_newer_version_replaces_the_order_and_is_reported_as_changed() {
    let v1 = order(1, "2026-11-20T18:02:11Z");
    let store = store_with(std::slice::from_ref(&v1), MX);
    let v2 = moved(&v1, OrderStatus::Preparing);
    let changed = store
        .write(|tx| orders::upsert_server(tx, std::slice::from_ref(&v2), MX))
        .expect("writes");
    assert_eq!(
        changed,
        vec!["ord_1".to_string()],
        "the changed order's id is reported"
    );
    let counts = store.read(query::counts).expect("counts");
    assert_eq!(
        (counts.all, counts.pending, counts.preparing),
        (1, 0, 1),
        "the order moved from pending to preparing in the counters"
    );
}

#[test]
fn an_overlay_is_shown_until_cleared_even_when_the_server_sends_a_newer_version() {
    let v1 = order(1, "2026-11-20T18:02:11Z");
    let store = store_with(std::slice::from_ref(&v1), MX);
    let optimistic = moved(&v1, OrderStatus::Preparing);
    store
        .write(|tx| orders::set_overlay(tx, "ord_1", Some(&optimistic), MX))
        .expect("overlay set");

    let mut server_v2 = v1;
    server_v2.version = 2;
    server_v2.notes = Some("Con azúcar".into());
    let changed = store
        .write(|tx| orders::upsert_server(tx, std::slice::from_ref(&server_v2), MX))
        .expect("writes");
    assert_eq!(
        changed,
        vec!["ord_1".to_string()],
        "the server's change is still reported"
    );

    let shown = store
        .read(|c| orders::get(c, "ord_1"))
        .expect("reads")
        .expect("cached");
    assert_eq!(
        shown.status,
        OrderStatus::Preparing,
        "the owner keeps seeing the optimistic state"
    );
    let server = store
        .read(|c| orders::get_server(c, "ord_1"))
        .expect("reads");
    assert_eq!(
        server,
        Some(server_v2.clone()),
        "the server's order is kept beside the overlay"
    );
    let row = list_one(&store);
    assert_eq!(
        row.status,
        OrderStatus::Preparing,
        "the list row shows the overlay too"
    );
    assert_eq!(
        store.read(query::counts).expect("counts").preparing,
        1,
        "counted as shown"
    );

    store
        .write(|tx| orders::set_overlay(tx, "ord_1", None, MX))
        .expect("cleared");
    let shown = store.read(|c| orders::get(c, "ord_1")).expect("reads");
    assert_eq!(
        shown,
        Some(server_v2),
        "clearing the overlay shows the server's latest order"
    );
    let counts = store.read(query::counts).expect("counts");
    assert_eq!(
        (counts.pending, counts.preparing),
        (1, 0),
        "counters follow the cleared overlay"
    );
}

#[test]
fn an_overlay_for_an_order_not_in_the_cache_is_refused() {
    let store = Store::open_in_memory().expect("opens");
    let o = order(1, "2026-11-20T18:02:11Z");
    let err = store
        .write(|tx| orders::set_overlay(tx, "ord_1", Some(&o), MX))
        .expect_err("there is nothing to overlay");
    assert_eq!(
        err.code,
        ErrorCode::NotFound,
        "the caller learns the order is not cached"
    );
}

#[test]
fn pending_actions_show_on_the_list_row() {
    let store = store_with(&[order(1, "2026-11-20T18:02:11Z")], MX);
    store
        .write(|tx| orders::set_pending_actions(tx, "ord_1", 2))
        .expect("set");
    assert_eq!(
        list_one(&store).pending_actions,
        2,
        "the row shows two queued actions"
    );
    let err = store.write(|tx| orders::set_pending_actions(tx, "nope", 1));
    assert_eq!(
        err.expect_err("unknown order").code,
        ErrorCode::NotFound,
        "counting actions of an unknown order is an error, not a silent no-op"
    );
}

#[test]
fn resetting_the_cache_forgets_orders_and_cursor_but_keeps_settings_and_other_tables() {
    let store = store_with(&[order(1, "2026-11-20T18:02:11Z")], MX);
    store
        .write(|tx| {
            meta::set_cursor(tx, 99)?;
            kv::set(tx, "settings", "{}")?;
            tx.execute_batch("CREATE TABLE probe(x); INSERT INTO probe VALUES (1);")?;
            Ok(())
        })
        .expect("written");
    store
        .write(|tx| mostrador_core::store::reset_cache(tx))
        .expect("reset");
    let (cursor, settings, probe, counts, found) = store
        .read(|c| {
            let probe: i64 = c.query_row("SELECT count(*) FROM probe", [], |r| r.get(0))?;
            Ok((
                meta::cursor(c)?,
                kv::get(c, "settings")?,
                probe,
                query::counts(c)?,
                query::list(c, &search("1001"), MX)?.orders.len(),
            ))
        })
        .expect("reads");
    assert_eq!(cursor, 0, "a resync starts from the beginning");
    assert_eq!(settings.as_deref(), Some("{}"), "settings survive a resync");
    assert_eq!(
        probe, 1,
        "other modules' tables (outbox, ledger) are never touched"
    );
    assert_eq!(counts.all, 0, "the counters are emptied with the orders");
    assert_eq!(found, 0, "the search index is emptied with the orders");
}

#[test]
fn a_bulk_load_builds_counters_and_search_once_at_the_end() {
    let store = Store::open_in_memory().expect("opens");
    let mut jose = order(2, "2026-11-20T19:00:00Z");
    jose.customer.name = "José Núñez".into();
    let list = [order(1, "2026-11-20T18:00:00Z"), jose];
    store
        .write(|tx| orders::begin_bulk(tx))
        .expect("bulk starts");
    store
        .write(|tx| orders::upsert_server(tx, &list, MX))
        .expect("written");

    let during = store.read(query::counts).expect("counts");
    assert_eq!(
        (during.all, during.pending),
        (2, 2),
        "counts are right even mid-load"
    );
    let found = store
        .read(|c| query::list(c, &search("nunez"), MX))
        .expect("search");
    assert_eq!(
        found.orders.len(),
        1,
        "search works mid-load, accents ignored, without the index"
    );

    store.write(|tx| orders::end_bulk(tx)).expect("bulk ends");
    let after = store.read(query::counts).expect("counts");
    assert_eq!(
        after, during,
        "the rebuilt counters equal the computed ones"
    );
    let found = store
        .read(|c| query::list(c, &search("jose"), MX))
        .expect("search");
    assert_eq!(
        found.orders.len(),
        1,
        "the index built at the end finds accented names"
    );
}

fn search(text: &str) -> OrderQuery {
    OrderQuery {
        search: Some(text.into()),
        ..OrderQuery::default()
    }
}

fn list_one(store: &Store) -> mostrador_core::view::OrderSummary {
    let page = store
        .read(|c| query::list(c, &OrderQuery::default(), MX))
        .expect("lists");
    page.orders.into_iter().next().expect("one order cached")
}

fn received(list: &[mostrador_core::model::Order]) -> Vec<Box<str>> {
    list.iter()
        .map(|o| serde_json::to_string(o).expect("encodes").into_boxed_str())
        .collect()
}

#[test]
fn an_order_received_twice_in_a_bulk_load_keeps_the_newest_version_and_counts_once() {
    let store = Store::open_in_memory().expect("opens");
    let first = order(1, "2026-11-20T18:00:00Z");
    let mut newer = first.clone();
    newer.status = OrderStatus::Preparing;
    newer.version += 1;
    store
        .write(|tx| orders::begin_bulk(tx))
        .expect("bulk starts");
    for page in [vec![first.clone()], vec![newer.clone()], vec![first]] {
        store
            .write(|tx| orders::upsert_received(tx, &page, &received(&page), MX))
            .expect("written");
    }
    store.write(|tx| orders::end_bulk(tx)).expect("bulk ends");
    let kept = store
        .read(|c| orders::get(c, &newer.id))
        .expect("reads")
        .expect("cached");
    assert_eq!(
        kept.version, newer.version,
        "the newer version replaced the first, and the older one sent again did not win"
    );
    let counts = store.read(query::counts).expect("counts");
    assert_eq!(
        (counts.all, counts.pending, counts.preparing),
        (1, 0, 1),
        "one order, counted once, under its newest status"
    );
}
