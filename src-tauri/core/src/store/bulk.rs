//! Bulk loads (a first sync): the orders go in without the search index, which is built once
//! at the end from all rows at once (FTS5 does that several times faster than row by row).

use rusqlite::Connection;

use super::{kv, meta};
use crate::Result;

/// Starts a bulk load (a first sync): until [`end_bulk`], writes skip the search index, which
/// `end_bulk` builds in one pass. The flag lives in the database, so a load interrupted by a
/// crash stays in bulk mode until it finishes. Meanwhile search falls back to a scan of the
/// folded text. Counters and daily sales are kept as always: summed per page, they cost little.
///
/// The list's filter indexes stay: dropping them saved ~0.7 s of inserts at 100,000 orders,
/// and rebuilding them (four `CREATE INDEX`, each a scan of the whole table) cost as much.
pub fn begin_bulk(conn: &Connection) -> Result<()> {
    kv::set(conn, meta::KEY_BULK, "1")
}

/// Ends a bulk load: builds the search index from the orders.
/// (No FTS 'optimize': it cost a third of the index build, and FTS5's automerge keeps the
/// segments few enough for search.)
pub fn end_bulk(conn: &Connection) -> Result<()> {
    // FTS5's default term buffer ('hashsize', 1 MiB) is kept: a 32 MiB one skipped most of
    // the build's merging (-26k instructions per order) but left a few huge level-0 segments
    // that later incremental writes merged into: 100 changed orders took 34 ms instead of 8.
    conn.execute_batch(
        "INSERT INTO orders_fts(orders_fts) VALUES ('delete-all');
         INSERT INTO orders_fts(rowid, search) SELECT rid, search FROM orders;",
    )?;
    kv::remove(conn, meta::KEY_BULK)?;
    conn.execute_batch("PRAGMA optimize")?;
    Ok(())
}
