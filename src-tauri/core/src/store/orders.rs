//! Writing orders into the cache. Every function takes a `&Connection` so callers compose them
//! inside one transaction (`Store::write` hands out a `Transaction`, which derefs to one): the
//! typed columns, tags, search index, counters and daily sales change together or not at all.

use chrono_tz::Tz;
use rusqlite::{CachedStatement, Connection, OptionalExtension, params};

pub use super::bulk::{begin_bulk, end_bulk};
use super::row::{OrderRow, RID_SHIFT, Tally, rid_floor};
use super::tally::Delta;
use super::{kv, meta};
use crate::model::{Order, OrderStatus, PaymentStatus};
use crate::{Error, Result};

fn same_json(conn: &Connection, rid: i64, json: &str) -> Result<bool> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT json FROM orders WHERE rid = ?1")?
        .query_row([rid], |r| r.get(0))
        .optional()?;
    Ok(stored.as_deref() == Some(json))
}

/// What the cache holds for an order before a write.
pub(super) struct Existing {
    pub(super) rid: i64,
    version: i64,
    pub(super) has_overlay: bool,
    pub(super) tally: Tally,
    pub(super) tags: String,
    search: String,
}

/// Stores the server's `orders`, each only when its `version` is newer than the cached one
/// (an older or equal version is ignored: the cache never regresses). An order with an
/// optimistic overlay keeps showing the overlay (`local_json` and the typed columns are left
/// alone; the outbox recomputes overlays). Returns the ids that changed.
pub fn upsert_server(conn: &Connection, orders: &[Order], tz: Tz) -> Result<Vec<String>> {
    upsert_each(conn, orders.iter().map(|o| (o, None)), tz, false)
}

/// [`upsert_server`] for a platform whose versions are whole seconds (WooCommerce's
/// `date_modified_gmt`): an order with the cached version replaces it when it differs, so a
/// change made within the same second is not lost. An older version is still ignored.
pub fn upsert_platform(conn: &Connection, orders: &[Order], tz: Tz) -> Result<Vec<String>> {
    upsert_each(conn, orders.iter().map(|o| (o, None)), tz, true)
}

/// [`upsert_server`] for orders as they arrived from the backend: `json[i]` is the JSON text
/// `orders[i]` was decoded from, stored as it is instead of encoding the order again (which
/// cost about a sixth of a first sync's write path).
pub fn upsert_received(
    conn: &Connection,
    orders: &[Order],
    json: &[Box<str>],
    tz: Tz,
) -> Result<Vec<String>> {
    if orders.len() != json.len() {
        return Err(Error::internal("each received order needs its JSON text"));
    }
    let pairs = orders.iter().zip(json).map(|(o, j)| (o, Some(&**j)));
    upsert_each(conn, pairs, tz, false)
}

/// The statements every order of a page runs, taken from the statement cache once per page:
/// `prepare_cached` per row hashed each one's SQL text every time (~4% of a first sync's
/// writes).
struct PageStatements<'c> {
    existing: CachedStatement<'c>,
    free_rid: CachedStatement<'c>,
    insert: CachedStatement<'c>,
    insert_tag: CachedStatement<'c>,
}

impl<'c> PageStatements<'c> {
    fn new(conn: &'c Connection) -> Result<Self> {
        Ok(Self {
            existing: conn.prepare_cached(EXISTING)?,
            free_rid: conn.prepare_cached(FREE_RID)?,
            insert: conn.prepare_cached(INSERT)?,
            insert_tag: conn.prepare_cached(INSERT_TAG)?,
        })
    }
}

fn upsert_each<'a>(
    conn: &Connection,
    orders: impl Iterator<Item = (&'a Order, Option<&'a str>)>,
    tz: Tz,
    equal_replaces: bool,
) -> Result<Vec<String>> {
    let bulk = meta::in_bulk(conn)?;
    let mut changed = Vec::new();
    let mut delta = Delta::default();
    let mut st = PageStatements::new(conn)?;
    for (order, received) in orders {
        // In a bulk load nearly every order is new: insert first (nothing happens when the id
        // is cached) and look the order up only then, a lookup per order saved.
        if let (true, Some(json)) = (bulk, received)
            && insert(conn, &mut st, order, json, tz, bulk, &mut delta)?
        {
            changed.push(order.id.clone());
            continue;
        }
        let existing = existing(&mut st.existing, &order.id)?;
        let encoded;
        let json = match received {
            Some(text) => text,
            None => {
                encoded = serde_json::to_string(order).map_err(Error::internal)?;
                encoded.as_str()
            }
        };
        if let Some(e) = &existing
            && (e.version > order.version
                || (e.version == order.version
                    && (!equal_replaces || same_json(conn, e.rid, json)?)))
        {
            continue;
        }
        match existing {
            None => {
                insert(conn, &mut st, order, json, tz, bulk, &mut delta)?;
            }
            Some(e) => {
                if !e.has_overlay {
                    let row = OrderRow::from_order(order, tz)?;
                    update_display(conn, &e, &row, bulk, &mut delta)?;
                }
                conn.prepare_cached(
                    "UPDATE orders SET json = ?2, version = ?3, seq = ?4 WHERE rid = ?1",
                )?
                .execute(params![e.rid, json, order.version, order.seq])?;
            }
        }
        changed.push(order.id.clone());
    }
    delta.flush(conn)?;
    Ok(changed)
}

