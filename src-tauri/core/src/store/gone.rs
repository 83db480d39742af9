//! Orders a platform says are gone (trashed, force-deleted, or not an order to attend any
//! more): taken off the cache with their tags, search entry, counters and daily sales.

use rusqlite::{Connection, params};

use super::orders::{EXISTING, existing};
use super::tally::Delta;
use crate::Result;

/// Removes order `id` from the cache; false when it was not there. An order with queued
/// actions is kept (the outbox settles it first; the next reconciliation removes it).
pub fn remove(conn: &Connection, id: &str) -> Result<bool> {
    let Some(old) = existing(&mut conn.prepare_cached(EXISTING)?, id)? else {
        return Ok(false);
    };
    if old.has_overlay {
        return Ok(false);
    }
    let tags: Vec<String> = serde_json::from_str(&old.tags).map_err(crate::Error::internal)?;
    let mut untag =
        conn.prepare_cached("DELETE FROM order_tags WHERE tag = ?1 AND order_rowid = ?2")?;
    for tag in &tags {
        untag.execute(params![tag, old.rid])?;
    }
    conn.prepare_cached("DELETE FROM orders_fts WHERE rowid = ?1")?
        .execute([old.rid])?;
    conn.prepare_cached("DELETE FROM orders WHERE rid = ?1")?
        .execute(params![old.rid])?;
    let mut delta = Delta::default();
    delta.add(Some(&old.tally), None);
    delta.flush(conn)?;
    Ok(true)
}

/// The ids of the cached orders, for a platform's id-only reconciliation: every one, or only
/// those still being attended (`active`: neither delivered nor cancelled).
pub fn cached_ids(conn: &Connection, active: bool) -> Result<Vec<String>> {
    let sql = if active {
        "SELECT id FROM orders WHERE status NOT IN ('delivered', 'cancelled')"
    } else {
        "SELECT id FROM orders"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}
