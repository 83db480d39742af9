//! The `outbox` table (migrations/0002_outbox.sql): rows in, rows out. Every function takes a
//! `&Connection` so it composes with the optimistic change in one transaction.

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::outbox::kind::{ActionKind, ActionState};
use crate::{Error, Result};

use super::Action;
use crate::text::Text;

const COLUMNS: &str = "seq, id, order_id, order_number, action, path, body, state, attempts,
    created_at, next_attempt_at, error_es, error_en";

fn ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

fn state_of(text: &str) -> ActionState {
    match text {
        "applied" => ActionState::Applied,
        "failed" => ActionState::Failed,
        _ => ActionState::Pending,
    }
}

fn kind_tag(kind: &ActionKind) -> &'static str {
    match kind {
        ActionKind::Advance { .. } => "advance",
        ActionKind::Cancel { .. } => "cancel",
        ActionKind::RetryDocument { .. } => "retry_document",
        ActionKind::Pay { .. } => "pay",
        ActionKind::Note { .. } => "note",
        ActionKind::Acknowledge => "acknowledge",
    }
}

fn read(row: &Row<'_>) -> rusqlite::Result<Action> {
    let action: String = row.get(4)?;
    let kind = serde_json::from_str(&action).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let state: String = row.get(7)?;
    let error_es: Option<String> = row.get(11)?;
    let error_en: Option<String> = row.get(12)?;
    Ok(Action {
        seq: row.get(0)?,
        id: row.get(1)?,
        order_id: row.get(2)?,
        order_number: row.get(3)?,
        kind,
        path: row.get(5)?,
        body: row.get(6)?,
        state: state_of(&state),
        attempts: row.get(8)?,
        created_at: from_ms(row.get(9)?),
        next_attempt_at: row.get::<_, Option<i64>>(10)?.map(from_ms),
        error: error_es.map(|es| Text::new(es, error_en.unwrap_or_default())),
    })
}

fn select(conn: &Connection, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Action>> {
    let sql = format!("SELECT {COLUMNS} FROM outbox WHERE {filter} ORDER BY seq");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(args, read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts a new pending row; the unique index refuses a second open cancellation.
pub fn insert(conn: &Connection, action: &Action) -> Result<()> {
    let kind = serde_json::to_string(&action.kind).map_err(Error::internal)?;
    conn.prepare_cached(
        "INSERT INTO outbox (id, order_id, order_number, kind, action, path, body, state,
            attempts, created_at, next_attempt_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', 0, ?8, ?9)",
    )?
    .execute(params![
        action.id,
        action.order_id,
        action.order_number,
        kind_tag(&action.kind),
        kind,
        action.path,
        action.body,
        ms(action.created_at),
        ms(action.next_attempt_at.unwrap_or(action.created_at)),
    ])?;
    Ok(())
}

/// One row by id.
pub fn get(conn: &Connection, id: &str) -> Result<Option<Action>> {
    let sql = format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], read)
        .optional()?)
}

/// The order's pending actions, in queue order.
pub fn pending_for_order(conn: &Connection, order_id: &str) -> Result<Vec<Action>> {
    select(conn, "order_id = ?1 AND state = 'pending'", [order_id])
}

/// Every pending action, in queue order.
pub fn pending(conn: &Connection) -> Result<Vec<Action>> {
    select(conn, "state = 'pending'", [])
}

/// Pending actions queued at or before `before`, oldest first.
pub fn pending_before(conn: &Connection, before: DateTime<Utc>) -> Result<Vec<Action>> {
    select(conn, "state = 'pending' AND created_at <= ?1", [ms(before)])
}

/// Pending and failed (not dismissed) actions: the queue panel.
pub fn visible(conn: &Connection) -> Result<Vec<Action>> {
    select(
        conn,
        "state = 'pending' OR (state = 'failed' AND dismissed = 0)",
        [],
    )
}

/// The order's pending and failed (not dismissed) actions.
pub fn visible_for_order(conn: &Connection, order_id: &str) -> Result<Vec<Action>> {
    select(
        conn,
        "order_id = ?1 AND (state = 'pending' OR (state = 'failed' AND dismissed = 0))",
        [order_id],
    )
}

/// Every row, settled ones included (tests and audits).
pub fn all(conn: &Connection) -> Result<Vec<Action>> {
    select(conn, "1", [])
}

/// Orders that have pending actions.
pub fn orders_with_pending(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT order_id FROM outbox WHERE state = 'pending'")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Counts one more send attempt (written before the request goes out); `None` when the
/// action is no longer pending (the owner took it back after the sender read the queue).
pub fn count_attempt(conn: &Connection, id: &str) -> Result<Option<u32>> {
    Ok(conn
        .prepare_cached(
            "UPDATE outbox SET attempts = attempts + 1 WHERE id = ?1 AND state = 'pending'
             RETURNING attempts",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Deletes a pending action no attempt was ever counted for; its order's id when it did.
pub fn remove_unsent(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "DELETE FROM outbox WHERE id = ?1 AND state = 'pending' AND attempts = 0
             RETURNING order_id",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The backend applied it.
pub fn mark_applied(conn: &Connection, id: &str, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outbox SET state = 'applied', settled_at = ?2, next_attempt_at = NULL,
            error_es = NULL, error_en = NULL
         WHERE id = ?1 AND state = 'pending'",
    )?
    .execute(params![id, ms(now)])?;
    Ok(())
}

/// Refused for good.
pub fn mark_failed(conn: &Connection, id: &str, reason: &Text, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outbox SET state = 'failed', settled_at = ?2, next_attempt_at = NULL,
            error_es = ?3, error_en = ?4
         WHERE id = ?1 AND state = 'pending'",
    )?
    .execute(params![id, ms(now), reason.es, reason.en])?;
    Ok(())
}

/// Outcome unknown: try again at `at` (the note is not a failure).
pub fn mark_retry(conn: &Connection, id: &str, at: DateTime<Utc>, note: &Text) -> Result<()> {
    conn.prepare_cached(
        "UPDATE outbox SET next_attempt_at = ?2, error_es = ?3, error_en = ?4
         WHERE id = ?1 AND state = 'pending'",
    )?
    .execute(params![id, ms(at), note.es, note.en])?;
    Ok(())
}

/// Hides a failed action from the queue panel; pending actions cannot be dismissed.
pub fn dismiss(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("UPDATE outbox SET dismissed = 1 WHERE id = ?1 AND state = 'failed'")?
        .execute([id])?
        > 0)
}

/// Pending count, failed (not dismissed) count, and the oldest pending action's creation.
pub fn tallies(conn: &Connection) -> Result<(u32, u32, Option<DateTime<Utc>>)> {
    let (pending, failed, oldest): (u32, u32, Option<i64>) = conn
        .prepare_cached(
            "SELECT count(*) FILTER (WHERE state = 'pending'),
                    count(*) FILTER (WHERE state = 'failed' AND dismissed = 0),
                    min(created_at) FILTER (WHERE state = 'pending')
             FROM outbox WHERE state != 'applied'",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok((pending, failed, oldest.map(from_ms)))
}
