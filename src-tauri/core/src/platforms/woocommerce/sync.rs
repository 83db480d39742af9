//! Reading changes: a first sync of every order page by page (by id, so pages do not shift
//! while orders change; read ahead 4 at a time by [`super::pager`] while the desk writes), then `modified_after` polls ordered by
//! `date_modified` with an overlap, deduped by (id, `date_modified_gmt`); and the id-only
//! reconciliation.
//!
//! The cursor is JSON in an opaque string:
//! - `{"full":{"start":T,"page":k,"pages":n}}` while the first sync runs (`T` is the store's
//!   clock when it began: every change after it is read again by the polls);
//! - `{"inc":{"after":T,"page":k,"seen":[[id,modified,fingerprint],…]}}` afterwards.
//!
//! Dedupe is by (id, `date_modified_gmt`) plus a fingerprint of the order's JSON: at one
//! second of resolution, two changes to the same order in the same second carry the same
//! `date_modified_gmt`, and only the content tells them apart.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::WooCommerce;
use super::map;
use super::pager::{PageRead, Pager};
use super::wire::WireOrder;
use crate::platforms::{ChangesPage, Cursor, Fetched, Malformed, PlatformError};

/// What the cursor holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CursorState {
    /// The first sync.
    Full {
        /// The store's time when it began (`YYYY-MM-DDTHH:MM:SS`, UTC).
        start: String,
        /// Next page to read.
        page: u32,
        /// Pages in all.
        pages: u32,
    },
    /// Polling.
    Inc {
        /// Latest `date_modified_gmt` read.
        after: String,
        /// Page of the current query.
        page: u32,
        /// (id, `date_modified_gmt`, fingerprint) already read at or near `after`.
        seen: Vec<Stamp>,
    },
}

impl CursorState {
    /// As an opaque cursor.
    pub fn to_cursor(&self) -> Cursor {
        Cursor::new(serde_json::to_string(self).unwrap_or_default())
    }

    /// From an opaque cursor.
    pub fn from_cursor(cursor: &Cursor) -> Result<CursorState, PlatformError> {
        serde_json::from_str(cursor.as_str())
            .map_err(|e| PlatformError::Decode(format!("not a WooCommerce cursor: {e}")))
    }
}

