//! Storage: SQLite, one row per order / refund / note holding its JSON as WooCommerce would
//! answer it (without `_links`, added per request), plus the columns the list filters on.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

/// WooCommerce's date format: no offset, no `Z`.
pub const DATE_FMT: &str = "%Y-%m-%dT%H:%M:%S";

/// `YYYY-MM-DDTHH:MM:SS` of a UTC instant.
pub fn gmt(at: DateTime<Utc>) -> String {
    at.format(DATE_FMT).to_string()
}

/// Parses a `*_gmt` date (`Z` or an offset tolerated, as WordPress does on input).
pub fn parse_gmt(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text.trim_end_matches('Z'), DATE_FMT)
        .ok()
        .map(|n| n.and_utc())
}

/// The database.
#[derive(Debug)]
pub struct Db {
    conn: Mutex<Connection>,
}

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    status TEXT NOT NULL,
    modified_gmt TEXT NOT NULL,
    created_gmt TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_modified ON orders (modified_gmt, id);
CREATE TABLE IF NOT EXISTS refunds (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO counters VALUES ('post', 13), ('item', 0), ('meta', 0), ('comment', 0);
";

impl Db {
    /// Opens (and creates) the database at `path`.
    pub fn open(path: &Path) -> anyhow::Result<Db> {
        let conn = Connection::open(path)?;
        conn.execute_batch(SCHEMA)?;
        Ok(Db {
            conn: Mutex::new(conn),
        })
    }

    /// The connection (one writer; the fake is small).
    pub fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The next id of a counter: `post` (orders and refunds share it, as WordPress posts do),
/// `item` (order items), `meta`, `comment` (notes).
pub fn next_id(conn: &Connection, name: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        "UPDATE counters SET value = value + 1 WHERE name = ?1 RETURNING value",
        [name],
        |r| r.get(0),
    )
}

/// One order's stored JSON.
pub fn order(conn: &Connection, id: i64) -> rusqlite::Result<Option<Value>> {
    let body: Option<String> = conn
        .query_row("SELECT body FROM orders WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
}

/// Writes an order (insert or replace), its list columns taken from the JSON.
pub fn put_order(conn: &Connection, order: &Value) -> rusqlite::Result<()> {
    let text = |k: &str| order[k].as_str().unwrap_or_default().to_string();
    conn.execute(
        "INSERT OR REPLACE INTO orders (id, status, modified_gmt, created_gmt, body)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            order["id"].as_i64().unwrap_or_default(),
            text("status"),
            text("date_modified_gmt"),
            text("date_created_gmt"),
            order.to_string()
        ],
    )?;
    Ok(())
}

/// Removes an order for good, with its refunds and notes.
pub fn delete_order(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM orders WHERE id = ?1", [id])?;
    conn.execute("DELETE FROM refunds WHERE order_id = ?1", [id])?;
    conn.execute("DELETE FROM notes WHERE order_id = ?1", [id])?;
    Ok(())
}

/// Rows of a child table (`refunds` or `notes`) of an order, newest first.
pub fn children(conn: &Connection, table: &str, order_id: i64) -> rusqlite::Result<Vec<Value>> {
    let sql = match table {
        "refunds" => "SELECT body FROM refunds WHERE order_id = ?1 ORDER BY id DESC",
        _ => "SELECT body FROM notes WHERE order_id = ?1 ORDER BY id DESC",
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([order_id], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        if let Ok(v) = serde_json::from_str(&row?) {
            out.push(v);
        }
    }
    Ok(out)
}

/// Adds a refund or a note.
pub fn put_child(
    conn: &Connection,
    table: &str,
    order_id: i64,
    body: &Value,
) -> rusqlite::Result<()> {
    let sql = match table {
        "refunds" => "INSERT INTO refunds (id, order_id, body) VALUES (?1, ?2, ?3)",
        _ => "INSERT INTO notes (id, order_id, body) VALUES (?1, ?2, ?3)",
    };
    conn.execute(
        sql,
        params![
            body["id"].as_i64().unwrap_or_default(),
            order_id,
            body.to_string()
        ],
    )?;
    Ok(())
}

/// What `GET /orders` filters on.
#[derive(Debug, Default, Clone)]
pub struct ListQuery {
    /// Statuses (`None`: any but trash).
    pub statuses: Option<Vec<String>>,
    /// Strictly after this GMT second.
    pub modified_after: Option<String>,
    /// Strictly before this GMT second.
    pub modified_before: Option<String>,
    /// Only these ids.
    pub include: Option<Vec<i64>>,
    /// A search term (number, names, e-mail, phone, SKU).
    pub search: Option<String>,
    /// `date` | `modified` | `id`.
    pub orderby: String,
    /// Ascending.
    pub asc: bool,
    /// Page size.
    pub per_page: i64,
    /// 1-based page.
    pub page: i64,
}

/// The total matching and one page of stored orders.
pub fn list(conn: &Connection, q: &ListQuery) -> rusqlite::Result<(i64, Vec<Value>)> {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    match &q.statuses {
        None => clauses.push("status <> 'trash'".into()),
        Some(list) => {
            let marks = list.iter().map(|_| "?").collect::<Vec<_>>().join(",");
            clauses.push(format!("status IN ({marks})"));
            args.extend(list.iter().map(|s| s.clone().into()));
        }
    }
    if let Some(after) = &q.modified_after {
        clauses.push("modified_gmt > ?".into());
        args.push(after.clone().into());
    }
    if let Some(before) = &q.modified_before {
        clauses.push("modified_gmt < ?".into());
        args.push(before.clone().into());
    }
    if let Some(ids) = &q.include {
        let marks = ids.iter().map(|_| "?").collect::<Vec<_>>().join(",");
        clauses.push(format!(
            "id IN ({})",
            if marks.is_empty() {
                "NULL".into()
            } else {
                marks
            }
        ));
        args.extend(ids.iter().map(|i| (*i).into()));
    }
    if let Some(term) = &q.search {
        clauses.push("instr(lower(body), lower(?)) > 0".into());
        args.push(term.clone().into());
    }
    let filter = clauses.join(" AND ");
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM orders WHERE {filter}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let dir = if q.asc { "ASC" } else { "DESC" };
    let order = match q.orderby.as_str() {
        "modified" => format!("modified_gmt {dir}, id {dir}"),
        "id" | "include" => format!("id {dir}"),
        _ => format!("created_gmt {dir}, id {dir}"),
    };
    let sql = format!(
        "SELECT body FROM orders WHERE {filter} ORDER BY {order} LIMIT {} OFFSET {}",
        q.per_page,
        (q.page - 1).max(0) * q.per_page
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        r.get::<_, String>(0)
    })?;
    let mut out = Vec::new();
    for row in rows {
        if let Ok(v) = serde_json::from_str(&row?) {
            out.push(v);
        }
    }
    Ok((total, out))
}

/// Orders per status, for `GET /reports/orders/totals`.
pub fn status_counts(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare("SELECT status, count(*) FROM orders GROUP BY status")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}
