//! Connecting the desk to a WooCommerce or Shopify shop, and its sync cycle through the
//! [`Platform`] trait: pull, push the outbox, pull again — the same store, outbox, attention
//! and events as with the Orders API. Which platform it is stays here.
//!
//! Kept: the platform's name and URL in the state file (`backend.platform`, `backend.url`),
//! its credentials in the token store (the OS keychain in the app), the opaque cursor in the
//! cache's `sync.cursor`.

use std::time::Duration;

use crate::error::{Error, ErrorCode, Result};
use crate::platforms::{AnyPlatform, Credentials, PlatformError, PlatformKind};
use crate::store::{kv, orders};
use crate::sync::{self, PlatformSyncError};
use crate::text::Text;
use crate::view::{OrdersChanged, SyncErrorKind, SyncState, SyncStatus};

use super::status::{KEY_CLOCK_OFFSET, KEY_DEMO, KEY_DEMO_TOKEN, KEY_PLATFORM};
use super::sync_cycle::CycleReport;
use super::{Desk, DeskEvent, lock};

/// How often the id-only reconciliation asks which cached orders still exist.
const RECONCILE_EVERY: chrono::Duration = chrono::Duration::minutes(5);

fn words_error(code: ErrorCode, words: Text) -> Error {
    Error::new(code, words.es, words.en)
}

/// The indicator's state after a platform error.
fn state_after(
    err: &PlatformError,
    previous: &SyncState,
    now: chrono::DateTime<chrono::Utc>,
) -> SyncState {
    match err {
        PlatformError::Http { status: 401, .. } | PlatformError::Http { status: 403, .. } => {
            SyncState::NeedsReconnect
        }
        PlatformError::Connect(_) | PlatformError::Timeout | PlatformError::Transport(_) => {
            let since = match previous {
                SyncState::Offline { since } => *since,
                _ => now,
            };
            SyncState::Offline { since }
        }
        PlatformError::Http { status, .. } if *status == 429 || *status >= 500 => {
            SyncState::Error {
                kind: SyncErrorKind::Server,
                reason: format!("La tienda tuvo un problema ({status}); se reintentará."),
                reason_en: format!("The shop had a problem ({status}); it will retry."),
            }
        }
        other => SyncState::Error {
            kind: SyncErrorKind::BadAnswer,
            reason: format!("La tienda respondió algo que no se pudo leer: {other}"),
            reason_en: format!("The shop answered something that could not be read: {other}"),
        },
    }
}

impl Desk {
    fn build_platform(
        &self,
        kind: PlatformKind,
        url: &str,
        credentials: &Credentials,
    ) -> std::result::Result<AnyPlatform, Text> {
        let fast = self.inner.tuning.api.connect_timeout < Duration::from_secs(1);
        AnyPlatform::new(kind, url, credentials, self.inner.clock.clone(), fast)
    }

    /// At open: the saved platform connection, when there is one. A token store that cannot
    /// be read leaves the desk on its cache in [`SyncState::NoKeychain`].
    pub(crate) fn restore_platform(&self, kind: PlatformKind, url: &str) -> Result<()> {
        let secret = match self.inner.tokens.get_for(kind) {
            Ok(secret) => secret,
            Err(err) => {
                tracing::warn!(%err, "the saved credentials cannot be read: opening without them");
                self.board().state = SyncState::NoKeychain {
                    detail: err.to_string(),
                };
                return Ok(());
            }
        };
        let Some(secret) = secret else {
            return Ok(());
        };
        match self.build_platform(kind, url, &Credentials::from_secret(kind, &secret)) {
            Ok(platform) => {
                *lock(&self.inner.platform) = Some(platform);
                self.board().state = SyncState::Online;
            }
            Err(words) => {
                tracing::warn!(why = %words.en, "the saved platform connection is not usable")
            }
        }
        Ok(())
    }

    /// Connects to a shop on `kind` at `url` (a WooCommerce store URL, a Shopify domain, or
    /// the Orders API's URL) with `credentials`: reads the shop first (errors in the owner's
    /// words), then keeps the platform and URL in the state file and the credentials in the
    /// token store. Another shop than the cached one resets the cache and parks the old
    /// shop's actions, as [`Desk::connect`] does.
    pub async fn connect_platform(
        &self,
        kind: PlatformKind,
        url: &str,
        credentials: Credentials,
    ) -> Result<SyncStatus> {
        if kind == PlatformKind::OrdersApi {
            return self.connect(url, &credentials.secret, false).await;
        }
        let platform = self
            .build_platform(kind, url, &credentials)
            .map_err(|w| words_error(ErrorCode::InvalidInput, w))?;
        let shop = platform
            .check()
            .await
            .map_err(|w| words_error(ErrorCode::NotConnected, w))?;
        let base = platform.base_url().to_string();
        let _cycle = self.inner.cycle.lock().await;
        self.keep_secret(&credentials.to_secret(kind))?;
        let switched = self.inner.store.write(|tx| {
            let switched = super::sync_cycle::switch_shop(tx, &base, &shop)?;
            kv::set(tx, KEY_PLATFORM, kind.as_str())?;
            kv::set(tx, KEY_DEMO, "0")?;
            kv::remove(tx, KEY_DEMO_TOKEN)?;
            kv::remove(tx, KEY_CLOCK_OFFSET)?;
            Ok(switched)
        })?;
        *lock(&self.inner.api) = None;
        *lock(&self.inner.platform) = Some(platform);
        *lock(&self.inner.reconciled_at) = Some(self.inner.clock.now());
        self.connected(switched)
    }

