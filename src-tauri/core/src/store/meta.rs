//! Named state kept in `kv`: the store as last fetched and the sync cursor. The cursor is
//! written by the caller in the same transaction as the orders it covers.

use rusqlite::Connection;

use super::kv;
use crate::Result;
use crate::model::Store;

/// Key of the store JSON (`GET /v1/store`).
pub const KEY_STORE: &str = "store";
/// Key of the sync cursor (the last `seq` applied).
pub const KEY_CURSOR: &str = "sync.cursor";
/// Key set while a bulk load is in progress (see [`super::orders::begin_bulk`]).
pub const KEY_BULK: &str = "store.bulk";

/// The store as last fetched, if any.
pub fn store(conn: &Connection) -> Result<Option<Store>> {
    kv::get_json(conn, KEY_STORE)
}

/// Remembers the store.
pub fn set_store(conn: &Connection, store: &Store) -> Result<()> {
    kv::set_json(conn, KEY_STORE, store)
}

/// The sync cursor: orders with `seq` above it are still to be fetched (0 on a fresh cache).
pub fn cursor(conn: &Connection) -> Result<i64> {
    Ok(kv::get(conn, KEY_CURSOR)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// Moves the sync cursor.
pub fn set_cursor(conn: &Connection, seq: i64) -> Result<()> {
    kv::set(conn, KEY_CURSOR, &seq.to_string())
}

/// Whether a bulk load is in progress (its counters, daily table and index are not kept yet).
pub fn in_bulk(conn: &Connection) -> Result<bool> {
    Ok(kv::get(conn, KEY_BULK)?.is_some())
}
