//! Loading a planning pass's input from the cache, reading only what can be due: pending orders
//! (index on status), error orders not yet announced (a partial index of 0003), and orders the
//! platform cancelled recently (a rid range: rid is creation time << 16, see 0001_init.sql).

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use rusqlite::{Connection, Row};

use super::{AUTO_CANCELLED_RECENT, Candidate, KindSet, PlanInput};
use crate::Result;
use crate::model::{OrderStatus, Shop};
use crate::money::{Currency, Money};
use crate::outbox::Action;
use crate::settings::Settings;
use crate::store::meta;

/// Bits of `rid` below the creation time (0001_init.sql: `rid = created_at_ms << 16 | n`).
const RID_SHIFT: u32 = 16;

/// Columns of a candidate, in [`candidate`]'s order, followed by the ledger's kinds.
const COLUMNS: &str = "o.id, o.number, o.status, o.created_at, o.auto_cancel_at, o.customer_name,
    o.currency, o.total, o.error";

/// What the scheduler adds to what is in the database.
pub struct Extra {
    /// The owner's settings.
    pub settings: Settings,
    /// Refused actions waiting to be announced.
    pub failed_actions: Vec<Action>,
    /// The pass after the first sync of an existing shop.
    pub first_sync: bool,
}

/// The input of a pass at `now`; `None` while no store is known (not connected yet).
pub fn input(conn: &Connection, now: DateTime<Utc>, extra: Extra) -> Result<Option<PlanInput>> {
    let Some(store) = meta::store(conn)? else {
        return Ok(None);
    };
    let mut announced = HashMap::new();
    let mut orders = pending(conn, &mut announced)?;
    // Pending error orders come twice (here and above); the planner keeps the first.
    orders.extend(new_errors(conn, &mut announced)?);
    orders.extend(recent_auto_cancels(conn, &store, now, &mut announced)?);
    for a in &extra.failed_actions {
        announced.insert(a.id.clone(), super::ledger::announced(conn, &a.id)?);
    }
    Ok(Some(PlanInput {
        orders,
        failed_actions: extra.failed_actions,
        timezone: store.tz(),
        locale: store.locale(),
        labels: store.status_labels.clone(),
        policy: store.attention,
        announced,
        settings: extra.settings,
        first_sync: extra.first_sync,
    }))
}

type Announced = HashMap<String, KindSet>;

fn pending(conn: &Connection, announced: &mut Announced) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT {COLUMNS}, coalesce(l.kinds, 0) FROM orders o
         LEFT JOIN attention_ledger l ON l.subject = o.id
         WHERE o.status = 'pending'"
    );
    collect(conn, &sql, [], announced, |_| Ok(None))
}

fn new_errors(conn: &Connection, announced: &mut Announced) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT {COLUMNS}, coalesce(l.kinds, 0), json_extract(o.json, '$.cancellation') FROM orders o INDEXED BY attention_error_orders
         LEFT JOIN attention_ledger l ON l.subject = o.id
         WHERE o.has_error = 1 AND (coalesce(l.kinds, 0) & 32) = 0"
    );
    collect(conn, &sql, [], announced, cancellation)
}

fn recent_auto_cancels(
    conn: &Connection,
    store: &Shop,
    now: DateTime<Utc>,
    announced: &mut Announced,
) -> Result<Vec<Candidate>> {
    // An order is auto-cancelled `auto_cancel_after_s` after creation; allow a day of slack for
    // a policy that changed or a backend that cancelled late.
    let lifetime = store.attention.auto_cancel_after_s.unwrap_or(0).max(0);
    let oldest = now - AUTO_CANCELLED_RECENT - Duration::seconds(lifetime) - Duration::days(1);
    let min_rid = oldest.timestamp_millis().max(0) << RID_SHIFT;
    let sql = format!(
        "SELECT {COLUMNS}, coalesce(l.kinds, 0), json_extract(o.json, '$.cancellation') FROM orders o
         LEFT JOIN attention_ledger l ON l.subject = o.id
         WHERE o.status = 'cancelled' AND o.rid >= ?1 AND (coalesce(l.kinds, 0) & 16) = 0
           AND json_extract(o.json, '$.cancellation.by') = 'auto'"
    );
    collect(conn, &sql, [min_rid], announced, cancellation)
}

/// Runs `sql` and builds candidates; `extra` reads what lies past the common columns.
fn collect<P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    announced: &mut Announced,
    extra: fn(&Row<'_>) -> rusqlite::Result<Option<crate::model::Cancellation>>,
) -> Result<Vec<Candidate>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut c = candidate(row)?;
        c.cancellation = extra(row)?;
        announced.insert(c.id.clone(), KindSet::from_bits(row.get(9)?));
        out.push(c);
    }
    Ok(out)
}

fn candidate(row: &Row<'_>) -> Result<Candidate> {
    let status: String = row.get(2)?;
    let currency: String = row.get(6)?;
    let error: Option<String> = row.get(8)?;
    Ok(Candidate {
        id: row.get(0)?,
        number: row.get(1)?,
        status: OrderStatus::from_wire(&status),
        created_at: from_ms(row.get(3)?),
        auto_cancel_at: row.get::<_, Option<i64>>(4)?.map(from_ms),
        customer_name: row.get(5)?,
        total: Money::new(
            row.get(7)?,
            Currency::parse(&currency).unwrap_or(Currency::MXN),
        ),
        // An error this build cannot read is still an error: announce it without details.
        error: error.map(|e| serde_json::from_str(&e).unwrap_or_else(|_| unknown_error())),
        cancellation: None,
    })
}

fn cancellation(row: &Row<'_>) -> rusqlite::Result<Option<crate::model::Cancellation>> {
    let json: Option<String> = row.get(10)?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

fn unknown_error() -> crate::model::OrderError {
    crate::model::OrderError {
        code: crate::model::OrderErrorCode::Unknown,
        message: String::new(),
        retryable: false,
    }
}

fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}
