//! The sync indicator: what the Desk knows about the connection, combined with the outbox's
//! tallies into a [`SyncStatus`].

use chrono::{DateTime, Utc};

use crate::api::{ApiError, Bucket};
use crate::error::Result;
use crate::outbox::queue;
use crate::store::{kv, meta};
use crate::text::Text;
use crate::view::{SyncErrorKind, SyncState, SyncStatus};

use super::{Desk, DeskEvent};

/// kv key of the backend URL (survives a cache reset).
pub const KEY_URL: &str = crate::store::meta::KEY_URL;
/// kv key of the demo flag.
pub const KEY_DEMO: &str = "backend.demo";
/// kv key of the backend's clock minus the device's, in ms, as last heard (a fresh process
/// starts from it, so the cancel window is never judged by the device clock alone).
pub const KEY_CLOCK_OFFSET: &str = "backend.clock_offset_ms";
/// kv key of the demo backend's token: not a secret (the demo backend runs on loopback and
/// holds made-up orders), so the demo works with no OS keychain at all.
pub const KEY_DEMO_TOKEN: &str = "backend.demo_token";
/// State key: which platform the saved connection is (`woocommerce`, `shopify`); absent for
/// Mostrador's own Orders API.
pub const KEY_PLATFORM: &str = "backend.platform";

/// The connection half of the status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Board {
    /// Current state.
    pub state: SyncState,
    /// Last time the cache was known current.
    pub last_synced_at: Option<DateTime<Utc>>,
}

impl Default for Board {
    fn default() -> Self {
        Board {
            state: SyncState::NotConnected,
            last_synced_at: None,
        }
    }
}

/// The state a failed request leaves the desk in; `since` keeps an earlier offline time.
pub fn state_after_error(err: &ApiError, previous: &SyncState, now: DateTime<Utc>) -> SyncState {
    if err.bucket() == Bucket::Unauthorized {
        return SyncState::NeedsReconnect;
    }
    if err.is_offline() {
        let since = match previous {
            SyncState::Offline { since } => *since,
            _ => now,
        };
        return SyncState::Offline { since };
    }
    let (kind, text) = match (err, err.problem()) {
        (ApiError::SignIn, _) => (
            SyncErrorKind::SignIn,
            Text::new(
                "La red pide iniciar sesión: abre el navegador, inicia sesión en la red (Wi-Fi) y se reintentará.",
                "The network wants you to sign in: open the browser, sign in to the network (Wi-Fi) and it will retry.",
            ),
        ),
        (_, Some(p)) if p.status == 429 => (
            SyncErrorKind::Server,
            Text::new(
                "El servidor pidió esperar; se reintentará.",
                "The server asked to wait; it will retry.",
            ),
        ),
        (_, Some(p)) if p.status >= 500 => (
            SyncErrorKind::Server,
            Text::new(
                format!(
                    "El servidor tuvo un problema ({}); se reintentará.",
                    p.status
                ),
                format!("The server had a problem ({}); it will retry.", p.status),
            ),
        ),
        (_, Some(p)) => (
            SyncErrorKind::Server,
            Text::new(
                format!("El servidor respondió {} ({}).", p.status, p.code),
                format!("The server answered {} ({}).", p.status, p.code),
            ),
        ),
        (_, None) => {
            tracing::warn!(%err, "the server's answer could not be read");
            (
                SyncErrorKind::BadAnswer,
                Text::new(
                    "El servidor respondió algo que no se pudo leer; se reintentará.",
                    "The server answered something that could not be read; it will retry.",
                ),
            )
        }
    };
    SyncState::Error {
        kind,
        reason: text.es,
        reason_en: text.en,
    }
}

impl Desk {
    /// Sets the connection state and announces the new status when it changed.
    pub(crate) fn set_state(&self, state: SyncState, synced: bool) {
        let changed = {
            let mut board = self.board();
            let before = board.clone();
            board.state = state;
            if synced {
                board.last_synced_at = Some(self.inner.clock.now());
            }
            *board != before
        };
        if changed {
            self.announce_status();
        }
    }

    /// Publishes the current status (e.g. after the queue changed).
    pub(crate) fn announce_status(&self) {
        if let Ok(status) = self.status_now() {
            self.emit(DeskEvent::SyncStatus(status));
        }
    }

    /// The status right now.
    pub(crate) fn status_now(&self) -> Result<SyncStatus> {
        let board = self.board().clone();
        let now = self.inner.clock.now();
        self.inner.store.read(|conn| {
            let (pending, failed, oldest) = queue::tallies(conn)?;
            Ok(SyncStatus {
                state: board.state.clone(),
                last_synced_at: board.last_synced_at,
                pending_actions: pending,
                failed_actions: failed,
                oldest_pending_age_s: oldest.map(|at| (now - at).num_seconds().max(0)),
                backend_url: kv::get(conn, KEY_URL)?,
                demo: kv::get(conn, KEY_DEMO)?.is_some_and(|v| v == "1"),
                platform: kv::get(conn, KEY_PLATFORM)?
                    .and_then(|p| crate::platforms::PlatformKind::parse(&p))
                    .unwrap_or_default(),
                store: meta::store(conn)?,
                parked_actions: super::stores::parked_pending(conn)?,
                storage: self.inner.store.report(),
                alerts: super::alerts::alerts(conn, now)?,
            })
        })
    }

    /// Connection and sync state for the indicator.
    pub async fn sync_status(&self) -> Result<SyncStatus> {
        self.status_now()
    }
}
