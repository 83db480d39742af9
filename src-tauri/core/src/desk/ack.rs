//! Acknowledgement: the owner has seen an order (opened it anywhere, pressed "Atendido", or
//! acted on it from a notification). It stops ringing on this desk at once, and — when the
//! platform serves API.md's acknowledgements — on every device of the shop, through the outbox
//! (exactly once, offline too). Without the feature it stays on this device.

use crate::attention::ledger;
use crate::error::Result;
use crate::model::{FEATURE_ACKNOWLEDGEMENTS, OrderStatus};
use crate::outbox;
use crate::outbox::kind::ActionKind;
use crate::store::{meta, orders};
use crate::view::{Acknowledgement, OrdersChanged, Ringing};

use super::reads::resolve_order;
use super::{Desk, DeskEvent};

impl Desk {
    /// Acknowledges `id` (an order id or its number). Idempotent: a second call queues nothing.
    pub async fn acknowledge(&self, id: &str) -> Result<Acknowledgement> {
        let now = self.inner.clock.now();
        let backend_now = self.backend_now();
        let (order_id, shared, queued) = self.inner.store.write(|tx| {
            let id = resolve_order(tx, id)?;
            ledger::acknowledge(tx, &id, now)?;
            let shared = meta::store(tx)?.is_some_and(|s| s.has_feature(FEATURE_ACKNOWLEDGEMENTS));
            let server = orders::get_server(tx, &id)?;
            // Only a pending order rings; one already seen elsewhere needs no second word.
            let worth_sending = server
                .is_some_and(|o| o.status == OrderStatus::Pending && o.acknowledged_at.is_none());
            let queued = shared && worth_sending;
            if queued {
                outbox::enqueue(tx, &id, ActionKind::Acknowledge, now, backend_now)?;
            }
            Ok((id, shared, queued))
        })?;
        self.inner.attention.wake();
        if queued {
            self.emit(DeskEvent::OrdersChanged(OrdersChanged {
                ids: vec![order_id.clone()],
                all: false,
            }));
            self.announce_status();
            self.inner.wake.notify_one();
        }
        Ok(Acknowledgement { order_id, shared })
    }

    /// The order ringing now (the oldest pending one nobody acknowledged), when ringing is on.
    pub fn ringing(&self) -> Result<Option<Ringing>> {
        if !self.read_settings()?.ring_until_ack {
            return Ok(None);
        }
        self.inner.store.read(|conn| {
            let Some(order_id) = ledger::oldest_ringing(conn)? else {
                return Ok(None);
            };
            let number = orders::get(conn, &order_id)?
                .map(|o| o.number)
                .unwrap_or_default();
            Ok(Some(Ringing { order_id, number }))
        })
    }

    /// Whether acknowledgements reach every device of the shop (the platform serves them);
    /// `false` means each device silences only itself, which the UI says.
    pub fn acknowledgements_shared(&self) -> Result<bool> {
        self.inner.store.read(|conn| {
            Ok(meta::store(conn)?.is_some_and(|s| s.has_feature(FEATURE_ACKNOWLEDGEMENTS)))
        })
    }
}