/// Shows `effective` (the order with its queued actions applied) in place of the server's
/// order, or the server's order again when `None`. Counters, daily sales and search follow.
pub fn set_overlay(conn: &Connection, id: &str, effective: Option<&Order>, tz: Tz) -> Result<()> {
    let e = existing(&mut conn.prepare_cached(EXISTING)?, id)?
        .ok_or_else(|| Error::order_not_found(id))?;
    let bulk = meta::in_bulk(conn)?;
    let (shown, local_json) = match effective {
        Some(order) => (
            order.clone(),
            Some(serde_json::to_string(order).map_err(Error::internal)?),
        ),
        None => (
            get_server(conn, id)?.ok_or_else(|| Error::order_not_found(id))?,
            None,
        ),
    };
    let mut delta = Delta::default();
    update_display(
        conn,
        &e,
        &OrderRow::from_order(&shown, tz)?,
        bulk,
        &mut delta,
    )?;
    delta.flush(conn)?;
    conn.prepare_cached("UPDATE orders SET local_json = ?2 WHERE rid = ?1")?
        .execute(params![e.rid, local_json])?;
    Ok(())
}

/// The order as displayed: the optimistic overlay when one is set, else the server's.
pub fn get(conn: &Connection, id: &str) -> Result<Option<Order>> {
    read_json(
        conn,
        "SELECT coalesce(local_json, json) FROM orders WHERE id = ?1",
        id,
    )
}

/// The server's order as last received, ignoring any overlay.
pub fn get_server(conn: &Connection, id: &str) -> Result<Option<Order>> {
    read_json(conn, "SELECT json FROM orders WHERE id = ?1", id)
}

/// Records how many owner actions are still queued for the order (shown on its list row).
pub fn set_pending_actions(conn: &Connection, id: &str, n: u32) -> Result<()> {
    let updated = conn
        .prepare_cached("UPDATE orders SET pending_actions = ?2 WHERE id = ?1")?
        .execute(params![id, n])?;
    if updated == 0 {
        return Err(Error::order_not_found(id));
    }
    Ok(())
}

/// Forgets every cached order for a resync from scratch: orders, tags, counters, daily sales,
/// the search index and the sync cursor. Settings, the store and other modules' tables (the
/// outbox, the notice ledger) are kept.
pub fn reset_cache(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM order_tags;
         DELETE FROM orders;
         DELETE FROM counts;
         DELETE FROM daily;
         INSERT INTO orders_fts(orders_fts) VALUES ('delete-all');",
    )?;
    kv::remove(conn, meta::KEY_CURSOR)?;
    kv::remove(conn, meta::KEY_BULK)
}

fn read_json(conn: &Connection, sql: &str, id: &str) -> Result<Option<Order>> {
    let text: Option<String> = conn
        .prepare_cached(sql)?
        .query_row([id], |r| r.get(0))
        .optional()?;
    text.map(|t| serde_json::from_str(&t).map_err(Error::internal))
        .transpose()
}

pub(super) const EXISTING: &str =
    "SELECT rid, version, local_json IS NOT NULL, status, payment_status,
        has_error, day, paid - refunded, tags, search
    FROM orders WHERE id = ?1";

pub(super) fn existing(stmt: &mut CachedStatement<'_>, id: &str) -> Result<Option<Existing>> {
    let found = stmt
        .query_row([id], |r| {
            let status: String = r.get(3)?;
            let payment: String = r.get(4)?;
            Ok(Existing {
                rid: r.get(0)?,
                version: r.get(1)?,
                has_overlay: r.get(2)?,
                tally: Tally::of(
                    OrderStatus::from_wire(&status),
                    PaymentStatus::from_wire(&payment),
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ),
                tags: r.get(8)?,
                search: r.get(9)?,
            })
        })
        .optional()?;
    Ok(found)
}

const INSERT: &str = "INSERT INTO orders(rid, id, number, status, fulfillment, created_at,
        auto_cancel_at, customer_name, currency, total, paid, refunded, payment_method,
        payment_status, warehouse, has_error, error, tags, day, version, seq, search, json,
        scheduled_for, doc_badges)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
        ?19, ?20, ?21, ?22, ?23, ?24, ?25)
    ON CONFLICT(id) DO NOTHING";

