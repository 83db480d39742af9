//! The cache's full check, run when the desk starts (and by the CLI right after opening, at most
//! once a day: [`Desk::check_storage_every`]): `PRAGMA quick_check` on a connection of its own,
//! so a large cache does not delay the window;
//! a damaged cache is set aside under the cycle lock (no pull writes meanwhile) and the next
//! sync fills a fresh one. The state file was already checked in full at open.

use crate::error::Result;
use crate::store::meta::KEY_CACHE_CHECKED;
use crate::store::{StorageReport, kv};
use crate::view::OrdersChanged;

use super::{Desk, DeskEvent};

impl Desk {
    /// Checks the cache in full; a damaged one is replaced by a fresh one and synced again.
    /// Returns what opening and this check found damaged (`None`: both files are sound).
    pub async fn check_storage(&self) -> Result<Option<StorageReport>> {
        let store = self.inner.store.clone();
        let damage = tokio::task::spawn_blocking(move || store.cache_damage())
            .await
            .map_err(crate::Error::internal)??;
        let damaged = damage.is_some();
        if let Some(why) = damage {
            {
                let _cycle = self.inner.cycle.lock().await;
                let store = self.inner.store.clone();
                let now = self.inner.clock.now();
                tokio::task::spawn_blocking(move || store.replace_cache(now, &why))
                    .await
                    .map_err(crate::Error::internal)??;
                self.board().last_synced_at = None;
            }
            self.emit(DeskEvent::OrdersChanged(OrdersChanged {
                ids: vec![],
                all: true,
            }));
            self.announce_status();
            self.inner.wake.notify_one();
        }
        // The sound (or fresh) cache records when it passed, for `check_storage_every`.
        let checked = self.inner.clock.now().to_rfc3339();
        if let Err(err) = self
            .inner
            .store
            .write(|tx| kv::set(tx, KEY_CACHE_CHECKED, &checked))
        {
            tracing::warn!(%err, damaged, "could not record the cache's check");
        }
        Ok(self.inner.store.report())
    }

    /// [`Desk::check_storage`], unless the cache passed it less than `every` ago (the CLI runs
    /// a command a second, and the full check of a 100,000-order cache costs ~0.35 s of CPU).
    /// What opening found is reported either way; opening still checks the state file in full
    /// and the cache's header and schema, and a damaged page met meanwhile fails its command
    /// with a storage error until the next full check replaces the cache.
    pub async fn check_storage_every(
        &self,
        every: std::time::Duration,
    ) -> Result<Option<StorageReport>> {
        let now = self.inner.clock.now();
        let every = chrono::Duration::from_std(every).unwrap_or(chrono::Duration::MAX);
        let last = self
            .inner
            .store
            .read(|conn| kv::get(conn, KEY_CACHE_CHECKED))
            .ok()
            .flatten()
            .and_then(|at| chrono::DateTime::parse_from_rfc3339(&at).ok())
            .map(|at| at.with_timezone(&chrono::Utc));
        match last {
            // A clock set back makes the record look future: check, to be safe.
            Some(at) if at <= now && now - at < every => Ok(self.inner.store.report()),
            _ => self.check_storage().await,
        }
    }
}
