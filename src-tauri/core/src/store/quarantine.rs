//! The `quarantine` table (migrations/0005_quarantine.sql): orders that arrived but did not
//! decode, kept raw so the rest of their page is stored and the cursor moves on. Each is told
//! to the owner and the log once ([`take_unannounced`]); a readable version of the same order
//! arriving later releases it ([`release`]).

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, params};

use crate::Result;
pub use crate::api::BadOrder;

/// A quarantined order as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quarantined {
    /// What it was stored under.
    pub key: String,
    /// Its id, when readable.
    pub order_id: Option<String>,
    /// Its number, when readable.
    pub number: Option<String>,
    /// Its seq, when readable.
    pub seq: Option<i64>,
    /// Why it did not decode.
    pub error: String,
    /// The JSON text as received.
    pub raw: String,
    /// Last time it arrived.
    pub received_at: DateTime<Utc>,
}

/// Keeps `bad` (a second arrival replaces the text; an announced one stays announced).
pub fn keep(conn: &Connection, bad: &[BadOrder], now: DateTime<Utc>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO quarantine (key, order_id, number, seq, raw, error, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(key) DO UPDATE SET order_id = excluded.order_id, number = excluded.number,
            seq = excluded.seq, raw = excluded.raw, error = excluded.error,
            received_at = excluded.received_at",
    )?;
    for b in bad {
        stmt.execute(params![
            b.key,
            b.order_id,
            b.number,
            b.seq,
            &*b.raw,
            b.error,
            now.timestamp_millis()
        ])?;
    }
    Ok(())
}

/// Drops the quarantined versions of orders that just arrived readable. One cheap query when
/// nothing is quarantined (the usual case, also on a first sync of 100,000 orders).
pub fn release<'a>(conn: &Connection, ids: impl IntoIterator<Item = &'a str>) -> Result<()> {
    let any: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM quarantine)")?
        .query_row([], |r| r.get(0))?;
    if !any {
        return Ok(());
    }
    let mut stmt = conn.prepare_cached("DELETE FROM quarantine WHERE key = ?1")?;
    for id in ids {
        stmt.execute([id])?;
    }
    Ok(())
}

fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<Quarantined> {
    Ok(Quarantined {
        key: row.get(0)?,
        order_id: row.get(1)?,
        number: row.get(2)?,
        seq: row.get(3)?,
        error: row.get(4)?,
        raw: row.get(5)?,
        received_at: Utc
            .timestamp_millis_opt(row.get(6)?)
            .single()
            .unwrap_or_default(),
    })
}

const COLUMNS: &str = "key, order_id, number, seq, error, raw, received_at";

/// Every quarantined order, by seq.
pub fn all(conn: &Connection) -> Result<Vec<Quarantined>> {
    let sql = format!("SELECT {COLUMNS} FROM quarantine ORDER BY seq, key");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many orders are quarantined.
pub fn count(conn: &Connection) -> Result<u32> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM quarantine")?
        .query_row([], |r| r.get(0))?)
}

/// The quarantined orders not yet told to the owner, marked as told (one write).
pub fn take_unannounced(conn: &Connection) -> Result<Vec<Quarantined>> {
    let sql = format!("SELECT {COLUMNS} FROM quarantine WHERE announced = 0 ORDER BY seq, key");
    let rows = {
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], read)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    if !rows.is_empty() {
        conn.prepare_cached("UPDATE quarantine SET announced = 1 WHERE announced = 0")?
            .execute([])?;
    }
    Ok(rows)
}
