//! Reading the list and the counters. A page is newest first with keyset paging on `rid`
//! (which sorts as the creation time, see `0001_init.sql`), never OFFSET: each page costs the
//! same however deep the owner scrolls.
//!
//! One table drives each query so its rows come out already newest first and the LIMIT stops
//! the walk early: the search index when there is a search, the tag index when there is a tag,
//! otherwise the orders through whichever single-column index the planner picks.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::types::Value;
use rusqlite::{Connection, Row, params_from_iter};

use super::row::{rid_floor, search_terms};
use super::{meta, search};
use crate::model::{Fulfillment, OrderStatus, PaymentMethod, PaymentStatus};
use crate::money::Currency;
use crate::view::{Counts, Facets, OrderPage, OrderQuery, OrderSummary};
use crate::{Error, ErrorCode, Result};

/// Rows per page when the query does not say.
pub const DEFAULT_LIMIT: u32 = 50;
/// The most rows a page may ask for.
pub const MAX_LIMIT: u32 = 500;

/// A page of the list: every filter of `query` (combined with AND), newest first, starting
/// after `query.after`.
///
/// Filters: `paid: Some(false)` means unpaid and not cancelled (as the "sin pagar" counter),
/// `Some(true)` anything but unpaid; `incomplete: Some(true)` neither delivered nor cancelled;
/// `search` matches every word as a prefix ("pere" finds "Pérez"), accents and case ignored.
/// `_tz` is reserved: date filters are instants already.
pub fn list(conn: &Connection, query: &OrderQuery, _tz: Tz) -> Result<OrderPage> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let mut sql = Sql::default();
    let terms = query
        .search
        .as_deref()
        .map(search_terms)
        .unwrap_or_default();
    let search = if terms.is_empty() {
        None
    } else if meta::in_bulk(conn)? {
        // Only while a bulk load has not built the index yet: every term on the folded text.
        let scans = terms.iter().map(|t| format!(" {t}")).collect();
        Some(search::Search {
            matches: None,
            scans,
        })
    } else {
        match search::plan(conn, &terms)? {
            Some(search) => Some(search),
            None => return Ok(OrderPage::default()),
        }
    };
    let matches = search.as_ref().and_then(|s| s.matches.clone());
    let key = if let Some(expression) = matches {
        sql.from = "orders_fts CROSS JOIN orders o ON o.rid = orders_fts.rowid";
        sql.push("orders_fts MATCH ?", [Value::Text(expression)]);
        if let Some(tag) = &query.tag {
            let exists = "EXISTS (SELECT 1 FROM order_tags WHERE tag = ? AND order_rowid = o.rid)";
            sql.push(exists, [Value::Text(tag.clone())]);
        }
        "orders_fts.rowid"
    } else if let Some(tag) = &query.tag {
        sql.from = "order_tags t CROSS JOIN orders o ON o.rid = t.order_rowid";
        sql.push("t.tag = ?", [Value::Text(tag.clone())]);
        "t.order_rowid"
    } else {
        sql.from = "orders o";
        "o.rid"
    };
    // Common short terms (or all terms during a bulk load): a word of the folded text begins
    // with the term exactly when the text holds " term" (see `row::push_words`).
    for scan in search.into_iter().flat_map(|s| s.scans) {
        sql.push("instr(o.search, ?) > 0", [Value::Text(scan)]);
    }
    filters(&mut sql, query, key)?;
    let text = format!(
        "SELECT {COLUMNS} FROM {} WHERE {} ORDER BY {key} DESC LIMIT {}",
        sql.from,
        if sql.conds.is_empty() {
            "1".into()
        } else {
            sql.conds.join(" AND ")
        },
        limit + 1
    );
    let mut stmt = conn.prepare_cached(&text)?;
    let mut orders = stmt
        .query_map(params_from_iter(sql.args), summary)?
        .collect::<rusqlite::Result<Vec<(i64, OrderSummary)>>>()?;
    let next = if orders.len() > limit as usize {
        orders.truncate(limit as usize);
        orders.last().map(|(rid, _)| encode_cursor(*rid))
    } else {
        None
    };
    Ok(OrderPage {
        orders: orders.into_iter().map(|(_, o)| o).collect(),
        next,
    })
}

