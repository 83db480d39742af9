//! The ledger in SQLite (`attention_ledger`, migration 0003): what was dealt with per order (or
//! refused action), and which orders may ring until acknowledged. It is not part of the order
//! cache, so restarts and resyncs from scratch never repeat a notice.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{KindSet, NoticeKind, Outcome, Recorded};
use crate::Result;

/// Writes a pass's records; bits are only ever added. Call in the transaction of the pass.
pub fn record(conn: &Connection, records: &[Recorded], now: DateTime<Utc>) -> Result<()> {
    let mut rows: HashMap<&str, (KindSet, bool)> = HashMap::new();
    for r in records {
        let row = rows.entry(r.subject.as_str()).or_default();
        row.0.insert(r.kind);
        row.1 |= rings(r);
    }
    let mut upsert = conn.prepare_cached(
        "INSERT INTO attention_ledger(subject, kinds, rings, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(subject) DO UPDATE SET kinds = kinds | excluded.kinds,
             rings = max(rings, excluded.rings), updated_at = excluded.updated_at",
    )?;
    for (subject, (kinds, ring)) in rows {
        upsert.execute(params![subject, kinds.bits(), ring, now.timestamp_millis()])?;
    }
    Ok(())
}

/// Whether a record makes its order ring until acknowledged: a ladder step the owner was shown.
fn rings(r: &Recorded) -> bool {
    let ladder = matches!(
        r.kind,
        NoticeKind::NewOrder
            | NoticeKind::FirstReminder
            | NoticeKind::SecondReminder
            | NoticeKind::AutoCancelWarning
    );
    ladder && matches!(r.outcome, Outcome::Shown | Outcome::Summarized)
}

/// What was dealt with for `subject`.
pub fn announced(conn: &Connection, subject: &str) -> Result<KindSet> {
    let bits: Option<i64> = conn
        .prepare_cached("SELECT kinds FROM attention_ledger WHERE subject = ?1")?
        .query_row([subject], |r| r.get(0))
        .optional()?;
    Ok(KindSet::from_bits(bits.unwrap_or(0)))
}

/// Whether this desk acknowledged `order_id` itself.
pub fn acknowledged_here(conn: &Connection, order_id: &str) -> Result<bool> {
    let at: Option<Option<i64>> = conn
        .prepare_cached("SELECT acked_at FROM attention_ledger WHERE subject = ?1")?
        .query_row([order_id], |r| r.get(0))
        .optional()?;
    Ok(at.flatten().is_some())
}

/// Whether `order_id` was acknowledged, here or (as the platform's `acknowledged_at` in the
/// cache says) on any device of the shop: its notices no longer sound the counter's alarm.
pub fn acknowledged(conn: &Connection, order_id: &str) -> Result<bool> {
    if acknowledged_here(conn, order_id)? {
        return Ok(true);
    }
    let elsewhere: Option<bool> = conn
        .prepare_cached(
            "SELECT json_extract(json, '$.acknowledged_at') IS NOT NULL FROM orders WHERE id = ?1",
        )?
        .query_row([order_id], |r| r.get(0))
        .optional()?;
    Ok(elsewhere.unwrap_or(false))
}

/// The owner acknowledged the order: it stops ringing (also when not announced yet).
pub fn acknowledge(conn: &Connection, order_id: &str, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO attention_ledger(subject, acked_at, updated_at) VALUES (?1, ?2, ?2)
         ON CONFLICT(subject) DO UPDATE SET acked_at = excluded.acked_at,
             updated_at = excluded.updated_at",
    )?
    .execute(params![order_id, now.timestamp_millis()])?;
    Ok(())
}

/// The oldest pending order that rings and was not acknowledged, here or (as the platform's
/// `acknowledged_at` says) on any device of the shop.
pub fn oldest_ringing(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT o.id FROM orders o JOIN attention_ledger l ON l.subject = o.id
             WHERE o.status = 'pending' AND l.rings = 1 AND l.acked_at IS NULL
               AND json_extract(o.json, '$.acknowledged_at') IS NULL
             ORDER BY o.rid LIMIT 1",
        )?
        .query_row([], |r| r.get(0))
        .optional()?)
}
