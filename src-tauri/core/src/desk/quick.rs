//! A button pressed on a notification: the same outbox as a tap in the app (exactly once,
//! offline too), without opening the window; and a tap that opens an order, kept until the UI
//! asks for it (the window may be hidden or still loading when it comes).

use crate::attention::quick::{self, QuickCommand, QuickResult};
use crate::error::{Error, Result};
use crate::settings::Settings;
use crate::store::{meta, orders};
use crate::view::NoticeOpened;

use super::reads::resolve_order;
use super::{Desk, DeskEvent, lock};

/// What a pressed button came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuickOutcome {
    /// "Abrir" (or a tap): the shell shows the window; the UI opens the order.
    Open(String),
    /// Queued: replace the notification with this ("#1042 → Preparando").
    Done(QuickResult),
    /// The button no longer applied (the order moved on elsewhere): nothing was queued;
    /// replace the notification with this.
    Stale(QuickResult),
}

impl Desk {
    /// The owner pressed `action_id` (see [`quick`]) on a notification about `order_id`.
    /// Acknowledges the order, then does what the button says.
    pub async fn quick_action(&self, order_id: &str, action_id: &str) -> Result<QuickOutcome> {
        let (order, labels) = self.inner.store.read(|conn| {
            let id = resolve_order(conn, order_id)?;
            let order = orders::get(conn, &id)?.ok_or_else(|| Error::order_not_found(&id))?;
            let labels = meta::store(conn)?
                .map(|s| s.status_labels)
                .unwrap_or_default();
            Ok((order, labels))
        })?;
        let language = self.language();
        self.acknowledge(&order.id).await?;
        let Some(command) = quick::command_for(action_id, &order) else {
            return Ok(QuickOutcome::Stale(quick::stale_text(
                &order, language, &labels,
            )));
        };
        match &command {
            QuickCommand::Open => {
                self.notice_opened(&order.id).await;
                return Ok(QuickOutcome::Open(order.id));
            }
            QuickCommand::Advance { to } => {
                self.advance(&order.id, *to).await?;
            }
            QuickCommand::RetryDocument { document_id } => {
                self.retry_document(&order.id, document_id).await?;
            }
        }
        let shown = self
            .inner
            .store
            .read(|conn| orders::get(conn, &order.id))?
            .unwrap_or(order);
        Ok(QuickOutcome::Done(quick::result_text(
            &shown, &command, language, &labels,
        )))
    }

    /// The shell reports a tapped notification: the UI opens that order. The order is also
    /// kept until the UI takes it ([`Desk::take_opened`]), so a tap while the window was
    /// hidden or still loading is not lost.
    pub async fn notice_opened(&self, order_id: &str) {
        *lock(&self.inner.opened) = Some(order_id.to_string());
        self.emit(DeskEvent::NoticeOpened(NoticeOpened {
            order_id: order_id.to_string(),
        }));
    }

    /// The owner's language: the one a front end set with [`Desk::set_language`], else the
    /// owner's setting. Every word the desk hands out is in it.
    pub fn language(&self) -> crate::text::Language {
        let forced = *super::lock(&self.inner.language);
        forced.unwrap_or_else(|| self.read_settings().map(|s| s.language).unwrap_or_default())
    }

    /// Words in `language` for this process whatever the owner's setting says (the CLI's
    /// `--lang`); `None` follows the setting again. Nothing is saved.
    pub fn set_language(&self, language: Option<crate::text::Language>) {
        *super::lock(&self.inner.language) = language;
        if let Ok(settings) = self.read_settings() {
            self.inner
                .attention
                .set_settings(&self.with_language(settings));
        }
    }

    /// `settings` with the language in force (for the attention planner).
    pub(crate) fn with_language(&self, settings: Settings) -> Settings {
        match *super::lock(&self.inner.language) {
            Some(language) => Settings {
                language,
                ..settings
            },
            None => settings,
        }
    }

    /// The order a notification asked to open and the UI has not shown yet (taken once).
    pub fn take_opened(&self) -> Option<String> {
        lock(&self.inner.opened).take()
    }
}
