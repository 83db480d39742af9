//! The cache's full check, run when the desk starts (and by the CLI right after opening):
//! `PRAGMA quick_check` on a connection of its own, so a large cache does not delay the window;
//! a damaged cache is set aside under the cycle lock (no pull writes meanwhile) and the next
//! sync fills a fresh one. The state file was already checked in full at open.

use crate::error::Result;
use crate::store::StorageReport;
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
        Ok(self.inner.store.report())
    }
}
