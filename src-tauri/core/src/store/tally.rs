//! Upkeep of the `counts` and `daily` tables: each order write applies the difference between
//! the row it replaces and the row it writes, in the same transaction, so reading counts and
//! KPIs never scans the orders.

use rusqlite::{Connection, params};

use super::row::Tally;
use crate::Result;

/// Applies `new − old` to the counters and the daily table (either may be absent: an insert
/// has no old row).
pub(crate) fn apply(conn: &Connection, old: Option<&Tally>, new: Option<&Tally>) -> Result<()> {
    if old == new {
        return Ok(());
    }
    let mut add = conn.prepare_cached(
        "INSERT INTO counts(key, n) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET n = n + excluded.n",
    )?;
    let old_keys = old.map_or(&[][..], |t| &t.keys[..]);
    let new_keys = new.map_or(&[][..], |t| &t.keys[..]);
    for key in old_keys.iter().filter(|k| !new_keys.contains(k)) {
        add.execute(params![key, -1])?;
    }
    for key in new_keys.iter().filter(|k| !old_keys.contains(k)) {
        add.execute(params![key, 1])?;
    }
    let mut day = conn.prepare_cached(
        "INSERT INTO daily(day, sales, orders) VALUES (?1, ?2, ?3)
         ON CONFLICT(day) DO UPDATE SET sales = sales + excluded.sales,
                                        orders = orders + excluded.orders",
    )?;
    match (old, new) {
        (Some(o), Some(n)) if o.day == n.day => {
            if (o.sales, o.orders) != (n.sales, n.orders) {
                day.execute(params![n.day, n.sales - o.sales, n.orders - o.orders])?;
            }
        }
        _ => {
            if let Some(o) = old {
                day.execute(params![o.day, -o.sales, -o.orders])?;
            }
            if let Some(n) = new {
                day.execute(params![n.day, n.sales, n.orders])?;
            }
        }
    }
    Ok(())
}

/// Recomputes both tables from the orders (after a bulk load, or to repair them).
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "DELETE FROM counts;
         DELETE FROM daily;
         INSERT INTO counts(key, n) {COUNTS_FROM_ORDERS};
         INSERT INTO daily(day, sales, orders)
           SELECT day, sum(paid - refunded), sum(status <> 'cancelled') FROM orders GROUP BY day;"
    ))?;
    Ok(())
}

/// Every counter as (key, n) by grouping the orders: the same definitions as [`Tally::of`].
pub(crate) const COUNTS_FROM_ORDERS: &str = "
      SELECT 'all', count(*) FROM orders
      UNION ALL SELECT status, count(*) FROM orders GROUP BY status
      UNION ALL SELECT 'unpaid', count(*) FROM orders
                WHERE payment_status = 'unpaid' AND status <> 'cancelled'
      UNION ALL SELECT 'incomplete', count(*) FROM orders
                WHERE status NOT IN ('delivered', 'cancelled')
      UNION ALL SELECT 'with_error', count(*) FROM orders WHERE has_error = 1";
