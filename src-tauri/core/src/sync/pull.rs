//! One pull: pages from the stored cursor until `has_more` is false. Each page and its cursor
//! are committed in one transaction; on a first sync (bulk mode) fetching runs ahead of
//! writing and commits group a few thousand orders, and the search index is built once at the
//! end. Orders with queued actions get their optimistic overlay recomputed on top of what
//! arrived.

use std::collections::HashSet;
use std::sync::Arc;

use chrono_tz::Tz;
use tokio::sync::mpsc;

use crate::api::{ApiClient, ApiError, BadOrder, OrdersPage};
use crate::error::Result;
use crate::model::Order;
use crate::outbox::{queue, refresh_overlay};
use crate::store::{Store, meta, orders, quarantine};

use super::{SyncConfig, SyncError};

/// What a pull did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PullReport {
    /// Orders received.
    pub fetched: usize,
    /// Orders whose cached state changed (empty with `all`).
    pub changed: Vec<String>,
    /// A first sync: everything may have changed.
    pub all: bool,
    /// The cursor after the pull.
    pub cursor: i64,
    /// Requests made.
    pub requests: u32,
    /// Time spent writing pages into the cache (not overlapped with the wait for the network).
    pub write_time: std::time::Duration,
    /// Time spent ending a bulk load (counters and search index built in one pass).
    pub finish_time: std::time::Duration,
    /// Orders that did not decode, kept raw in the quarantine (the cursor moved past them).
    pub quarantined: usize,
}

/// Progress while pulling: orders fetched so far and, on a bulk load, that the list should
/// reload (`all`), or the ids that changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Orders fetched so far in this pull.
    pub fetched: usize,
    /// Ids that changed in the last commit (empty with `all`).
    pub changed: Vec<String>,
    /// Everything may have changed.
    pub all: bool,
}

/// Stores one batch (each order with the JSON text it arrived as, `json[i]` for `batch[i]`) and
/// moves the cursor, in one transaction; returns the changed ids.
pub fn store_batch(
    conn: &rusqlite::Connection,
    batch: &[Order],
    json: &[Box<str>],
    cursor: i64,
    tz: Tz,
) -> Result<Vec<String>> {
    let changed = orders::upsert_received(conn, batch, json, tz)?;
    quarantine::release(conn, batch.iter().map(|o| o.id.as_str()))?;
    meta::set_cursor(conn, cursor)?;
    if !changed.is_empty() {
        let with_actions: HashSet<String> = queue::orders_with_pending(conn)?.into_iter().collect();
        for id in changed.iter().filter(|id| with_actions.contains(*id)) {
            refresh_overlay(conn, id, tz)?;
        }
    }
    Ok(changed)
}

fn spawn_fetcher(
    api: ApiClient,
    mut after: i64,
    limit: u32,
) -> mpsc::Receiver<std::result::Result<OrdersPage, ApiError>> {
    // Pages keep downloading while a bulk commit of a few thousand orders is written.
    let (tx, rx) = mpsc::channel(16);
    tokio::spawn(async move {
        loop {
            let page = api.orders_page(after, limit).await;
            let stop = match &page {
                Ok(p) => {
                    after = p.next_after;
                    !p.has_more
                }
                Err(_) => true,
            };
            if tx.send(page).await.is_err() || stop {
                return;
            }
        }
    });
    rx
}

/// Pulls until the backend has nothing more. `progress` is called after each commit.
pub async fn pull(
    store: &Arc<Store>,
    api: &ApiClient,
    config: &SyncConfig,
    mut progress: impl FnMut(Progress),
) -> std::result::Result<PullReport, SyncError> {
    let (cursor, tz, in_bulk) = store.read(|c| {
        let tz = meta::store(c)?.map_or(chrono_tz::UTC, |s| s.tz());
        Ok((meta::cursor(c)?, tz, meta::in_bulk(c)?))
    })?;
    let mut pages = spawn_fetcher(api.clone(), cursor, config.page_limit);
    let Some(first) = pages.recv().await else {
        return Err(SyncError::Core(crate::Error::internal(
            "the page fetcher stopped",
        )));
    };
    let first = first?;
    // Bulk mode only pays off for a big first sync (more than one page); a small or empty
    // shop stays incremental so its changes keep naming orders.
    let bulk = in_bulk || (cursor == 0 && first.has_more);
    if bulk && !in_bulk {
        store.write(|tx| orders::begin_bulk(tx))?;
    }
    let mut report = PullReport {
        all: bulk,
        cursor,
        ..PullReport::default()
    };
    let mut pending_first = Some(Ok(first));
    let mut batch: Vec<Order> = Vec::new();
    let mut batch_json: Vec<Box<str>> = Vec::new();
    let mut batch_bad: Vec<BadOrder> = Vec::new();
    while let Some(page) = match pending_first.take() {
        Some(first) => Some(first),
        None => pages.recv().await,
    } {
        let page = page?;
        report.requests += 1;
        report.fetched += page.orders.len();
        report.cursor = page.next_after;
        report.quarantined += page.bad.len();
        batch.extend(page.orders);
        batch_json.extend(page.json);
        batch_bad.extend(page.bad);
        let last = !page.has_more;
        if bulk && !last && batch.len() < config.bulk_commit_every {
            continue;
        }
        let to_write = Batch {
            orders: std::mem::take(&mut batch),
            json: std::mem::take(&mut batch_json),
            bad: std::mem::take(&mut batch_bad),
            received_at: api.backend_now(),
        };
        let started = std::time::Instant::now();
        let changed = write_batch(store, to_write, report.cursor, tz, bulk).await?;
        report.write_time += started.elapsed();
        if !bulk {
            report.changed.extend(changed.iter().cloned());
        }
        if bulk || !changed.is_empty() {
            progress(Progress {
                fetched: report.fetched,
                changed: if bulk { Vec::new() } else { changed },
                all: bulk,
            });
        }
    }
    if bulk {
        let started = std::time::Instant::now();
        let s = store.clone();
        tokio::task::spawn_blocking(move || s.write(|tx| orders::end_bulk(tx)))
            .await
            .map_err(|e| SyncError::Core(crate::Error::internal(e)))??;
        report.finish_time = started.elapsed();
    }
    Ok(report)
}

/// What one commit writes.
struct Batch {
    orders: Vec<Order>,
    json: Vec<Box<str>>,
    bad: Vec<BadOrder>,
    received_at: chrono::DateTime<chrono::Utc>,
}

impl Batch {
    fn store(&self, conn: &rusqlite::Connection, cursor: i64, tz: Tz) -> Result<Vec<String>> {
        if !self.bad.is_empty() {
            // Kept in the same transaction as the cursor that moves past them.
            quarantine::keep(conn, &self.bad, self.received_at)?;
        }
        store_batch(conn, &self.orders, &self.json, cursor, tz)
    }
}

async fn write_batch(
    store: &Arc<Store>,
    batch: Batch,
    cursor: i64,
    tz: Tz,
    bulk: bool,
) -> Result<Vec<String>> {
    if !bulk {
        // An incremental page is small: writing it inline is cheaper than a thread hop.
        return store.write(|tx| batch.store(tx, cursor, tz));
    }
    let s = store.clone();
    tokio::task::spawn_blocking(move || s.write(|tx| batch.store(tx, cursor, tz)))
        .await
        .map_err(crate::Error::internal)?
}
