//! Connecting to Mostrador's Orders API, and the sync cycle: pull, push the outbox, pull again
//! (the platforms' own cycle is `platform_cycle.rs`).

use chrono::{DateTime, Utc};

use crate::api::{ApiClient, ApiError, Bucket};
use crate::error::{Error, ErrorCode, Result};
use crate::outbox::FlushReport;
use crate::store::meta::KEY_CACHE_STORE;
use crate::store::{kv, meta, orders};
use crate::sync::{self, SyncError};
use crate::view::{OrderDetail, OrdersChanged, SyncState, SyncStatus};

use super::status::{
    KEY_CLOCK_OFFSET, KEY_DEMO, KEY_DEMO_TOKEN, KEY_PLATFORM, KEY_URL, state_after_error,
};
use super::{Desk, DeskEvent, lock};
use crate::platforms::PlatformKind;

/// What one cycle left to do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CycleReport {
    /// When a waiting action is due again.
    pub next_due: Option<DateTime<Utc>>,
    /// Orders changed.
    pub changed: usize,
    /// The backend's `Retry-After` on a failed read: the loop waits that long (clamped).
    pub retry_after: Option<std::time::Duration>,
}

fn network_error(err: &ApiError) -> Error {
    match err {
        ApiError::SignIn => {
            return Error::new(
                ErrorCode::Network,
                "La red pide iniciar sesión: abre el navegador, inicia sesión en la red (Wi-Fi) y vuelve a intentarlo.",
                "The network wants you to sign in: open the browser, sign in to the network (Wi-Fi) and try again.",
            );
        }
        ApiError::Decode(_) | ApiError::Redirect(_) | ApiError::TooLarge(_) => {
            return Error::new(
                ErrorCode::BadAnswer,
                format!("El servidor respondió, pero no como Mostrador espera: {err}"),
                format!("The server answered, but not the way Mostrador expects: {err}"),
            );
        }
        _ => {}
    }
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
        let platform = self.inner.store.read(|c| kv::get(c, KEY_PLATFORM))?;
        match platform.as_deref().and_then(PlatformKind::parse) {
            Some(PlatformKind::OrdersApi) | None => {}
            Some(kind) => return self.restore_platform(kind, &url),
        }
        let token = match demo_token {
            Some(token) => token,
            None => match self.inner.tokens.get_for(PlatformKind::OrdersApi) {
                Ok(token) => token,
                Err(err) => {
                    tracing::warn!(%err, "the saved token cannot be read: opening without it");
                    self.board().state = SyncState::NoKeychain {
                        detail: err.to_string(),
                    };
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
            let remembered = self.inner.store.read(|c| kv::get(c, KEY_CLOCK_OFFSET))?;
            if let Some(ms) = remembered.and_then(|v| v.parse::<i64>().ok()) {
                api.assume_clock_offset(chrono::Duration::milliseconds(ms));
            }
            *lock(&self.inner.api) = Some(api);
            self.apply_device_name();
            self.board().state = SyncState::Online;
        }
        Ok(())
    }

    /// Remembers the backend's clock offset when it moved by more than 2 s (the `Date` header
    /// has whole seconds: smaller moves are noise).
    fn remember_clock_offset(&self, api: &ApiClient) -> Result<()> {
        let Some(offset) = api.clock_offset().map(|o| o.num_milliseconds()) else {
            return Ok(());
        };
        let stored = self.inner.store.read(|c| kv::get(c, KEY_CLOCK_OFFSET))?;
        let stored = stored.and_then(|v| v.parse::<i64>().ok());
        if stored.is_none_or(|s| (s - offset).abs() > 2000) {
            self.inner
                .store
                .write(|tx| kv::set(tx, KEY_CLOCK_OFFSET, &offset.to_string()))?;
        }
        Ok(())
    }

    /// Checks `url` + `token` with `GET /v1/store`, then keeps the URL (SQLite) and the token
    /// (the token store). Connecting to a different store (another URL or store id) resets the
    /// cache and parks the old store's actions, unsent, until that store is connected again
    /// (see `desk/stores.rs`).
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
        if !demo {
            self.keep_secret(token)?;
        }
        let switched = self.inner.store.write(|tx| {
            let switched = switch_shop(tx, &base, &shop)?;
            if let Some(offset) = api.clock_offset() {
                kv::set(tx, KEY_CLOCK_OFFSET, &offset.num_milliseconds().to_string())?;
            }
            kv::set(tx, KEY_DEMO, if demo { "1" } else { "0" })?;
            kv::remove(tx, KEY_PLATFORM)?;
            if demo {
                kv::set(tx, KEY_DEMO_TOKEN, token)?;
            } else {
                kv::remove(tx, KEY_DEMO_TOKEN)?;
            }
            Ok(switched)
        })?;
        *lock(&self.inner.api) = Some(api);
        *lock(&self.inner.platform) = None;
        self.apply_device_name();
        self.connected(switched)
    }

    /// Keeps a connection's secret in the keychain; when there is none, nothing is saved and
    /// the indicator says what is missing.
    pub(crate) fn keep_secret(&self, secret: &str) -> Result<()> {
        if let Err(err) = self.inner.tokens.set(secret) {
            if err.code == ErrorCode::KeychainUnavailable {
                self.set_state(
                    SyncState::NoKeychain {
                        detail: err.to_string(),
                    },
                    false,
                );
            }
            return Err(err);
        }
        Ok(())
    }

    /// The end of a connect, to any platform: the old event stream stops, a switched shop's
    /// list reloads from scratch, and the first cycle starts.
    pub(crate) fn connected(&self, switched: bool) -> Result<SyncStatus> {
        self.stop_stream();
        if switched {
            self.board().last_synced_at = None;
            self.emit(DeskEvent::OrdersChanged(OrdersChanged {
                ids: vec![],
                all: true,
            }));
        }
        self.set_state(SyncState::Online, false);
        self.inner.wake.notify_one();
        self.status_now()
    }

    /// Forgets the token and the backend URL; the cache and the outbox stay. A phone
    /// registered for pushes is unregistered first.
    pub async fn disconnect(&self) -> Result<()> {
        self.unregister_push().await?;
        let _cycle = self.inner.cycle.lock().await;
        if let Err(err) = self.inner.tokens.clear() {
            // No reachable keychain holds nothing this desk can use; forget the backend anyway.
            tracing::warn!(%err, "could not clear the token from the keychain");
        }
        self.inner.store.write(|tx| {
            kv::remove(tx, KEY_DEMO_TOKEN)?;
            kv::remove(tx, KEY_PLATFORM)?;
            kv::remove(tx, KEY_URL)
        })?;
        *lock(&self.inner.api) = None;
        *lock(&self.inner.platform) = None;
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
        let id = self
            .inner
            .store
            .read(|c| super::reads::resolve_order(c, id))?;
        if let Some(platform) = self.platform() {
            self.reload_from_platform(&platform, &id).await?;
            self.emit(DeskEvent::OrdersChanged(OrdersChanged {
                ids: vec![id.clone()],
                all: false,
            }));
            return self.get_order(&id).await;
        }
        let api = self.api().ok_or_else(not_connected)?;
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
        if let Some(platform) = self.platform() {
            return self.platform_cycle(&platform, force).await;
        }
        let Some(api) = self.api() else {
            let no_keychain = matches!(self.board().state, SyncState::NoKeychain { .. });
            if !no_keychain {
                self.set_state(SyncState::NotConnected, false);
            }
            return Err(not_connected());
        };
        let mut report = CycleReport::default();
        if let Err(err) = self.ensure_store(&api).await {
            report.retry_after = err.retry_after();
            self.set_state(
                state_after_error(&err, &self.board().state, self.inner.clock.now()),
                false,
            );
            return Ok(report);
        }
        let pulled = self.pull(&api, &mut report).await?;
        self.remember_clock_offset(&api)?;
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
                report.retry_after = err.retry_after();
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
        let result = sync::pull(
            &self.inner.store,
            api,
            &self.inner.tuning.sync,
            self.pull_progress(),
        )
        .await;
        match result {
            Ok(pulled) => {
                self.after_pull(&pulled, report)?;
                Ok(Ok(()))
            }
            Err(SyncError::Api(err)) => Ok(Err(err)),
            Err(SyncError::Core(err)) => Err(err),
        }
    }

    /// What a pull reports while it pages, for both the Orders API and the platforms: the
    /// list shows what arrived, and a first sync says how far it got.
    pub(crate) fn pull_progress(&self) -> impl FnMut(crate::sync::Progress) + use<> {
        let desk = self.clone();
        move |p| {
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
        }
    }

    /// After a pull, from either source: quarantined orders told, a first sync's summary let
    /// out, new orders auto-printed, the cycle's count of changes.
    pub(crate) fn after_pull(
        &self,
        pulled: &crate::sync::PullReport,
        report: &mut CycleReport,
    ) -> Result<()> {
        if pulled.quarantined > 0 {
            self.announce_quarantine()?;
        }
        if pulled.all {
            self.inner.attention.set_first_sync(false);
        } else if !pulled.changed.is_empty() {
            self.auto_print(pulled.changed.clone());
        }
        report.changed += if pulled.all {
            pulled.fetched
        } else {
            pulled.changed.len()
        };
        Ok(())
    }

    pub(crate) fn after_flush(&self, flushed: &FlushReport) {
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

/// Makes the shop at `base` the desk's: actions belong to a shop (another shop's are parked,
/// this one's come back), a cache of another shop is emptied, and the shop and its address are
/// remembered. Whether the cache was for another shop.
pub(crate) fn switch_shop(
    tx: &rusqlite::Connection,
    base: &str,
    shop: &crate::model::Shop,
) -> Result<bool> {
    let key = meta::store_key(base, &shop.id);
    super::stores::switch_outbox(tx, &key, shop)?;
    let switched = super::stores::cache_is_for_another(tx, &key, shop)?;
    if switched {
        orders::reset_cache(tx)?;
    }
    kv::set(tx, KEY_CACHE_STORE, &key)?;
    meta::set_store(tx, shop)?;
    kv::set(tx, KEY_URL, base)?;
    Ok(switched)
}
