//! SQLite storage: one writer connection, a few readers, each order's JSON indexed by `seq`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::Value;

use crate::model::{Order, Status, rfc3339};
use crate::problem::Problem;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS orders (
    id TEXT NOT NULL UNIQUE,
    seq INTEGER NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    auto_cancel_at INTEGER,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_auto_cancel ON orders(auto_cancel_at)
    WHERE auto_cancel_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT PRIMARY KEY,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    body_hash BLOB NOT NULL,
    status INTEGER NOT NULL,
    body BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS effects (
    id INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    idempotency_key TEXT,
    detail TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS effects_order ON effects(order_id);
";

const READERS: usize = 2;

/// One change of one order, as the event stream announces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The order's new `seq`.
    pub seq: i64,
    /// The order.
    pub order_id: String,
    /// `created` or `updated`.
    pub kind: &'static str,
}

/// The database: a writer behind a mutex (one transaction at a time) and a pool of readers.
#[derive(Debug)]
pub struct Db {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

fn open_conn(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "busy_timeout", 5000)?;
    Ok(conn)
}

fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Db {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        let writer = open_conn(path)?;
        writer.execute_batch(SCHEMA)?;
        let readers = (0..READERS)
            .map(|_| open_conn(path).map(Mutex::new))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Self {
            path: path.to_path_buf(),
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The writer connection (hold it for the whole read-modify-write).
    pub fn writer(&self) -> MutexGuard<'_, Connection> {
        lock(&self.writer)
    }

    /// A reader connection, round robin.
    pub fn reader(&self) -> MutexGuard<'_, Connection> {
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        lock(&self.readers[i])
    }
}

/// Reads an integer from `meta`.
pub fn meta_get(conn: &Connection, key: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

/// Writes an integer to `meta`.
pub fn meta_set(conn: &Connection, key: &str, value: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// The next store-wide change sequence number.
pub fn next_seq(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM orders", [], |r| {
        r.get(0)
    })
}

/// Takes `count` consecutive order numbers; returns the first.
pub fn take_numbers(conn: &Connection, count: i64) -> rusqlite::Result<i64> {
    let first = meta_get(conn, "next_number")?.unwrap_or(1001);
    meta_set(conn, "next_number", first + count)?;
    Ok(first)
}

/// Number of orders.
pub fn order_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0))
}

/// Loads one order.
pub fn load_order(conn: &Connection, id: &str) -> Result<Option<Order>, Problem> {
    let json: Option<String> = conn
        .query_row("SELECT json FROM orders WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    Ok(match json {
        Some(j) => Some(serde_json::from_str(&j)?),
        None => None,
    })
}

/// The raw JSON of one order.
pub fn order_json(conn: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT json FROM orders WHERE id = ?1", [id], |r| r.get(0))
        .optional()
}

fn write_row(conn: &Connection, order: &Order, insert: bool) -> Result<(), Problem> {
    let json = serde_json::to_string(order)?;
    let auto = order.auto_cancel_at.map(|t| t.timestamp());
    let sql = if insert {
        "INSERT INTO orders (id, seq, version, status, auto_cancel_at, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    } else {
        "UPDATE orders SET seq = ?2, version = ?3, status = ?4, auto_cancel_at = ?5, json = ?6
         WHERE id = ?1"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    stmt.execute(params![
        order.id,
        order.seq,
        order.version,
        order.status.as_str(),
        auto,
        json
    ])?;
    Ok(())
}

/// Inserts a new order (version 1, next seq).
pub fn insert_order(conn: &Connection, order: &mut Order) -> Result<Change, Problem> {
    order.version = 1;
    order.seq = next_seq(conn)?;
    write_row(conn, order, true)?;
    Ok(Change {
        seq: order.seq,
        order_id: order.id.clone(),
        kind: "created",
    })
}

/// Saves a changed order: version + 1, a new seq, `updated_at = now`.
pub fn update_order(
    conn: &Connection,
    order: &mut Order,
    now: DateTime<Utc>,
) -> Result<Change, Problem> {
    order.version += 1;
    order.seq = next_seq(conn)?;
    order.updated_at = now;
    if order.status != Status::Pending {
        order.auto_cancel_at = None;
    }
    write_row(conn, order, false)?;
    Ok(Change {
        seq: order.seq,
        order_id: order.id.clone(),
        kind: "updated",
    })
}

/// One page of the incremental listing.
#[derive(Debug)]
pub struct Page {
    /// Each order's stored JSON, ascending by seq.
    pub orders: Vec<String>,
    /// Seq of the last order, or `after`.
    pub next_after: i64,
    /// Whether more orders follow.
    pub has_more: bool,
}

/// Orders with `seq > after`, ascending, at most `limit`: one indexed range scan.
pub fn page(conn: &Connection, after: i64, limit: i64) -> rusqlite::Result<Page> {
    let mut stmt =
        conn.prepare_cached("SELECT seq, json FROM orders WHERE seq > ?1 ORDER BY seq LIMIT ?2")?;
    let mut rows = stmt.query(params![after, limit + 1])?;
    let mut orders = Vec::with_capacity(usize::try_from(limit).unwrap_or(0).min(1000));
    let mut next_after = after;
    let mut has_more = false;
    while let Some(row) = rows.next()? {
        if orders.len() as i64 == limit {
            has_more = true;
            break;
        }
        next_after = row.get(0)?;
        orders.push(row.get(1)?);
    }
    Ok(Page {
        orders,
        next_after,
        has_more,
    })
}

/// Changes with `seq > after` (one per order, its latest), for resuming the event stream.
pub fn changes_after(conn: &Connection, after: i64, limit: i64) -> rusqlite::Result<Vec<Change>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, id, version FROM orders WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![after, limit], |r| {
        let version: i64 = r.get(2)?;
        Ok(Change {
            seq: r.get(0)?,
            order_id: r.get(1)?,
            kind: if version == 1 { "created" } else { "updated" },
        })
    })?;
    rows.collect()
}

/// Ids of pending orders whose `auto_cancel_at` has come.
pub fn due_for_auto_cancel(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM orders WHERE auto_cancel_at IS NOT NULL AND auto_cancel_at <= ?1
         AND status = 'pending' ORDER BY auto_cancel_at",
    )?;
    let rows = stmt.query_map([now.timestamp()], |r| r.get(0))?;
    rows.collect()
}

/// Appends to the audit log of applied effects.
pub fn record_effect(
    conn: &Connection,
    order_id: &str,
    kind: &str,
    key: Option<&str>,
    detail: &Value,
    at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO effects (order_id, kind, idempotency_key, detail, at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    stmt.execute(params![
        order_id,
        kind,
        key,
        detail.to_string(),
        rfc3339(at)
    ])?;
    Ok(())
}

/// The audit log, optionally for one order, oldest first.
pub fn effects(conn: &Connection, order_id: Option<&str>) -> rusqlite::Result<Vec<Value>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, order_id, kind, idempotency_key, detail, at FROM effects
         WHERE ?1 IS NULL OR order_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([order_id], |r| {
        let detail: String = r.get(4)?;
        Ok(serde_json::json!({
            "id": r.get::<_, i64>(0)?,
            "order_id": r.get::<_, String>(1)?,
            "kind": r.get::<_, String>(2)?,
            "idempotency_key": r.get::<_, Option<String>>(3)?,
            "detail": serde_json::from_str::<Value>(&detail).unwrap_or(Value::Null),
            "at": r.get::<_, String>(5)?,
        }))
    })?;
    rows.collect()
}
