//! Owner actions: validated, queued with their optimistic change in one transaction, then
//! the sender is woken. Queued actions go out even when the app was offline when they were
//! made.

use crate::error::{Error, ErrorCode, Result};
use crate::model::OrderStatus;
use crate::money::Money;
use crate::outbox::kind::ActionKind;
use crate::outbox::{self, queue};
use crate::store::orders;
use crate::view::{ActionView, OrdersChanged};

use super::reads::resolve_order;
use super::{Desk, DeskEvent};

/// The longest undo window an advance can be held for.
pub const MAX_UNDO_WINDOW: std::time::Duration = std::time::Duration::from_secs(60);

impl Desk {
    pub(crate) fn queue_action(&self, id: &str, kind: ActionKind) -> Result<ActionView> {
        self.queue_held(id, kind, std::time::Duration::ZERO)
    }

    fn queue_held(
        &self,
        id: &str,
        kind: ActionKind,
        hold: std::time::Duration,
    ) -> Result<ActionView> {
        let now = self.inner.clock.now();
        let backend_now = self.backend_now();
        let hold = chrono::Duration::from_std(hold.min(MAX_UNDO_WINDOW))
            .unwrap_or(chrono::Duration::zero());
        let action = self.inner.store.write(|tx| {
            let id = resolve_order(tx, id)?;
            outbox::enqueue_held(tx, &id, kind, now, backend_now, now + hold)
        })?;
        self.emit(DeskEvent::OrdersChanged(OrdersChanged {
            ids: vec![action.order_id.clone()],
            all: false,
        }));
        self.announce_status();
        self.inner.attention.wake();
        self.inner.wake.notify_one();
        Ok(action.view_in(self.language()))
    }

    /// Moves an order to `to`.
    pub async fn advance(&self, id: &str, to: OrderStatus) -> Result<ActionView> {
        self.queue_action(id, ActionKind::Advance { to })
    }

    /// Moves an order to `to` after an undo window of `hold` (at most
    /// [`MAX_UNDO_WINDOW`]): the order shows `to` at once, nothing is sent before the window
    /// ends, and [`Desk::undo`] takes it back until then — across a quit too.
    pub async fn advance_with_undo(
        &self,
        id: &str,
        to: OrderStatus,
        hold: std::time::Duration,
    ) -> Result<ActionView> {
        self.queue_held(id, ActionKind::Advance { to }, hold)
    }

    /// Takes back an action that was never sent ("Deshacer"). Too late once a send began.
    pub async fn undo(&self, action_id: &str) -> Result<()> {
        let undone = self.inner.store.write(|tx| {
            let tz = crate::store::meta::store(tx)?
                .map(|s| s.tz())
                .unwrap_or(chrono_tz::UTC);
            outbox::undo(tx, action_id, tz)
        })?;
        let Some(order_id) = undone else {
            return Err(Error::new(
                ErrorCode::NotAllowed,
                "Ya se envió: no se puede deshacer.",
                "It was already sent: it cannot be undone.",
            ));
        };
        self.emit(DeskEvent::OrdersChanged(OrdersChanged {
            ids: vec![order_id],
            all: false,
        }));
        self.announce_status();
        self.inner.attention.wake();
        Ok(())
    }

    /// Cancels an order with a reason and a refund typed by the owner ("450,50"), read in
    /// the order's currency.
    pub async fn cancel(&self, id: &str, reason: &str, refund: &str) -> Result<ActionView> {
        let currency = self.inner.store.read(|conn| {
            let id = resolve_order(conn, id)?;
            let order = orders::get(conn, &id)?.ok_or_else(|| Error::order_not_found(&id))?;
            Ok(order.currency)
        })?;
        let amount = Money::parse(refund, currency)?;
        self.cancel_minor(id, reason, amount.minor).await
    }

    /// Cancels an order with a refund in minor units.
    pub async fn cancel_minor(
        &self,
        id: &str,
        reason: &str,
        refund_minor: i64,
    ) -> Result<ActionView> {
        self.queue_action(
            id,
            ActionKind::Cancel {
                reason: reason.to_string(),
                refund_amount: refund_minor,
            },
        )
    }

    /// Re-issues a document in error.
    pub async fn retry_document(&self, order_id: &str, document_id: &str) -> Result<ActionView> {
        self.queue_action(
            order_id,
            ActionKind::RetryDocument {
                document_id: document_id.to_string(),
            },
        )
    }

    /// Pending and failed actions, oldest first.
    pub async fn outbox(&self) -> Result<Vec<ActionView>> {
        let language = self.language();
        self.inner.store.read(|conn| {
            Ok(queue::visible(conn)?
                .iter()
                .map(|a| a.view_in(language))
                .collect())
        })
    }

    /// Hides a failed action from the queue.
    pub async fn dismiss_action(&self, action_id: &str) -> Result<()> {
        let dismissed = self.inner.store.write(|tx| queue::dismiss(tx, action_id))?;
        if !dismissed {
            return Err(Error::new(
                ErrorCode::NotFound,
                "No hay una acción fallida con ese identificador.",
                "There is no failed action with that id.",
            ));
        }
        self.announce_status();
        Ok(())
    }
}
