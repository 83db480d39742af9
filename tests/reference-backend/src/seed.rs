//! Background platform behaviour: the historical seed, the demo generator and auto-cancel.

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};
use rusqlite::{TransactionBehavior, params};
use serde_json::json;

use crate::config::Config;
use crate::db::{self, Db};
use crate::demo;
use crate::model::{Actor, Status};
use crate::problem::Problem;
use crate::rng::Rng;
use crate::rules::{self, AUTO_CANCEL_REASON, CancelOrder};
use crate::server::AppState;

/// How far back the historical seed reaches.
pub const SEED_SPAN_DAYS: i64 = 180;

/// Creates `count` historical orders over the past ~6 months in one transaction, when the
/// store is empty. Returns how long it took, or `None` when the store already had orders.
pub fn seed_history(
    db: &Db,
    config: &Config,
    count: u64,
    now: DateTime<Utc>,
) -> Result<Option<StdDuration>, Problem> {
    let started = Instant::now();
    let mut conn = db.writer();
    if count == 0 || db::order_count(&conn)? > 0 {
        return Ok(None);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let total = i64::try_from(count).unwrap_or(i64::MAX);
    let first_number = db::take_numbers(&tx, total)?;
    let span_s = SEED_SPAN_DAYS * 86_400;
    let start = now - Duration::seconds(span_s);
    let mut rng = Rng::new(config.rng_seed ^ 0x5EED);
    {
        let mut stmt = tx.prepare(
            "INSERT INTO orders (id, seq, version, status, auto_cancel_at, json)
             VALUES (?1, ?2, ?3, ?4, NULL, ?5)",
        )?;
        for i in 0..total {
            // Spread evenly, oldest first, ending a day before now so none is still pending.
            let offset = (span_s - 86_400) * i / total;
            let created = start + Duration::seconds(offset + rng.range(0, 600));
            let mut order = demo::random_order(&mut rng, config, first_number + i, created);
            demo::age_order(&mut order, &mut rng, config);
            order.seq = i + 1;
            let json = serde_json::to_string(&order)?;
            stmt.execute(params![
                order.id,
                order.seq,
                order.version,
                order.status.as_str(),
                json
            ])?;
        }
    }
    tx.commit()?;
    Ok(Some(started.elapsed()))
}

/// Creates one demo order now; sometimes a customer cancels a pending order too.
pub fn demo_tick(state: &AppState) -> Result<(), Problem> {
    let mut conn = state.db.writer();
    let now = state.clock.now();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let number = db::take_numbers(&tx, 1)?;
    let (mut order, cancel_one) = {
        let mut rng = state.lock_rng();
        let order = demo::random_order(&mut rng, &state.config, number, now);
        (order, rng.chance(0.08))
    };
    let mut changes = vec![db::insert_order(&tx, &mut order)?];
    db::record_effect(&tx, &order.id, "created", None, &json!({"by": "demo"}), now)?;
    if cancel_one {
        let victim: Option<String> = tx
            .query_row(
                "SELECT id FROM orders WHERE auto_cancel_at IS NOT NULL AND status = 'pending'
                 AND id != ?1
                 ORDER BY random() LIMIT 1",
                [&order.id],
                |r| r.get(0),
            )
            .ok();
        if let Some(id) = victim
            && let Some((change, _)) = customer_cancel(&tx, state, &id, None, None, now)?
        {
            changes.push(change);
        }
    }
    tx.commit()?;
    state.announce(changes);
    Ok(())
}

/// Cancels as the customer with a full refund; `Ok(None)` for an unknown order.
pub fn customer_cancel(
    conn: &rusqlite::Connection,
    state: &AppState,
    id: &str,
    reason: Option<String>,
    key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<(db::Change, crate::model::Order)>, Problem> {
    let Some(mut order) = db::load_order(conn, id)? else {
        return Ok(None);
    };
    let refund = order.paid - order.refunded;
    let request = CancelOrder {
        reason: reason.unwrap_or_else(|| "Cancelado por el cliente".into()),
        refund_amount: refund,
        by: Actor::Customer,
        enforce_window: false,
        device: None,
    };
    rules::cancel(&mut order, &request, now, &state.config)?;
    let change = db::update_order(conn, &mut order, now)?;
    let detail = json!({"by": "customer", "refund_amount": refund, "reason": request.reason});
    db::record_effect(conn, id, "cancellation", key, &detail, now)?;
    Ok(Some((change, order)))
}

/// Cancels every pending order whose `auto_cancel_at` has come (by: auto, full refund).
pub fn auto_cancel_pass(state: &AppState) -> Result<usize, Problem> {
    let mut conn = state.db.writer();
    let now = state.clock.now();
    let due = db::due_for_auto_cancel(&conn, now)?;
    if due.is_empty() {
        return Ok(0);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut changes = Vec::with_capacity(due.len());
    for id in &due {
        let Some(mut order) = db::load_order(&tx, id)? else {
            continue;
        };
        if order.status != Status::Pending {
            continue;
        }
        let refund = order.paid - order.refunded;
        let request = CancelOrder {
            reason: AUTO_CANCEL_REASON.into(),
            refund_amount: refund,
            by: Actor::Auto,
            enforce_window: false,
            device: None,
        };
        rules::cancel(&mut order, &request, now, &state.config)?;
        changes.push(db::update_order(&tx, &mut order, now)?);
        let detail = json!({"by": "auto", "refund_amount": refund, "reason": AUTO_CANCEL_REASON});
        db::record_effect(&tx, id, "cancellation", None, &detail, now)?;
    }
    tx.commit()?;
    let count = changes.len();
    state.announce(changes);
    Ok(count)
}