fn fmt(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn minus(text: &str, seconds: i64) -> String {
    map::gmt(text).map_or_else(
        || text.to_string(),
        |at| fmt(at - Duration::seconds(seconds)),
    )
}

/// (id, `date_modified_gmt`, fingerprint of the JSON) of one order as read.
pub type Stamp = (i64, String, u64);

/// FNV-1a of an order's JSON text.
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Orders of one answer, sorted into shown, gone and malformed.
#[derive(Debug, Default)]
pub struct Decoded {
    /// Shown.
    pub fetched: Vec<Fetched>,
    /// Not orders to attend.
    pub gone: Vec<String>,
    /// Unreadable.
    pub malformed: Vec<Malformed>,
    /// Stamp of every order with a readable id, in the order read, with what it became:
    /// 0 shown, 1 gone, 2 malformed (index into the matching list).
    pub stamps: Vec<(Stamp, u8, usize)>,
}

impl Decoded {
    /// Adds `other`'s orders after these, its stamps pointing at them.
    pub fn append(&mut self, other: Decoded) {
        let offsets = [self.fetched.len(), self.gone.len(), self.malformed.len()];
        self.stamps.extend(
            other
                .stamps
                .into_iter()
                .map(|(stamp, kind, i)| (stamp, kind, i + offsets[usize::from(kind.min(2))])),
        );
        self.fetched.extend(other.fetched);
        self.gone.extend(other.gone);
        self.malformed.extend(other.malformed);
    }
}

/// Decodes one order's JSON text.
pub fn decode_one(text: &str, out: &mut Decoded) {
    let print = fingerprint(text);
    match serde_json::from_str::<WireOrder>(text) {
        Ok(wire) => {
            let stamp = (wire.id, wire.date_modified_gmt.clone(), print);
            match map::order(&wire) {
                Ok(Some(order)) => {
                    out.stamps.push((stamp, 0, out.fetched.len()));
                    out.fetched.push(Fetched {
                        order,
                        json: text.into(),
                    });
                }
                Ok(None) => {
                    out.stamps.push((stamp, 1, out.gone.len()));
                    out.gone.push(wire.id.to_string());
                }
                Err(e) => {
                    out.stamps.push((stamp, 2, out.malformed.len()));
                    out.malformed.push(Malformed {
                        id: Some(e.id),
                        error: e.what,
                    });
                }
            }
        }
        Err(e) => {
            let value = serde_json::from_str::<serde_json::Value>(text).ok();
            let id = value
                .as_ref()
                .and_then(|v| v.get("id"))
                .map(|i| i.to_string());
            if let Some(v) = &value
                && let Some(n) = v.get("id").and_then(serde_json::Value::as_i64)
            {
                let modified = v["date_modified_gmt"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                out.stamps
                    .push(((n, modified, print), 2, out.malformed.len()));
            }
            out.malformed.push(Malformed {
                id,
                error: e.to_string(),
            });
        }
    }
}

/// Decodes a JSON array of orders, each kept as its own text.
pub fn decode_list(body: &[u8], out: &mut Decoded) -> Result<(), PlatformError> {
    let list: Vec<Box<RawValue>> =
        serde_json::from_slice(body).map_err(|e| PlatformError::Decode(e.to_string()))?;
    for raw in &list {
        decode_one(raw.get(), out);
    }
    Ok(())
}

/// Pages read in a row as one answer, and the page after them (`page` when there are none).
fn merged(reads: Vec<PageRead>, page: u32) -> (Decoded, u32) {
    let next = reads.last().map_or(page, |r| r.page + 1);
    let mut all = Decoded::default();
    for read in reads {
        all.append(read.decoded);
    }
    (all, next)
}

fn page_of(decoded: Decoded, next: CursorState, more: bool) -> ChangesPage {
    let (orders, json) = decoded
        .fetched
        .into_iter()
        .map(|f| (f.order, f.json))
        .unzip();
    ChangesPage {
        orders,
        json,
        gone: decoded.gone,
        malformed: decoded.malformed,
        next: next.to_cursor(),
        more,
    }
}

impl WooCommerce {
    /// Page `page` of every order, by id.
    fn full_path(per_page: u32, page: u32) -> String {
        format!("/orders?orderby=id&order=asc&per_page={per_page}&page={page}")
    }

    pub(super) async fn changes_impl(
        &self,
        cursor: Option<&Cursor>,
    ) -> Result<ChangesPage, PlatformError> {
        let state = match cursor {
            None => None,
            Some(c) => Some(CursorState::from_cursor(c)?),
        };
        match state {
            None => {
                let reads = self.read_ahead(1, None).await?;
                let (start, pages) = reads.first().map_or_else(
                    || (self.clock.now(), 1),
                    |r| (r.date.unwrap_or_else(|| self.clock.now()), r.pages),
                );
                let (decoded, next) = merged(reads, 1);
                Ok(self.after_full(decoded, fmt(start), next, pages))
            }
            Some(CursorState::Full { start, page, pages }) => {
                let reads = self.read_ahead(page, Some(pages)).await?;
                let (decoded, next) = merged(reads, page);
                Ok(self.after_full(decoded, start, next, pages))
            }
            Some(CursorState::Inc { after, page, seen }) => self.poll(after, page, seen).await,
        }
    }

    /// Pages from `page` on, from the read-ahead (started again when it is elsewhere or stopped).
    async fn read_ahead(
        &self,
        page: u32,
        pages: Option<u32>,
    ) -> Result<Vec<PageRead>, PlatformError> {
        let mut slot = self.pager.lock().await;
        for _ in 0..2 {
            if slot.as_ref().is_some_and(|p| p.next_page() != page) {
                *slot = None;
            }
            // Only the page size goes to the task: a clone of `self` would keep the slot, and
            // so the pager, alive from inside its own task.
            let per_page = self.config.per_page;
            let pager = slot.get_or_insert_with(|| {
                Pager::start(
                    self.http.clone(),
                    move |p| Self::full_path(per_page, p),
                    page,
                    pages,
                    self.config.concurrency,
                )
            });
            // Page 1 alone, so the list shows the first orders as soon as they arrive; then
            // whatever is already read, up to `concurrency` pages in one write.
            let most = if page == 1 {
                1
            } else {
                self.config.concurrency
            };
            match pager.take(most).await {
                Ok(reads) if !reads.is_empty() => {
                    if reads.last().is_some_and(|r| r.page >= r.pages) {
                        *slot = None;
                    }
                    return Ok(reads);
                }
                Ok(_) => *slot = None,
                Err(e) => {
                    *slot = None;
                    return Err(e);
                }
            }
        }
        Err(PlatformError::Transport(
            "the first sync's page reader stopped".into(),
        ))
    }

    fn after_full(&self, decoded: Decoded, start: String, next: u32, pages: u32) -> ChangesPage {
        if next <= pages {
            return page_of(
                decoded,
                CursorState::Full {
                    start,
                    page: next,
                    pages,
                },
                true,
            );
        }
        // Done: poll from the start of the first sync, so what changed meanwhile is read.
        let floor = minus(&start, self.config.overlap_s);
        let seen = decoded
            .stamps
            .iter()
            .map(|(s, _, _)| s.clone())
            .filter(|(_, m, _)| *m >= floor)
            .collect();
        page_of(
            decoded,
            CursorState::Inc {
                after: start,
                page: 1,
                seen,
            },
            true,
        )
    }

    async fn poll(
        &self,
        after: String,
        page: u32,
        seen: Vec<Stamp>,
    ) -> Result<ChangesPage, PlatformError> {
        let since = minus(&after, self.config.overlap_s);
        let path = format!(
            "/orders?modified_after={since}&dates_are_gmt=true&orderby=modified&order=asc&per_page={}&page={page}",
            self.config.per_page
        );
        let answer = self.http.get(&path).await?;
        let pages = answer.header_u32("X-WP-TotalPages").unwrap_or(1);
        let mut raw = Decoded::default();
        decode_list(&answer.body, &mut raw)?;
        // Dedupe: drop what was already read, as it was.
        let mut decoded = Decoded::default();
        let mut fetched: Vec<Option<Fetched>> = raw.fetched.into_iter().map(Some).collect();
        let mut gone: Vec<Option<String>> = raw.gone.into_iter().map(Some).collect();
        let mut malformed: Vec<Option<Malformed>> = raw.malformed.into_iter().map(Some).collect();
        for (stamp, kind, i) in &raw.stamps {
            if seen.contains(stamp) {
                match kind {
                    0 => fetched[*i] = None,
                    1 => gone[*i] = None,
                    _ => malformed[*i] = None,
                }
            }
        }
        decoded.fetched = fetched.into_iter().flatten().collect();
        decoded.gone = gone.into_iter().flatten().collect();
        decoded.malformed = malformed.into_iter().flatten().collect();
        // Notes are not part of an order's answer: read them for each order that changed (a
        // staff note from Mostrador moves the order's `date_modified` so it shows up here).
        self.with_staff_notes(&mut decoded.fetched).await?;
        let max = raw
            .stamps
            .iter()
            .map(|((_, m, _), _, _)| m.clone())
            .max()
            .unwrap_or_default();
        let new_after = if max > after { max } else { after.clone() };
        let floor = minus(&new_after, self.config.overlap_s);
        let mut kept: Vec<Stamp> = seen
            .into_iter()
            .chain(raw.stamps.into_iter().map(|(s, _, _)| s))
            .filter(|(_, m, _)| *m >= floor)
            .collect();
        kept.sort();
        kept.dedup();
        let more = pages > page;
        let next_page = if !more || new_after > after {
            1
        } else {
            page + 1
        };
        Ok(page_of(
            decoded,
            CursorState::Inc {
                after: new_after,
                page: next_page,
                seen: kept,
            },
            more,
        ))
    }

    pub(super) async fn order_impl(&self, id: &str) -> Result<Option<Fetched>, PlatformError> {
        let id: i64 = id
            .parse()
            .map_err(|_| PlatformError::Decode(format!("{id:?} is not a WooCommerce order id")))?;
        let answer = match self.http.get(&format!("/orders/{id}")).await {
            Ok(a) => a,
            Err(PlatformError::Http { status: 404, .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        let text =
            std::str::from_utf8(&answer.body).map_err(|e| PlatformError::Decode(e.to_string()))?;
        let mut decoded = Decoded::default();
        decode_one(text, &mut decoded);
        if let Some(bad) = decoded.malformed.pop() {
            return Err(PlatformError::Decode(bad.error));
        }
        self.with_staff_notes(&mut decoded.fetched).await?;
        Ok(decoded.fetched.pop())
    }

    pub(super) async fn present_impl(&self, ids: &[String]) -> Result<Vec<String>, PlatformError> {
        let numeric: Vec<i64> = ids.iter().filter_map(|i| i.parse().ok()).collect();
        let mut present = Vec::new();
        for chunk in numeric.chunks(self.config.per_page.max(1) as usize) {
            let list = chunk
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let path = format!(
                "/orders?include={list}&_fields=id,date_modified_gmt,status&per_page={}",
                self.config.per_page
            );
            let answer = self.http.get(&path).await?;
            #[derive(Deserialize)]
            struct Row {
                id: i64,
                #[serde(default)]
                status: String,
            }
            let rows: Vec<Row> = answer.json()?;
            for row in rows {
                let hidden = matches!(
                    map::status(&super::wire::WooStatus::parse(&row.status), None),
                    map::Mapped::Hide
                );
                if !hidden {
                    present.push(row.id.to_string());
                }
            }
        }
        Ok(present)
    }
}
