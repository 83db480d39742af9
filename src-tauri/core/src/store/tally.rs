//! Upkeep of the `counts` and `daily` tables: each order write adds the difference between
//! the row it replaces and the row it writes, in the same transaction, so reading counts and
//! KPIs never scans the orders. A write of many orders (a sync page, a bulk load) sums the
//! differences in memory first and touches each counter and day once.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::row::Tally;
use crate::Result;

/// Changes to the counters and the daily table, summed over one or more order writes.
#[derive(Debug, Default)]
pub(crate) struct Delta {
    counts: HashMap<&'static str, i64>,
    /// day → (sales, orders)
    days: HashMap<String, (i64, i64)>,
}

impl Delta {
    /// Adds `new − old` (either may be absent: an insert has no old row).
    pub fn add(&mut self, old: Option<&Tally>, new: Option<&Tally>) {
        if old == new {
            return;
        }
        for (tally, sign) in [(old, -1), (new, 1)] {
            let Some(t) = tally else { continue };
            for key in &t.keys {
                *self.counts.entry(key).or_default() += sign;
            }
            // A lookup by &str first: most orders land on a day already in the map.
            let day = match self.days.get_mut(t.day.as_str()) {
                Some(day) => day,
                None => self.days.entry(t.day.clone()).or_default(),
            };
            day.0 += sign * t.sales;
            day.1 += sign * t.orders;
        }
    }

    /// Writes the summed changes; entries that cancelled out are skipped.
    pub fn flush(self, conn: &Connection) -> Result<()> {
        let mut add = conn.prepare_cached(
            "INSERT INTO counts(key, n) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET n = n + excluded.n",
        )?;
        for (key, n) in self.counts.into_iter().filter(|(_, n)| *n != 0) {
            add.execute(params![key, n])?;
        }
        let mut day = conn.prepare_cached(
            "INSERT INTO daily(day, sales, orders) VALUES (?1, ?2, ?3)
             ON CONFLICT(day) DO UPDATE SET sales = sales + excluded.sales,
                                            orders = orders + excluded.orders",
        )?;
        for (d, (sales, orders)) in self.days {
            if (sales, orders) != (0, 0) {
                day.execute(params![d, sales, orders])?;
            }
        }
        Ok(())
    }
}
