//! One pull from a [`Platform`] (WooCommerce, Shopify): pages of changes from the stored
//! opaque cursor until the platform has no more; each page, its removals and its cursor are
//! committed in one transaction. Orders with queued actions get their overlay recomputed.
//! A periodic id-only reconciliation ([`reconcile_gone`]) takes off orders the platform
//! deleted, which no change list ever shows.

use std::collections::HashSet;
use std::sync::Arc;

use crate::api::BadOrder;
use crate::outbox::{queue, refresh_overlay};
use crate::platforms::{Cursor, Platform, PlatformError};
use crate::store::{Store, gone, meta, orders, quarantine};

use super::{Progress, PullReport};

/// Why a platform pull stopped.
#[derive(Debug, thiserror::Error)]
pub enum PlatformSyncError {
    /// The platform.
    #[error(transparent)]
    Platform(#[from] PlatformError),
    /// The local store.
    #[error(transparent)]
    Core(#[from] crate::Error),
}

/// Most pages one pull reads (a runaway cursor stops here; the next pull goes on).
const MAX_PAGES: u32 = 10_000;

/// Pulls until the platform has nothing more. `progress` is called after each commit; on a
/// first sync (no cursor) it says `all`, so attention folds the burst into one summary.
pub async fn pull_platform<P: Platform>(
    store: &Arc<Store>,
    platform: &P,
    now: chrono::DateTime<chrono::Utc>,
    mut progress: impl FnMut(Progress),
) -> Result<PullReport, PlatformSyncError> {
    let (cursor, tz) = store.read(|c| {
        let tz = meta::store(c)?.map_or(chrono_tz::UTC, |s| s.tz());
        Ok((meta::text_cursor(c)?.map(Cursor::new), tz))
    })?;
    let first = cursor.is_none();
    let mut cursor = cursor;
    let mut report = PullReport {
        all: first,
        ..PullReport::default()
    };
    loop {
        let page = platform.changes(cursor.as_ref()).await?;
        report.requests += 1;
        report.fetched += page.orders.len();
        report.quarantined += page.malformed.len();
        let bad: Vec<BadOrder> = page
            .malformed
            .iter()
            .map(|m| BadOrder {
                key: m.id.clone().unwrap_or_else(|| format!("raw:{}", m.error)),
                order_id: m.id.clone(),
                number: None,
                seq: None,
                raw: m.error.clone().into_boxed_str(),
                error: m.error.clone(),
            })
            .collect();
        let changed = store.write(|tx| {
            if !bad.is_empty() {
                quarantine::keep(tx, &bad, now)?;
            }
            let mut changed = orders::upsert_platform(tx, &page.orders, tz)?;
            quarantine::release(tx, page.orders.iter().map(|o| o.id.as_str()))?;
            for id in &page.gone {
                if gone::remove(tx, id)? {
                    changed.push(id.clone());
                }
            }
            meta::set_text_cursor(tx, page.next.as_str())?;
            if !changed.is_empty() {
                let with_actions: HashSet<String> =
                    queue::orders_with_pending(tx)?.into_iter().collect();
                for id in changed.iter().filter(|id| with_actions.contains(*id)) {
                    refresh_overlay(tx, id, tz)?;
                }
            }
            Ok(changed)
        })?;
        report.changed.extend(changed.iter().cloned());
        if first || !changed.is_empty() {
            progress(Progress {
                fetched: report.fetched,
                changed: if first { Vec::new() } else { changed },
                all: first,
            });
        }
        cursor = Some(page.next);
        if !page.more || report.requests >= MAX_PAGES {
            break;
        }
    }
    if first {
        report.changed.clear();
    }
    Ok(report)
}

/// Asks the platform which cached orders still exist and takes the others off the list;
/// returns the ids removed. `active`: ask only about orders still being attended (for a
/// platform that answers one id a request).
pub async fn reconcile_gone<P: Platform>(
    store: &Arc<Store>,
    platform: &P,
    active: bool,
) -> Result<Vec<String>, PlatformSyncError> {
    let cached = store.read(|c| gone::cached_ids(c, active))?;
    if cached.is_empty() {
        return Ok(Vec::new());
    }
    let present: HashSet<String> = platform.present_ids(&cached).await?.into_iter().collect();
    let missing: Vec<String> = cached
        .into_iter()
        .filter(|id| !present.contains(id))
        .collect();
    if missing.is_empty() {
        return Ok(missing);
    }
    let removed = store.write(|tx| {
        let mut removed = Vec::new();
        for id in &missing {
            if gone::remove(tx, id)? {
                removed.push(id.clone());
            }
        }
        Ok(removed)
    })?;
    Ok(removed)
}
