//! The Resumen screen's figures, read from the `daily` table (one row per creation day in the
//! store's timezone, kept with every order write) so a period costs a few dozen rows, never a
//! scan of the orders.
//!
//! Definitions: an order belongs to the day it was created, in the store's timezone. Sales =
//! paid − refunded of those orders (a cancelled order whose payment was kept still counts; a
//! refunded one nets to zero). Orders = those created that day and not cancelled. Average
//! ticket = sales / orders, rounded down, 0 without orders.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::Tz;
use rusqlite::{Connection, params};

use crate::money::Currency;
use crate::view::{DayPoint, KpiTotals, Kpis, Period};
use crate::{Error, ErrorCode, Result};

/// The longest custom period, in days (ten years of points for the chart).
pub const MAX_DAYS: i64 = 3660;

/// KPIs for `period` ending on `today` (the store's local date, passed in), with the same
/// number of days just before it as `previous`. `_tz` is reserved: days were already taken in
/// the store's timezone when the orders were written.
pub fn kpis(
    conn: &Connection,
    period: &Period,
    today: NaiveDate,
    _tz: Tz,
    currency: Currency,
) -> Result<Kpis> {
    let (from, to) = bounds(period, today);
    let days = (to - from).num_days() + 1;
    if days > MAX_DAYS {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "El periodo es demasiado largo (máximo diez años).",
            "The period is too long (ten years at most).",
        ));
    }
    let (prev_from, prev_to) = (from - Duration::days(days), from - Duration::days(1));
    let sums = daily(conn, prev_from, to)?;
    let per_day: Vec<DayPoint> = (0..days)
        .map(|i| point(&sums, from + Duration::days(i)))
        .collect();
    let previous: Vec<DayPoint> = (0..days)
        .map(|i| point(&sums, prev_from + Duration::days(i)))
        .collect();
    Ok(Kpis {
        currency,
        current: totals(from, to, &per_day),
        previous: totals(prev_from, prev_to, &previous),
        per_day,
    })
}

/// First and last day of `period` (both inclusive) for a store whose date is `today`.
pub fn bounds(period: &Period, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    match period {
        Period::Today => (today, today),
        Period::Last7Days => (today - Duration::days(6), today),
        Period::Last30Days => (today - Duration::days(29), today),
        Period::ThisMonth => (today.with_day(1).unwrap_or(today), today),
        Period::Custom { from, to } => ((*from).min(*to), (*from).max(*to)),
    }
}

fn totals(from: NaiveDate, to: NaiveDate, points: &[DayPoint]) -> KpiTotals {
    let sales: i64 = points.iter().map(|p| p.sales).sum();
    let orders: i64 = points.iter().map(|p| p.orders).sum();
    KpiTotals {
        from,
        to,
        sales,
        orders,
        average_ticket: if orders > 0 {
            sales.div_euclid(orders)
        } else {
            0
        },
    }
}

fn point(sums: &HashMap<NaiveDate, (i64, i64)>, date: NaiveDate) -> DayPoint {
    let (sales, orders) = sums.get(&date).copied().unwrap_or_default();
    DayPoint {
        date,
        sales,
        orders,
    }
}

/// (sales, orders) per day between `from` and `to`.
fn daily(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<NaiveDate, (i64, i64)>> {
    let mut stmt =
        conn.prepare_cached("SELECT day, sales, orders FROM daily WHERE day BETWEEN ?1 AND ?2")?;
    let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut sums = HashMap::new();
    for row in rows {
        let (day, sales, orders) = row?;
        if let Ok(date) = day.parse::<NaiveDate>() {
            sums.insert(date, (sales, orders));
        }
    }
    Ok(sums)
}
