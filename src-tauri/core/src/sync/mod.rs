//! Sync (pull): keeps the cache in step with the backend. [`pull()`] pages from the stored
//! cursor until `has_more` is false; [`events::watch`] turns the backend's event stream into
//! wake-ups (reconnecting with backoff and `Last-Event-ID`); the [`crate::desk::Desk`] loop
//! also polls on a timer and pulls right after every pushed action.

pub mod events;
pub mod platform;
pub mod pull;

use std::time::Duration;

pub use platform::{PlatformSyncError, pull_platform, reconcile_gone};
pub use pull::{Progress, PullReport, pull, store_batch};

use crate::api::{ApiError, RetryPolicy};

/// How sync behaves. Tests shorten every duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyncConfig {
    /// Orders per page.
    pub page_limit: u32,
    /// On a first sync, commit after at least this many orders.
    pub bulk_commit_every: usize,
    /// Pull this often even without wake-ups (the poll fallback).
    pub poll_every: Duration,
    /// Backoff of failed pulls and event-stream reconnects.
    pub retry: RetryPolicy,
    /// Listen to `GET /v1/events`.
    pub events: bool,
    /// An event stream that stayed up this long was healthy (its reconnect backoff starts
    /// over); shorter-lived ones back off further and wake no pull of their own.
    pub stream_stable: Duration,
}

impl Default for SyncConfig {
    fn default() -> Self {
        SyncConfig {
            page_limit: 500,
            bulk_commit_every: 5000,
            poll_every: Duration::from_secs(30),
            // Reaching the backend again is one cheap GET: retry within 10 s so the desk is
            // current soon after an outage (actions have their own, longer backoff).
            retry: RetryPolicy {
                cap: Duration::from_secs(10),
                ..RetryPolicy::default()
            },
            events: true,
            stream_stable: Duration::from_secs(30),
        }
    }
}

/// Why a pull stopped.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The backend.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// The local store.
    #[error(transparent)]
    Core(#[from] crate::Error),
}