    /// Pull, push, pull through the platform (the cycle lock is held by the caller).
    pub(crate) async fn platform_cycle(
        &self,
        platform: &AnyPlatform,
        force: bool,
    ) -> Result<CycleReport> {
        let mut report = CycleReport::default();
        let pulled = self.platform_pull(platform, &mut report).await?;
        if let Err(err) = &pulled
            && matches!(
                state_after(err, &SyncState::Online, self.inner.clock.now()),
                SyncState::NeedsReconnect
            )
        {
            self.set_state(SyncState::NeedsReconnect, false);
            return Ok(report);
        }
        let flushed = self.inner.sender.flush_platform(platform, force).await?;
        report.next_due = flushed.next_due;
        let applied = flushed.applied > 0;
        self.after_flush(&flushed);
        let pulled = if applied {
            self.platform_pull(platform, &mut report).await?
        } else {
            pulled
        };
        if pulled.is_ok() {
            self.reconcile_if_due(platform, &mut report).await;
        }
        match pulled {
            Ok(()) if !flushed.offline => self.set_state(SyncState::Online, true),
            Ok(()) => self.set_state(
                SyncState::Offline {
                    since: self.inner.clock.now(),
                },
                false,
            ),
            Err(err) => {
                report.retry_after = err.retry_after();
                let state = state_after(&err, &self.board().state, self.inner.clock.now());
                self.set_state(state, false);
            }
        }
        if report.changed > 0 {
            self.inner.attention.wake();
        }
        Ok(report)
    }

    async fn platform_pull(
        &self,
        platform: &AnyPlatform,
        report: &mut CycleReport,
    ) -> Result<std::result::Result<(), PlatformError>> {
        let now = self.inner.clock.now();
        let result =
            sync::pull_platform(&self.inner.store, platform, now, self.pull_progress()).await;
        match result {
            Ok(pulled) => {
                self.after_pull(&pulled, report)?;
                Ok(Ok(()))
            }
            Err(PlatformSyncError::Platform(err)) => Ok(Err(err)),
            Err(PlatformSyncError::Core(err)) => Err(err),
        }
    }

    /// Every few minutes: which cached orders still exist (deleted ones never show in a
    /// change list). A failure waits for the next time; it is not an outage.
    async fn reconcile_if_due(&self, platform: &AnyPlatform, report: &mut CycleReport) {
        let now = self.inner.clock.now();
        let due = lock(&self.inner.reconciled_at).is_none_or(|at| now - at >= RECONCILE_EVERY);
        if !due {
            return;
        }
        *lock(&self.inner.reconciled_at) = Some(now);
        // WooCommerce answers 100 ids a request and trashes orders silently: ask about all.
        // Shopify answers one id a request: ask only about the orders being attended.
        let active = platform.kind() == PlatformKind::Shopify;
        match sync::reconcile_gone(&self.inner.store, platform, active).await {
            Ok(removed) if !removed.is_empty() => {
                report.changed += removed.len();
                self.emit(DeskEvent::OrdersChanged(OrdersChanged {
                    ids: removed,
                    all: false,
                }));
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(%err, "reconciliation did not run"),
        }
    }

    /// Reads one order from the platform now and stores it.
    pub(crate) async fn reload_from_platform(
        &self,
        platform: &AnyPlatform,
        id: &str,
    ) -> Result<()> {
        use crate::platforms::Platform;
        let fetched = platform.order(id).await.map_err(|e| {
            Error::new(
                ErrorCode::Network,
                format!("No se pudo leer el pedido en la tienda: {e}"),
                format!("Could not read the order from the shop: {e}"),
            )
        })?;
        let tz = self.tz()?;
        self.inner.store.write(|tx| {
            match &fetched {
                Some(f) => {
                    orders::upsert_platform(tx, std::slice::from_ref(&f.order), tz)?;
                }
                None => {
                    crate::store::gone::remove(tx, id)?;
                }
            }
            crate::outbox::refresh_overlay(tx, id, tz)
        })
    }
}
