//! What the sync indicator says beyond the state: orders that arrived unreadable (kept raw in
//! quarantine, told once to the owner and the log) and money actions that have waited in the
//! queue long enough to worry about (the backend forgets an idempotency key after 24 h).

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use crate::error::Result;
use crate::outbox::kind::ActionKind;
use crate::outbox::queue;
use crate::store::quarantine;
use crate::view::{SyncAlert, SyncAlertKind};

use super::Desk;

/// A queued cancellation with a refund older than this is warned about: half the backend's
/// 24 h idempotency window, so the owner has hours to get it out.
pub const OLD_MONEY_ACTION: Duration = Duration::hours(12);

/// The alerts of the status right now.
pub fn alerts(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<SyncAlert>> {
    let mut out = Vec::new();
    let unreadable = quarantine::count(conn)?;
    if unreadable > 0 {
        out.push(SyncAlert {
            kind: SyncAlertKind::UnreadableOrders,
            count: unreadable,
            es: format!(
                "{unreadable} {} del servidor no se {} leer; se {} aparte sin perder nada y la sincronización sigue. Avisa a tu plataforma.",
                plural(unreadable, "pedido", "pedidos"),
                plural(unreadable, "pudo", "pudieron"),
                plural(unreadable, "guardó", "guardaron"),
            ),
            en: format!(
                "{unreadable} {} from the server could not be read; {} kept aside, nothing lost, and sync goes on. Tell your platform.",
                plural(unreadable, "order", "orders"),
                plural(unreadable, "it was", "they were"),
            ),
        });
    }
    let old: Vec<_> = queue::pending_before(conn, now - OLD_MONEY_ACTION)?
        .into_iter()
        .filter(|a| matches!(a.kind, ActionKind::Cancel { refund_amount, .. } if refund_amount > 0))
        .collect();
    if let Some(first) = old.first() {
        let hours = (now - first.created_at).num_hours();
        let n = &first.order_number;
        let count = old.len() as u32;
        let (es, en) = if count == 1 {
            (
                format!(
                    "La cancelación con reembolso del pedido #{n} lleva {hours} h en cola sin confirmarse. Conéctate para enviarla antes de que pase un día."
                ),
                format!(
                    "The cancellation with refund of order #{n} has waited {hours} h in the queue unconfirmed. Get online to send it before a day has passed."
                ),
            )
        } else {
            (
                format!(
                    "{count} cancelaciones con reembolso llevan más de 12 h en cola sin confirmarse (la más antigua, del pedido #{n}, {hours} h). Conéctate para enviarlas antes de que pase un día."
                ),
                format!(
                    "{count} cancellations with refund have waited over 12 h in the queue unconfirmed (the oldest, order #{n}, {hours} h). Get online to send them before a day has passed."
                ),
            )
        };
        out.push(SyncAlert {
            kind: SyncAlertKind::OldMoneyAction,
            count,
            es,
            en,
        });
    }
    Ok(out)
}

fn plural<'a>(n: u32, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

impl Desk {
    /// Tells the log (each order) and the owner (a status event) about orders that arrived
    /// unreadable since the last time — once each.
    pub(crate) fn announce_quarantine(&self) -> Result<()> {
        let fresh = self
            .inner
            .store
            .write(|tx| quarantine::take_unannounced(tx))?;
        for q in &fresh {
            tracing::warn!(
                key = %q.key,
                number = ?q.number,
                seq = ?q.seq,
                error = %q.error,
                "an order from the backend could not be read; kept raw in quarantine, sync goes on"
            );
        }
        if !fresh.is_empty() {
            self.announce_status();
        }
        Ok(())
    }
}