/// Inserts a new order with its tags, search entry and tallies; `false` (and nothing written)
/// when its id is cached already.
fn insert(
    conn: &Connection,
    st: &mut PageStatements<'_>,
    order: &Order,
    json: &str,
    tz: Tz,
    bulk: bool,
    delta: &mut Delta,
) -> Result<bool> {
    let row = OrderRow::from_order(order, tz)?;
    let rid = free_rid(&mut st.free_rid, order)?;
    let inserted = st.insert.execute(params![
        rid,
        order.id,
        row.number,
        row.status,
        row.fulfillment,
        row.created_at,
        row.auto_cancel_at,
        row.customer_name,
        row.currency,
        row.total,
        row.paid,
        row.refunded,
        row.payment_method,
        row.payment_status,
        row.warehouse,
        row.has_error,
        row.error,
        row.tags,
        row.day,
        order.version,
        order.seq,
        row.search,
        json,
        row.scheduled_for,
        row.doc_badges,
    ])? == 1;
    if !inserted {
        return Ok(false);
    }
    insert_tags(&mut st.insert_tag, rid, &order.tags)?;
    if !bulk {
        reindex(conn, rid, false, &row.search)?;
    }
    delta.add(None, Some(&row.tally()));
    Ok(true)
}

/// Rewrites the typed columns of an existing order and keeps tags, search and tallies in step.
fn update_display(
    conn: &Connection,
    old: &Existing,
    row: &OrderRow,
    bulk: bool,
    delta: &mut Delta,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE orders SET number = ?2, status = ?3, fulfillment = ?4, created_at = ?5,
            auto_cancel_at = ?6, customer_name = ?7, currency = ?8, total = ?9, paid = ?10,
            refunded = ?11, payment_method = ?12, payment_status = ?13, warehouse = ?14,
            has_error = ?15, error = ?16, tags = ?17, day = ?18, search = ?19,
            scheduled_for = ?20, doc_badges = ?21
         WHERE rid = ?1",
    )?
    .execute(params![
        old.rid,
        row.number,
        row.status,
        row.fulfillment,
        row.created_at,
        row.auto_cancel_at,
        row.customer_name,
        row.currency,
        row.total,
        row.paid,
        row.refunded,
        row.payment_method,
        row.payment_status,
        row.warehouse,
        row.has_error,
        row.error,
        row.tags,
        row.day,
        row.search,
        row.scheduled_for,
        row.doc_badges,
    ])?;
    if old.tags != row.tags {
        // By (tag, rid), the table's key: an index on rid alone would cost every insert.
        let gone: Vec<String> = serde_json::from_str(&old.tags).map_err(Error::internal)?;
        let mut delete =
            conn.prepare_cached("DELETE FROM order_tags WHERE tag = ?1 AND order_rowid = ?2")?;
        for tag in &gone {
            delete.execute(params![tag, old.rid])?;
        }
        let tags: Vec<String> = serde_json::from_str(&row.tags).map_err(Error::internal)?;
        insert_tags(&mut conn.prepare_cached(INSERT_TAG)?, old.rid, &tags)?;
    }
    if !bulk && old.search != row.search {
        reindex(conn, old.rid, true, &row.search)?;
    }
    delta.add(Some(&old.tally), Some(&row.tally()));
    Ok(())
}

const INSERT_TAG: &str = "INSERT OR IGNORE INTO order_tags(tag, order_rowid) VALUES (?1, ?2)";

fn insert_tags(stmt: &mut CachedStatement<'_>, rid: i64, tags: &[String]) -> Result<()> {
    for tag in tags {
        stmt.execute(params![tag, rid])?;
    }
    Ok(())
}

/// Writes the order's entry in the search index, replacing the one it had (`had_entry`).
fn reindex(conn: &Connection, rid: i64, had_entry: bool, text: &str) -> Result<()> {
    if had_entry {
        conn.prepare_cached("DELETE FROM orders_fts WHERE rowid = ?1")?
            .execute([rid])?;
    }
    conn.prepare_cached("INSERT INTO orders_fts(rowid, search) VALUES (?1, ?2)")?
        .execute(params![rid, text])?;
    Ok(())
}

/// A rid for a new order: its creation time shifted, plus the first free tie-breaker.
const FREE_RID: &str = "SELECT max(rid) FROM orders WHERE rid >= ?1 AND rid < ?2";

fn free_rid(stmt: &mut CachedStatement<'_>, order: &Order) -> Result<i64> {
    let floor = rid_floor(order.created_at);
    let ceiling = floor + (1 << RID_SHIFT);
    let max: Option<i64> = stmt.query_row(params![floor, ceiling], |r| r.get(0))?;
    let rid = max.map_or(floor, |m| m + 1);
    if rid >= ceiling {
        return Err(Error::internal(
            "more than 65,536 orders created in one millisecond",
        ));
    }
    Ok(rid)
}
