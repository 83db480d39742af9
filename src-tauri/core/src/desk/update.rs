//! The Desk's side of app updates: is it safe to install one now, and the update feed URL.

use crate::error::Result;
use crate::outbox::queue;
use crate::store::kv;
use crate::update::{self, KEY_UPDATE_FEED, UpdateOffer, UpdateSafety};

use super::Desk;

impl Desk {
    /// "Safe to update now?": no owner action waits in the outbox. With the reason in the
    /// owner's language.
    pub async fn update_safety(&self) -> Result<UpdateSafety> {
        let (pending, _, _) = self.inner.store.read(queue::tallies)?;
        Ok(update::update_safety(pending, self.language()))
    }

    /// The offer for an update the feed announced, in the owner's language, with whether it
    /// can be installed now.
    pub async fn update_offer(
        &self,
        current_version: &str,
        version: &str,
        notes: Option<String>,
    ) -> Result<UpdateOffer> {
        let (pending, _, _) = self.inner.store.read(queue::tallies)?;
        Ok(update::offer(
            current_version,
            version,
            notes,
            pending,
            self.language(),
        ))
    }

    /// A failure's sentence in the owner's language.
    pub fn update_failure_message(
        &self,
        failure: update::UpdateFailure,
        current_version: &str,
    ) -> String {
        failure.message(current_version, self.language())
    }

    /// The update feed saved in the settings (set by the owner or the shop's platform).
    pub async fn update_feed(&self) -> Result<Option<String>> {
        self.inner.store.read(|conn| kv::get(conn, KEY_UPDATE_FEED))
    }

    /// Saves (checked: https, or http to this machine) or clears the update feed.
    pub async fn set_update_feed(&self, url: Option<&str>) -> Result<Option<String>> {
        match url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => {
                let url = update::validate_feed_url(url)?;
                self.inner
                    .store
                    .write(|tx| kv::set(tx, KEY_UPDATE_FEED, &url))?;
                Ok(Some(url))
            }
            None => {
                self.inner
                    .store
                    .write(|tx| kv::remove(tx, KEY_UPDATE_FEED))?;
                Ok(None)
            }
        }
    }
}
