//! Small named values, in two tables: the keys that describe the cache itself (the sync cursor,
//! a bulk load in progress, which store the cache holds) live in the cache file's `kv`; every
//! other key (settings, the backend URL, the store, which store the outbox belongs to) lives in
//! the state file's `kv`, so it survives a cache that is reset or thrown away.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{Error, Result};

/// Keys kept in the cache file; they go with it when it is reset or moved aside.
pub const CACHE_KEYS: &[&str] = &[
    super::meta::KEY_CURSOR,
    super::meta::KEY_BULK,
    super::meta::KEY_CACHE_STORE,
    super::meta::KEY_CACHE_STATE_ID,
    super::meta::KEY_CACHE_CHECKED,
];

fn in_cache(key: &str) -> bool {
    CACHE_KEYS.contains(&key)
}

/// The value under `key`, if any.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    let sql = if in_cache(key) {
        "SELECT value FROM main.kv WHERE key = ?1"
    } else {
        "SELECT value FROM state.kv WHERE key = ?1"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    Ok(stmt.query_row([key], |r| r.get(0)).optional()?)
}

/// Sets `key` to `value`.
pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    let sql = if in_cache(key) {
        "INSERT INTO main.kv(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value"
    } else {
        "INSERT INTO state.kv(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value"
    };
    conn.prepare_cached(sql)?.execute(params![key, value])?;
    Ok(())
}

/// Removes `key`.
pub fn remove(conn: &Connection, key: &str) -> Result<()> {
    let sql = if in_cache(key) {
        "DELETE FROM main.kv WHERE key = ?1"
    } else {
        "DELETE FROM state.kv WHERE key = ?1"
    };
    conn.prepare_cached(sql)?.execute([key])?;
    Ok(())
}

/// The value under `key` decoded from JSON; `None` when absent.
pub fn get_json<T: DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    match get(conn, key)? {
        Some(text) => Ok(Some(serde_json::from_str(&text).map_err(Error::internal)?)),
        None => Ok(None),
    }
}

/// Stores `value` as JSON under `key`.
pub fn set_json<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    set(
        conn,
        key,
        &serde_json::to_string(value).map_err(Error::internal)?,
    )
}
