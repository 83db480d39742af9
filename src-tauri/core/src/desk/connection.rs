//! Connecting to a backend, and the sync cycle: pull, push the outbox, pull again.

use chrono::{DateTime, Utc};

use crate::api::{ApiClient, ApiError, Bucket};
use crate::error::{Error, ErrorCode, Result};
use crate::outbox::FlushReport;
use crate::store::{kv, meta, orders};
use crate::sync::{self, SyncError};
use crate::view::{OrderDetail, OrdersChanged, SyncState, SyncStatus};

use super::status::{KEY_DEMO, KEY_DEMO_TOKEN, KEY_URL, state_after_error};
use super::{Desk, DeskEvent, lock};

/// What one cycle left to do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CycleReport {
    /// When a waiting action is due again.
    pub next_due: Option<DateTime<Utc>>,
    /// Orders changed.
    pub changed: usize,
}

fn network_error(err: &ApiError) -> Error {
    match err.bucket() {
        Bucket::Unauthorized => Error::new(
            ErrorCode::NotConnected,
            "El servidor rechazó el token. Revisa el token de la tienda y vuelve a conectar.",
            "The server refused the token. Check the store's token and connect again.",
        ),
        _ => Error::new(
            ErrorCode::Network,
            format!("No se pudo contactar al servidor: {err}"),
            format!("Could not reach the server: {err}"),
        ),
    }
}

impl Desk {
    /// Rebuilds the client from the saved URL and token (at open). The demo's token is in
    /// SQLite; a real one in the token store. A token store that cannot be read (no OS
    /// keychain, or a locked one) leaves the desk open on its cache in
    /// [`SyncState::NoKeychain`] instead of failing; with no backend saved it is not asked.
    pub(crate) fn restore_connection(&self) -> Result<()> {
        let (url, demo_token) = self.inner.store.read(|c| {
            let demo = kv::get(c, KEY_DEMO)?.is_some_and(|v| v == "1");
            let token = if demo {
                kv::get(c, KEY_DEMO_TOKEN)?
            } else {
                None
            };
            Ok((kv::get(c, KEY_URL)?, demo.then_some(token)))
        })?;
        let Some(url) = url else {
            return Ok(());
        };
        let token = match demo_token {
            Some(token) => token,
            None => match self.inner.tokens.get() {
                Ok(token) => token,
                Err(err) => {
                    tracing::warn!(%err, "the saved token cannot be read: opening without it");
                    self.board().state = SyncState::NoKeychain { detail: err.en };
                    return Ok(());
                }
            },
        };
        if let Some(token) = token
            && let Ok(api) = ApiClient::new(
                &url,
                &token,
                self.inner.clock.clone(),
                self.inner.tuning.api,
            )
        {
            *lock(&self.inner.api) = Some(api);
            self.board().state = SyncState::Online;
        }
        Ok(())
    }

