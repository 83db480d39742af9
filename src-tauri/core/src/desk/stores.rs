//! Actions belong to a store; they never cross to another.
//!
//! A store is its backend URL and its id (`GET /v1/store`): [`meta::store_key`]. The state file
//! records which store the rows in `outbox` belong to, and the cache which store its orders
//! belong to. Connecting to another store parks the outbox (every row, with its key and exact
//! bytes) in `parked_outbox` under the old store's key, brings back the new store's parked rows,
//! and resets the cache; reconnecting to the old store later resumes its actions where they
//! stopped, exactly once. At open, a cache that disagrees with the state about the store (a
//! crash between the two files' commits) is reset, and every overlay is recomputed from the
//! outbox, which is the source of truth.

use rusqlite::Connection;

use crate::Result;
use crate::model::Shop;
use crate::outbox::{queue, refresh_overlay};
use crate::store::meta::{self, KEY_CACHE_STORE, KEY_OUTBOX_STORE, KEY_URL};
use crate::store::{kv, orders};

const COLUMNS: &str = "seq, id, order_id, order_number, kind, action, path, body, state, \
    attempts, created_at, next_attempt_at, settled_at, error_es, error_en, dismissed";

/// The store the outbox's rows belong to: recorded, or for a file from before stores were
/// told apart, the store and URL last connected.
fn outbox_owner(conn: &Connection) -> Result<Option<String>> {
    if let Some(key) = kv::get(conn, KEY_OUTBOX_STORE)? {
        return Ok(Some(key));
    }
    let store = meta::store(conn)?;
    let url = kv::get(conn, KEY_URL)?;
    Ok(match (store, url) {
        (Some(s), Some(url)) => Some(meta::store_key(&url, &s.id)),
        _ => None,
    })
}

/// Makes the outbox hold the actions of store `key` (backend URL + store id) and no other:
/// the rows of the store it held are parked, `key`'s parked rows come back. Returns whether the
/// outbox changed hands. Call in the transaction that saves the new connection.
pub(crate) fn switch_outbox(conn: &Connection, key: &str, shop: &Shop) -> Result<bool> {
    let owner = outbox_owner(conn)?;
    let known_id = meta::store(conn)?.map(|s| s.id);
    let same = match &owner {
        Some(owner) => owner == key,
        // Rows from before any URL was kept: they are the last known store's.
        None => known_id.as_ref().is_none_or(|id| *id == shop.id),
    };
    if !same {
        let parked_as = owner.unwrap_or_else(|| meta::store_key("", &known_id.unwrap_or_default()));
        conn.execute(
            &format!(
                "INSERT INTO state.parked_outbox ({COLUMNS}, store_key)
                 SELECT {COLUMNS}, ?1 FROM state.outbox"
            ),
            [&parked_as],
        )?;
        conn.execute_batch("DELETE FROM state.outbox")?;
        conn.execute(
            &format!(
                "INSERT INTO state.outbox ({COLUMNS})
                 SELECT {COLUMNS} FROM state.parked_outbox WHERE store_key = ?1 ORDER BY seq"
            ),
            [key],
        )?;
        conn.execute(
            "DELETE FROM state.parked_outbox WHERE store_key = ?1",
            [key],
        )?;
        tracing::info!(from = %parked_as, to = %key, "another store: its actions are parked");
    }
    kv::set(conn, KEY_OUTBOX_STORE, key)?;
    Ok(!same)
}

/// Whether the cache holds another store's orders than `key` (and so must be reset).
pub(crate) fn cache_is_for_another(conn: &Connection, key: &str, shop: &Shop) -> Result<bool> {
    Ok(match kv::get(conn, KEY_CACHE_STORE)? {
        Some(cached) => cached != key,
        None => meta::store(conn)?.is_some_and(|p| p.id != shop.id),
    })
}

/// Pending actions parked for other stores.
pub(crate) fn parked_pending(conn: &Connection) -> Result<u32> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM state.parked_outbox WHERE state = 'pending'")?
        .query_row([], |r| r.get(0))?)
}

/// At open: resets a cache that holds another store's orders than the outbox's, and
/// recomputes the overlay of every order with a local change or a pending action, so a crash
/// between the two files' commits never leaves an action without its overlay or an overlay
/// without its action.
pub(crate) fn reconcile(conn: &Connection) -> Result<usize> {
    let (Some(owner), cached) = (
        kv::get(conn, KEY_OUTBOX_STORE)?,
        kv::get(conn, KEY_CACHE_STORE)?,
    ) else {
        return overlays(conn);
    };
    let Some(cached) = cached else {
        // A new (or reset) cache: it is filled from the store the outbox belongs to.
        kv::set(conn, KEY_CACHE_STORE, &owner)?;
        return overlays(conn);
    };
    if owner != cached {
        tracing::warn!(%owner, %cached, "the cache holds another store's orders; resetting it");
        orders::reset_cache(conn)?;
        kv::set(conn, KEY_CACHE_STORE, &owner)?;
    }
    overlays(conn)
}

fn overlays(conn: &Connection) -> Result<usize> {
    let tz = meta::store(conn)?.map_or(chrono_tz::UTC, |s| s.tz());
    let mut ids = queue::orders_with_pending(conn)?;
    let local: Vec<String> = conn
        .prepare(
            "SELECT id FROM orders INDEXED BY orders_local
             WHERE pending_actions > 0 OR local_json IS NOT NULL",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.extend(local);
    ids.sort();
    ids.dedup();
    for id in &ids {
        refresh_overlay(conn, id, tz)?;
    }
    Ok(ids.len())
}
