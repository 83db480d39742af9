//! `GET /v1/events`: the wake-up stream. Replays changes after `Last-Event-ID` (or `after`)
//! from the orders table, then forwards live changes; `: ping` every heartbeat.

use std::convert::Infallible;

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio::sync::{broadcast, mpsc};
use tokio_stream::wrappers::ReceiverStream;

use crate::db::{self, Change};
use crate::problem::Problem;
use crate::routes::{non_negative, query_param};
use crate::server::AppState;

const REPLAY_PAGE: i64 = 500;

fn to_event(change: &Change) -> Event {
    let data = serde_json::to_string(change).unwrap_or_default();
    Event::default()
        .id(change.seq.to_string())
        .event("order")
        .data(data)
}

fn resume_point(headers: &HeaderMap, query: Option<&str>) -> Result<i64, Problem> {
    if let Some(value) = headers.get("last-event-id") {
        let text = value.to_str().unwrap_or("-");
        return non_negative("Last-Event-ID", text);
    }
    match query_param(query, "after") {
        Some(text) => non_negative("after", text),
        None => Ok(0),
    }
}

/// Sends every change with seq > `last` from the table; returns the new `last`, or `None`
/// when the client went away.
async fn replay(state: &AppState, tx: &mpsc::Sender<Event>, mut last: i64) -> Option<i64> {
    loop {
        let s = state.clone();
        let from = last;
        let batch = tokio::task::spawn_blocking(move || {
            db::changes_after(&s.db.reader(), from, REPLAY_PAGE)
        })
        .await
        .ok()?
        .ok()?;
        if batch.is_empty() {
            return Some(last);
        }
        for change in batch {
            last = change.seq;
            tx.send(to_event(&change)).await.ok()?;
        }
    }
}

async fn pump(state: AppState, tx: mpsc::Sender<Event>, after: i64) {
    let mut rx = state.events.subscribe();
    let mut last = after;
    loop {
        match replay(&state, &tx, last).await {
            Some(l) => last = l,
            None => return,
        }
        loop {
            let received = tokio::select! {
                r = rx.recv() => r,
                () = tx.closed() => return,
            };
            match received {
                Ok(change) if change.seq > last => {
                    last = change.seq;
                    if tx.send(to_event(&change)).await.is_err() {
                        return;
                    }
                }
                Ok(_) => {}
                // Too slow for the live feed: catch up from the table, then go live again.
                Err(broadcast::error::RecvError::Lagged(_)) => break,
                Err(broadcast::error::RecvError::Closed) => return,
            }
        }
    }
}

/// The handler.
pub async fn events(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let after = match resume_point(&headers, query.as_deref()) {
        Ok(after) => after,
        Err(problem) => return problem.into_response(),
    };
    let (tx, rx) = mpsc::channel(256);
    let heartbeat = state.config.heartbeat;
    tokio::spawn(pump(state, tx, after));
    let stream = ReceiverStream::new(rx).map(Ok::<Event, Infallible>);
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(heartbeat).text("ping"))
        .into_response()
}