    /// Checks `url` + `token` with `GET /v1/store`, then keeps the URL (SQLite) and the token
    /// (the token store). Connecting to a different store forgets the old store's cache.
    pub async fn connect(&self, url: &str, token: &str, demo: bool) -> Result<SyncStatus> {
        let token = token.trim();
        if token.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "Escribe el token de la tienda.",
                "Enter the store's token.",
            ));
        }
        let api = ApiClient::new(url, token, self.inner.clock.clone(), self.inner.tuning.api)
            .map_err(|e| {
                Error::new(
                    ErrorCode::InvalidInput,
                    format!("La dirección del servidor no es válida: {e}"),
                    format!("The server address is not valid: {e}"),
                )
            })?;
        let shop = api.store().await.map_err(|e| network_error(&e))?;
        let base = api.base_url().to_string();
        let _cycle = self.inner.cycle.lock().await;
        // A real token goes to the keychain first: when there is none, nothing is saved and
        // the indicator says what is missing (the demo's token is not a secret: see below).
        if !demo && let Err(err) = self.inner.tokens.set(token) {
            if err.code == ErrorCode::KeychainUnavailable {
                self.set_state(
                    SyncState::NoKeychain {
                        detail: err.en.clone(),
                    },
                    false,
                );
            }
            return Err(err);
        }
        let switched = self.inner.store.write(|tx| {
            let previous = meta::store(tx)?;
            let switched = previous.is_some_and(|p| p.id != shop.id);
            if switched {
                orders::reset_cache(tx)?;
            }
            meta::set_store(tx, &shop)?;
            kv::set(tx, KEY_URL, &base)?;
            kv::set(tx, KEY_DEMO, if demo { "1" } else { "0" })?;
            if demo {
                kv::set(tx, KEY_DEMO_TOKEN, token)?;
            } else {
                kv::remove(tx, KEY_DEMO_TOKEN)?;
            }
            Ok(switched)
        })?;
        *lock(&self.inner.api) = Some(api);
        self.stop_stream();
        if switched {
            self.emit(DeskEvent::OrdersChanged(OrdersChanged {
                ids: vec![],
                all: true,
            }));
        }
        self.set_state(SyncState::Online, false);
        self.inner.wake.notify_one();
        self.status_now()
    }

    /// Forgets the token and the backend URL; the cache and the outbox stay.
    pub async fn disconnect(&self) -> Result<()> {
        let _cycle = self.inner.cycle.lock().await;
        if let Err(err) = self.inner.tokens.clear() {
            // No reachable keychain holds nothing this desk can use; forget the backend anyway.
            tracing::warn!(%err, "could not clear the token from the keychain");
        }
        self.inner.store.write(|tx| {
            kv::remove(tx, KEY_DEMO_TOKEN)?;
            kv::remove(tx, KEY_URL)
        })?;
        *lock(&self.inner.api) = None;
        self.stop_stream();
        self.set_state(SyncState::NotConnected, false);
        Ok(())
    }

    /// Pulls until the backend has nothing new and pushes every queued action once (even
    /// those waiting for a backoff), then pulls what they changed.
    pub async fn sync_now(&self) -> Result<SyncStatus> {
        self.cycle(true).await?;
        self.status_now()
    }

    /// Forgets the cached orders and pulls everything again; the outbox and the notice
    /// ledger are kept, and queued actions show again on the orders as they arrive.
    pub async fn resync_from_scratch(&self) -> Result<()> {
        {
            let _cycle = self.inner.cycle.lock().await;
            self.inner.store.write(|tx| orders::reset_cache(tx))?;
            self.board().last_synced_at = None;
        }
        self.emit(DeskEvent::OrdersChanged(OrdersChanged {
            ids: vec![],
            all: true,
        }));
        self.cycle(false).await?;
        Ok(())
    }

    /// Fetches one order now and stores it.
    pub async fn reload_order(&self, id: &str) -> Result<OrderDetail> {
        let api = self.api().ok_or_else(not_connected)?;
        let id = self
            .inner
            .store
            .read(|c| super::reads::resolve_order(c, id))?;
        let order = api.order(&id).await.map_err(|e| network_error(&e))?;
        let tz = self.tz()?;
        self.inner.store.write(|tx| {
            orders::upsert_server(tx, std::slice::from_ref(&order), tz)?;
            crate::outbox::refresh_overlay(tx, &order.id, tz)
        })?;
        self.emit(DeskEvent::OrdersChanged(OrdersChanged {
            ids: vec![id.clone()],
            all: false,
        }));
        self.get_order(&id).await
    }

    /// Pull, push, pull. `force` sends actions still waiting for their backoff.
    pub(crate) async fn cycle(&self, force: bool) -> Result<CycleReport> {
        let _cycle = self.inner.cycle.lock().await;
        let Some(api) = self.api() else {
            let no_keychain = matches!(self.board().state, SyncState::NoKeychain { .. });
            if !no_keychain {
                self.set_state(SyncState::NotConnected, false);
            }
            return Err(not_connected());
        };
        let mut report = CycleReport::default();
        if let Err(err) = self.ensure_store(&api).await {
            self.set_state(
                state_after_error(&err, &self.board().state, self.inner.clock.now()),
                false,
            );
            return Ok(report);
        }
        let pulled = self.pull(&api, &mut report).await?;
        if pulled
            .as_ref()
            .is_err_and(|e| e.bucket() == Bucket::Unauthorized)
        {
            self.set_state(SyncState::NeedsReconnect, false);
            return Ok(report);
        }
        let flushed = self.inner.sender.flush(&api, force).await?;
        report.next_due = flushed.next_due;
        let applied = flushed.applied > 0;
        self.after_flush(&flushed);
        if flushed.paused {
            self.set_state(SyncState::NeedsReconnect, false);
            return Ok(report);
        }
        let pulled = if applied {
            self.pull(&api, &mut report).await?
        } else {
            pulled
        };
        match pulled {
            Ok(()) if !flushed.offline => self.set_state(SyncState::Online, true),
            Ok(()) => self.set_state(
                SyncState::Offline {
                    since: self.inner.clock.now(),
                },
                false,
            ),
            Err(err) => {
                let state = state_after_error(&err, &self.board().state, self.inner.clock.now());
                self.set_state(state, false);
            }
        }
        if report.changed > 0 {
            self.inner.attention.wake();
        }
        Ok(report)
    }

    async fn ensure_store(&self, api: &ApiClient) -> std::result::Result<(), ApiError> {
        let known = self
            .inner
            .store
            .read(|c| Ok(meta::store(c)?.is_some()))
            .unwrap_or(false);
        if known {
            return Ok(());
        }
        let shop = api.store().await?;
        self.inner
            .store
            .write(|tx| meta::set_store(tx, &shop))
            .map_err(|e| ApiError::Decode(e.to_string()))
    }

    /// One pull; a backend error comes back inside `Ok` (the cycle goes on), a local one as
    /// `Err`.
    async fn pull(
        &self,
        api: &ApiClient,
        report: &mut CycleReport,
    ) -> Result<std::result::Result<(), ApiError>> {
        let desk = self.clone();
        let result = sync::pull(&self.inner.store, api, &self.inner.tuning.sync, move |p| {
            if p.all {
                // A first sync pages many orders: attention holds its passes and then
                // announces one summary instead of a flood.
                desk.inner.attention.set_first_sync(true);
                desk.set_state(
                    SyncState::Syncing {
                        fetched: p.fetched as i64,
                    },
                    false,
                );
            }
            desk.emit(DeskEvent::OrdersChanged(OrdersChanged {
                ids: p.changed,
                all: p.all,
            }));
        })
        .await;
        match result {
            Ok(pulled) => {
                if pulled.all {
                    self.inner.attention.set_first_sync(false);
                }
                report.changed += if pulled.all {
                    pulled.fetched
                } else {
                    pulled.changed.len()
                };
                Ok(Ok(()))
            }
            Err(SyncError::Api(err)) => Ok(Err(err)),
            Err(SyncError::Core(err)) => Err(err),
        }
    }

    fn after_flush(&self, flushed: &FlushReport) {
        for failed in &flushed.failed {
            self.inner.attention.action_failed(failed);
        }
        if !flushed.changed.is_empty() {
            let mut ids = flushed.changed.clone();
            ids.dedup();
            self.emit(DeskEvent::OrdersChanged(OrdersChanged { ids, all: false }));
        }
        if flushed.applied > 0 || !flushed.failed.is_empty() {
            self.announce_status();
        }
    }
}

fn not_connected() -> Error {
    Error::new(
        ErrorCode::NotConnected,
        "No hay un servidor conectado. Conecta la tienda primero.",
        "No server is connected. Connect the store first.",
    )
}