/// Counts per status plus all / unpaid / incomplete / with error, read from the counters
/// table (kept in the same transaction as every order write, bulk loads included).
pub fn counts(conn: &Connection) -> Result<Counts> {
    let mut stmt = conn.prepare_cached("SELECT key, n FROM counts")?;
    let mut rows = stmt.query([])?;
    let mut counts = Counts::default();
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        let n: i64 = row.get(1)?;
        let slot = match key.as_str() {
            "all" => &mut counts.all,
            "unpaid" => &mut counts.unpaid,
            "incomplete" => &mut counts.incomplete,
            "with_error" => &mut counts.with_error,
            status => match OrderStatus::from_wire(status) {
                OrderStatus::Pending => &mut counts.pending,
                OrderStatus::Preparing => &mut counts.preparing,
                OrderStatus::Ready => &mut counts.ready,
                OrderStatus::Shipped => &mut counts.shipped,
                OrderStatus::Delivered => &mut counts.delivered,
                OrderStatus::Cancelled => &mut counts.cancelled,
                OrderStatus::Unknown => continue,
            },
        };
        *slot += n;
    }
    Ok(counts)
}

/// Every distinct non-empty warehouse and tag among the cached orders, sorted (byte order).
///
/// A loose index scan: each value is one seek for the smallest entry greater than the last
/// one in `orders_warehouse` / the `order_tags` key, so the cost grows with the number of
/// distinct values, not with the 100,000 orders (a plain `SELECT DISTINCT` walks every index
/// entry). `order_tags` holds the displayed tags only, so a tag no order has any more is gone.
pub fn facets(conn: &Connection) -> Result<Facets> {
    Ok(Facets {
        warehouses: distinct(conn, WAREHOUSES)?,
        tags: distinct(conn, TAGS)?,
    })
}

/// `> ''` skips NULL and empty values and lets the seek start inside the index.
const WAREHOUSES: &str = "WITH RECURSIVE v(x) AS (
        SELECT min(warehouse) FROM orders WHERE warehouse > ''
        UNION ALL
        SELECT (SELECT min(warehouse) FROM orders WHERE warehouse > v.x) FROM v WHERE v.x NOT NULL
    ) SELECT x FROM v WHERE x NOT NULL";

const TAGS: &str = "WITH RECURSIVE v(x) AS (
        SELECT min(tag) FROM order_tags WHERE tag > ''
        UNION ALL
        SELECT (SELECT min(tag) FROM order_tags WHERE tag > v.x) FROM v WHERE v.x NOT NULL
    ) SELECT x FROM v WHERE x NOT NULL";

fn distinct(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let values = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    // A blank value would be an unreadable chip in the filter sheet.
    Ok(values
        .into_iter()
        .filter(|v| !v.trim().is_empty())
        .collect())
}

/// The WHERE clause under construction.
#[derive(Default)]
struct Sql {
    from: &'static str,
    conds: Vec<String>,
    args: Vec<Value>,
}

impl Sql {
    fn push(&mut self, cond: &str, args: impl IntoIterator<Item = Value>) {
        self.conds.push(cond.to_string());
        self.args.extend(args);
    }

    /// `column IN (?, ?, …)` over wire names; nothing when the set is empty.
    fn any_of(&mut self, column: &str, values: Vec<&'static str>) {
        if values.is_empty() {
            return;
        }
        let marks = vec!["?"; values.len()].join(", ");
        let cond = format!("{column} IN ({marks})");
        self.push(&cond, values.into_iter().map(|v| Value::Text(v.into())));
    }
}

fn filters(sql: &mut Sql, q: &OrderQuery, key: &str) -> Result<()> {
    sql.any_of(
        "o.status",
        q.statuses.iter().map(OrderStatus::as_str).collect(),
    );
    sql.any_of(
        "o.fulfillment",
        q.fulfillments.iter().map(Fulfillment::as_str).collect(),
    );
    // Literal SQL, not user text: the boolean filters pick one of two fixed conditions.
    match q.paid {
        Some(true) => sql.push("o.payment_status <> 'unpaid'", []),
        Some(false) => sql.push(
            "o.payment_status = 'unpaid' AND o.status <> 'cancelled'",
            [],
        ),
        None => {}
    }
    match q.has_error {
        Some(true) => sql.push("o.has_error = 1", []),
        Some(false) => sql.push("o.has_error = 0", []),
        None => {}
    }
    match q.incomplete {
        Some(true) => sql.push("o.status NOT IN ('delivered', 'cancelled')", []),
        Some(false) => sql.push("o.status IN ('delivered', 'cancelled')", []),
        None => {}
    }
    match q.scheduled {
        Some(true) => sql.push(
            "o.scheduled_for IS NOT NULL AND o.status NOT IN ('delivered', 'cancelled')",
            [],
        ),
        Some(false) => sql.push("o.scheduled_for IS NULL", []),
        None => {}
    }
    if let Some(warehouse) = &q.warehouse {
        sql.push("o.warehouse = ?", [Value::Text(warehouse.clone())]);
    }
    // Dates bound the rid (the driving key) so the walk starts and stops in the right place;
    // created_at keeps it exact.
    if let Some(from) = q.created_from {
        let cond = format!("{key} >= ? AND o.created_at >= ?");
        let args = [
            Value::Integer(rid_floor(from)),
            Value::Integer(from.timestamp_millis()),
        ];
        sql.push(&cond, args);
    }
    if let Some(to) = q.created_to {
        let cond = format!("{key} < ? AND o.created_at < ?");
        let args = [
            Value::Integer(rid_floor(to)),
            Value::Integer(to.timestamp_millis()),
        ];
        sql.push(&cond, args);
    }
    if let Some(after) = &q.after {
        sql.push(
            &format!("{key} < ?"),
            [Value::Integer(decode_cursor(after)?)],
        );
    }
    Ok(())
}

