//! Named values kept in `kv` (see [`super::kv`] for which file each lives in): the store as
//! last fetched, the sync cursor, and which store the cache and the outbox belong to. The cursor is
//! written by the caller in the same transaction as the orders it covers.

use rusqlite::Connection;

use super::kv;
use crate::Result;
use crate::model::Shop;

/// Key of the store JSON (`GET /v1/store`).
pub const KEY_STORE: &str = "store";
/// Key of the sync cursor (the last `seq` applied).
pub const KEY_CURSOR: &str = "sync.cursor";
/// Key set while a bulk load is in progress (see [`super::orders::begin_bulk`]).
pub const KEY_BULK: &str = "store.bulk";
/// Cache key: which store (backend URL and store id) the cached orders belong to.
pub const KEY_CACHE_STORE: &str = "cache.store_key";
/// Cache key: the id of the state file the cache was last opened with (a state file that
/// vanished or was emptied is noticed, not taken for a first start).
pub const KEY_CACHE_STATE_ID: &str = "cache.state_id";
/// Cache key: when the cache last passed its full `quick_check` (RFC 3339); it goes with the
/// file, so a fresh or replaced cache is checked again.
pub const KEY_CACHE_CHECKED: &str = "cache.checked_at";
/// State key: the state file's own id (see [`KEY_CACHE_STATE_ID`]).
pub const KEY_STATE_ID: &str = "state.id";
/// State key: the backend URL (the desk's connection; survives a cache reset).
pub const KEY_URL: &str = "backend.url";
/// State key: the owner's settings JSON.
pub const KEY_SETTINGS: &str = "settings";
/// State key: which store (backend URL and store id) the actions in `outbox` belong to.
pub const KEY_OUTBOX_STORE: &str = "outbox.store_key";

/// The store as last fetched, if any.
pub fn store(conn: &Connection) -> Result<Option<Shop>> {
    kv::get_json(conn, KEY_STORE)
}

/// Remembers the store.
pub fn set_store(conn: &Connection, store: &Shop) -> Result<()> {
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

/// The sync cursor as a platform keeps it: opaque text (WooCommerce, Shopify); `None` on a
/// fresh cache. Same key as [`cursor`], so a cache reset forgets it too.
pub fn text_cursor(conn: &Connection) -> Result<Option<String>> {
    kv::get(conn, KEY_CURSOR)
}

/// Moves a platform's opaque cursor.
pub fn set_text_cursor(conn: &Connection, cursor: &str) -> Result<()> {
    kv::set(conn, KEY_CURSOR, cursor)
}

/// Whether a bulk load is in progress (its counters, daily table and index are not kept yet).
pub fn in_bulk(conn: &Connection) -> Result<bool> {
    Ok(kv::get(conn, KEY_BULK)?.is_some())
}

/// The key that identifies a store: its backend URL and its id. Actions and cached orders
/// belong to one store; they never cross to another.
pub fn store_key(backend_url: &str, store_id: &str) -> String {
    format!("{} {store_id}", backend_url.trim_end_matches('/'))
}
