//! The first sync's pages, read ahead: a task keeps `concurrency` page requests in flight (a
//! sliding window, not groups that wait for their slowest page) and decodes each answer, while
//! the desk writes the pages that already arrived. Pages come out in order.
//!
//! The very first read does not know how many pages there are: it asks for the first
//! `concurrency` pages at once, learns the count from page 1's `X-WP-TotalPages`, and drops
//! what it asked for past the last page (WooCommerce answers those with an empty list or a
//! 400). A store of one page costs three spare requests once; a store of thirty saves one
//! round trip.
//!
//! A pager is keyed by the page it hands out next: asked for any other page (a retry after an
//! error, a cursor from an earlier run) it is dropped, its task aborted, and a new one starts
//! there. The cursor stays the truth; the pager only saves time.

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use futures_util::stream::FuturesOrdered;
use tokio::sync::mpsc;

use super::client::Http;
use super::sync::{Decoded, decode_list};
use crate::platforms::PlatformError;

/// One page as read and decoded.
#[derive(Debug)]
pub struct PageRead {
    /// Its number (from 1).
    pub page: u32,
    /// Pages in all, from the first answer's `X-WP-TotalPages` (or as the pager was told).
    pub pages: u32,
    /// The answer's `Date` header.
    pub date: Option<DateTime<Utc>>,
    /// Its orders.
    pub decoded: Decoded,
}

/// A running read-ahead of pages `next..=pages`.
#[derive(Debug)]
pub struct Pager {
    next: u32,
    rx: mpsc::Receiver<Result<PageRead, PlatformError>>,
    held: Option<PlatformError>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Pager {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Pager {
    /// Starts reading from page `from`; `pages` when known. `path` gives a page's request.
    pub fn start(
        http: Http,
        path: impl Fn(u32) -> String + Send + 'static,
        from: u32,
        pages: Option<u32>,
        window: usize,
    ) -> Pager {
        let window = window.max(1);
        let (tx, rx) = mpsc::channel(window);
        let task = tokio::spawn(run(http, path, from, pages, window, tx));
        Pager {
            next: from,
            rx,
            held: None,
            task,
        }
    }

    /// The page it hands out next.
    pub fn next_page(&self) -> u32 {
        self.next
    }

    /// The next page (waiting for it), then those already read after it, `most` in all. Empty
    /// when the reader stopped; an error once the pages before it were handed out.
    pub async fn take(&mut self, most: usize) -> Result<Vec<PageRead>, PlatformError> {
        if let Some(e) = self.held.take() {
            return Err(e);
        }
        let mut reads = Vec::new();
        match self.rx.recv().await {
            None => return Ok(reads),
            Some(read) => reads.push(read?),
        }
        while reads.len() < most.max(1) {
            match self.rx.try_recv() {
                Ok(Ok(read)) => reads.push(read),
                Ok(Err(e)) => {
                    self.held = Some(e);
                    break;
                }
                Err(_) => break,
            }
        }
        if let Some(last) = reads.last() {
            self.next = last.page + 1;
        }
        Ok(reads)
    }
}

async fn run(
    http: Http,
    path: impl Fn(u32) -> String,
    from: u32,
    mut pages: Option<u32>,
    window: usize,
    tx: mpsc::Sender<Result<PageRead, PlatformError>>,
) {
    let mut next = from;
    let mut in_flight = FuturesOrdered::new();
    loop {
        while in_flight.len() < window && pages.is_none_or(|n| next <= n) {
            let (http, page, path) = (http.clone(), next, path(next));
            in_flight.push_back(async move { (page, http.get(&path).await) });
            next += 1;
        }
        let Some((page, answer)) = in_flight.next().await else {
            return;
        };
        if pages.is_some_and(|n| page > n) {
            // Asked for before the count was known, past the last page.
            continue;
        }
        let read = answer.and_then(|a| {
            let total = a.header_u32("X-WP-TotalPages").unwrap_or(1).max(1);
            let pages = *pages.get_or_insert(total);
            let mut decoded = Decoded::default();
            decode_list(&a.body, &mut decoded)?;
            Ok(PageRead {
                page,
                pages,
                date: a.date(),
                decoded,
            })
        });
        let failed = read.is_err();
        if tx.send(read).await.is_err() || failed {
            return;
        }
    }
}