const COLUMNS: &str = "o.rid, o.id, o.number, o.status, o.fulfillment, o.created_at, \
    o.auto_cancel_at, o.customer_name, o.currency, o.total, o.paid, o.refunded, \
    o.payment_method, o.payment_status, o.warehouse, o.tags, o.error, o.pending_actions, \
    o.scheduled_for, o.doc_badges";

fn summary(r: &Row<'_>) -> rusqlite::Result<(i64, OrderSummary)> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let tags: String = r.get(15)?;
    let error: Option<String> = r.get(16)?;
    let currency = text(8)?;
    let summary = OrderSummary {
        id: r.get(1)?,
        number: r.get(2)?,
        status: OrderStatus::from_wire(&text(3)?),
        fulfillment: Fulfillment::from_wire(&text(4)?),
        created_at: millis(r.get(5)?),
        auto_cancel_at: r.get::<_, Option<i64>>(6)?.map(millis),
        customer_name: r.get(7)?,
        currency: Currency::parse(&currency).unwrap_or(Currency::MXN),
        total: r.get(9)?,
        paid: r.get(10)?,
        refunded: r.get(11)?,
        payment_method: PaymentMethod::from_wire(&text(12)?),
        payment_status: PaymentStatus::from_wire(&text(13)?),
        warehouse: r.get(14)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        error: error.and_then(|e| serde_json::from_str(&e).ok()),
        pending_actions: r.get(17)?,
        scheduled_for: r.get::<_, Option<i64>>(18)?.map(millis),
        documents: r
            .get::<_, Option<String>>(19)?
            .and_then(|d| serde_json::from_str(&d).ok())
            .unwrap_or_default(),
    };
    Ok((r.get(0)?, summary))
}

fn millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// The cursor handed to the UI: opaque, but just the last row's rid.
fn encode_cursor(rid: i64) -> String {
    format!("r{:x}", rid as u64)
}

fn decode_cursor(text: &str) -> Result<i64> {
    text.strip_prefix('r')
        .and_then(|hex| u64::from_str_radix(hex, 16).ok())
        .map(|rid| rid as i64)
        .ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidInput,
                "La posición de la lista no es válida; vuelve a cargarla.",
                "The list position is not valid; reload the list.",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The steps SQLite plans for `sql`, one `detail` per line.
    fn plan(conn: &Connection, sql: &str) -> String {
        let mut stmt = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("the facet queries prepare");
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(3))
            .expect("the plan reads");
        rows.map(|r| r.expect("a plan row"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn facets_seek_their_indexes_instead_of_scanning_tables() {
        let store = crate::store::Store::open_in_memory().expect("an in-memory store opens");
        store
            .read(|conn| {
                let warehouses = plan(conn, WAREHOUSES);
                assert!(
                    warehouses.contains("SEARCH orders USING COVERING INDEX orders_warehouse")
                        && !warehouses.contains("SCAN orders"),
                    "warehouses must be seeks in orders_warehouse, not a walk of 100,000 \
                     orders:\n{warehouses}"
                );
                let tags = plan(conn, TAGS);
                assert!(
                    tags.contains("SEARCH order_tags USING PRIMARY KEY")
                        && !tags.contains("SCAN order_tags"),
                    "tags must be seeks in the order_tags key, not a walk of it:\n{tags}"
                );
                Ok(())
            })
            .expect("reads");
    }
}
