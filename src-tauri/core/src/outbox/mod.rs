//! The outbox: every owner action (advance, cancel with refund, retry document, payment,
//! staff note) is one row
//! with a UUID v4 that is its `Idempotency-Key` and the exact body bytes resent on every
//! retry, written in the same transaction as its optimistic change to the cache.
//!
//! Decisions are pure: [`validate`] before queuing, [`on_outcome`] after each send,
//! [`overlay`] for what the owner sees meanwhile. [`sender`] does the I/O.
//!
//! `expected_version`: an action that is first in its order's queue carries the server
//! version the owner was looking at, so a change made elsewhere meanwhile (the customer
//! cancelled, another device moved it) is refused as `version_conflict` instead of applied
//! blindly. An action queued *behind* another one for the same order carries none: the version
//! it would need does not exist yet (the one in front will bump it), and it cannot be stale
//! on its own — it depends on the action in front, and when that one is refused every action
//! behind it fails too ([`reasons::dependent_reason`]). The backend still checks the
//! transition itself (`invalid_transition`).

pub mod counter;
pub mod decide;
pub mod kind;
pub mod overlay;
pub mod platform_send;
pub mod queue;
pub mod reasons;
pub mod reconcile;
pub mod sender;
pub mod validate;

use crate::text::Text;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde_json::json;

pub use decide::{Decision, SendOutcome, on_outcome};
pub use sender::{FlushReport, OutboxConfig, Sender};

use crate::api::encode_segment;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Order, Shop};
use crate::outbox::kind::{ActionKind, ActionState};
use crate::store::{meta, orders};
use crate::view::ActionView;

/// One row of the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// Queue position (monotonic).
    pub seq: i64,
    /// UUID v4: the `Idempotency-Key`.
    pub id: String,
    /// The order.
    pub order_id: String,
    /// The order's number, for messages.
    pub order_number: String,
    /// What it does.
    pub kind: ActionKind,
    /// POST path under the backend URL.
    pub path: String,
    /// The exact body sent on every attempt.
    pub body: Vec<u8>,
    /// Where it stands.
    pub state: ActionState,
    /// Send attempts so far.
    pub attempts: u32,
    /// Queued at.
    pub created_at: DateTime<Utc>,
    /// Not to be sent before (wall-clock UTC, so sleeping machines recompute on wake).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Failure reason, or the last transient note while pending.
    pub error: Option<Text>,
}

impl Action {
    /// Until when the owner can take it back: held actions never sent yet.
    pub fn undo_until(&self) -> Option<DateTime<Utc>> {
        let due = self.next_attempt_at?;
        (self.state == ActionState::Pending && self.attempts == 0 && due > self.created_at)
            .then_some(due)
    }

    /// The row as the UI shows it, in `language`.
    pub fn view_in(&self, language: crate::text::Language) -> ActionView {
        ActionView {
            id: self.id.clone(),
            order_id: self.order_id.clone(),
            order_number: self.order_number.clone(),
            kind: self.kind.clone(),
            state: self.state,
            attempts: self.attempts,
            created_at: self.created_at,
            next_attempt_at: (self.state == ActionState::Pending)
                .then_some(self.next_attempt_at)
                .flatten(),
            undo_until: self.undo_until(),
            error: self.error.as_ref().map(|r| r.get(language).to_string()),
        }
    }
}

/// The path and body of an action on `order_id`.
pub fn request_for(
    order_id: &str,
    kind: &ActionKind,
    expected_version: Option<i64>,
) -> (String, Vec<u8>) {
    let id = encode_segment(order_id);
    let mut body = match kind {
        ActionKind::Advance { to } => json!({ "to": to }),
        ActionKind::Cancel {
            reason,
            refund_amount,
        } => json!({ "reason": reason, "refund_amount": refund_amount }),
        ActionKind::RetryDocument { .. } | ActionKind::Acknowledge => json!({}),
        ActionKind::Pay {
            amount,
            method,
            reference,
            ..
        } => match reference {
            Some(reference) => {
                json!({ "amount": amount, "method": method, "reference": reference })
            }
            None => json!({ "amount": amount, "method": method }),
        },
        ActionKind::Note { text } => json!({ "text": text }),
    };
    // A payment, a note or an acknowledgement does not depend on the order's status: it carries no version, so
    // a move made elsewhere meanwhile does not refuse it.
    let versioned = matches!(kind, ActionKind::Advance { .. } | ActionKind::Cancel { .. });
    if let (Some(v), true) = (expected_version, versioned) {
        body["expected_version"] = json!(v);
    }
    let path = match kind {
        ActionKind::Advance { .. } => format!("/v1/orders/{id}/transitions"),
        ActionKind::Cancel { .. } => format!("/v1/orders/{id}/cancellations"),
        ActionKind::Acknowledge => format!("/v1/orders/{id}/acknowledgements"),
        ActionKind::RetryDocument { document_id } => {
            format!(
                "/v1/orders/{id}/documents/{}/retry",
                encode_segment(document_id)
            )
        }
        ActionKind::Pay { .. } => format!("/v1/orders/{id}/payments"),
        ActionKind::Note { .. } => format!("/v1/orders/{id}/notes"),
    };
    (path, serde_json::to_vec(&body).unwrap_or_default())
}

/// The store as last fetched, or "not connected".
pub fn known_store(conn: &Connection) -> Result<Shop> {
    meta::store(conn)?.ok_or_else(|| {
        Error::new(
            ErrorCode::NotConnected,
            "Conecta la tienda antes de hacer cambios.",
            "Connect the store before making changes.",
        )
    })
}

/// Validates and queues `kind` on `order_id` with its optimistic change, in the caller's
/// transaction. A double submit of a queued action returns the queued row.
pub fn enqueue(
    conn: &Connection,
    order_id: &str,
    kind: ActionKind,
    now: DateTime<Utc>,
    backend_now: DateTime<Utc>,
) -> Result<Action> {
    enqueue_held(conn, order_id, kind, now, backend_now, now)
}

/// Queues like [`enqueue`], but the action is not sent before `send_at`: until then the owner
/// can take it back with [`undo`] (the undo window lives here, in the outbox, so it survives
/// a quit: a held action left behind is sent once its time has come).
pub fn enqueue_held(
    conn: &Connection,
    order_id: &str,
    kind: ActionKind,
    now: DateTime<Utc>,
    backend_now: DateTime<Utc>,
    send_at: DateTime<Utc>,
) -> Result<Action> {
    let store = known_store(conn)?;
    let server =
        orders::get_server(conn, order_id)?.ok_or_else(|| Error::order_not_found(order_id))?;
    let pending = queue::pending_for_order(conn, order_id)?;
    if let Some(same) = pending.iter().find(|a| a.kind == kind) {
        return Ok(same.clone());
    }
    let shown = overlay::effective(&server, pending.iter().map(|a| (&a.kind, a.created_at)))
        .unwrap_or_else(|| server.clone());
    let kind = check(&shown, &store, kind, &pending, backend_now)?;
    let expected = pending.is_empty().then_some(server.version);
    let (path, body) = request_for(order_id, &kind, expected);
    let action = Action {
        seq: 0,
        id: uuid::Uuid::new_v4().to_string(),
        order_id: order_id.to_string(),
        order_number: server.number.clone(),
        kind,
        path,
        body,
        state: ActionState::Pending,
        attempts: 0,
        created_at: now,
        next_attempt_at: Some(send_at.max(now)),
        error: None,
    };
    queue::insert(conn, &action).map_err(|e| {
        // The unique index is the backstop for one open cancellation per order.
        let is_cancel = matches!(action.kind, ActionKind::Cancel { .. });
        if is_cancel
            && e.code == ErrorCode::Storage
            && e.cause.as_deref().is_some_and(|c| c.contains("UNIQUE"))
        {
            already_queued(&server)
        } else {
            e
        }
    })?;
    refresh_overlay(conn, order_id, store.tz())?;
    queue::get(conn, &action.id)?.ok_or_else(|| Error::internal("queued action vanished"))
}

/// Takes back an action that was never sent (no attempt counted yet): it is gone from the
/// queue and the order shows what the platform says again. `false` when it is not there or
/// a send already began (then it goes its way: applied or refused, never half).
pub fn undo(conn: &Connection, action_id: &str, tz: Tz) -> Result<Option<String>> {
    let Some(order_id) = queue::remove_unsent(conn, action_id)? else {
        return Ok(None);
    };
    refresh_overlay(conn, &order_id, tz)?;
    Ok(Some(order_id))
}

fn already_queued(order: &Order) -> Error {
    let n = &order.number;
    Error::new(
        ErrorCode::AlreadyQueued,
        format!("Ya hay una cancelación en espera para el pedido #{n}."),
        format!("A cancellation of order #{n} is already waiting to be sent."),
    )
}

/// Validates against the order as the owner sees it; returns the action to queue (a cancel
/// reason comes back trimmed).
fn check(
    shown: &Order,
    store: &Shop,
    kind: ActionKind,
    pending: &[Action],
    backend_now: DateTime<Utc>,
) -> Result<ActionKind> {
    match kind {
        ActionKind::Advance { to } => {
            validate::check_advance(shown, to)?;
            Ok(ActionKind::Advance { to })
        }
        ActionKind::Cancel {
            reason,
            refund_amount,
        } => {
            if pending
                .iter()
                .any(|a| matches!(a.kind, ActionKind::Cancel { .. }))
            {
                return Err(already_queued(shown));
            }
            let reason = validate::check_cancel(shown, store, &reason, refund_amount, backend_now)?;
            Ok(ActionKind::Cancel {
                reason,
                refund_amount,
            })
        }
        ActionKind::RetryDocument { document_id } => {
            validate::check_retry_document(shown, &document_id)?;
            Ok(ActionKind::RetryDocument { document_id })
        }
        ActionKind::Pay {
            amount,
            method,
            reference,
            received,
        } => {
            let reference = counter::check_pay(shown, store, amount, method, reference.as_deref())?;
            let received = counter::check_received(shown, store, amount, method, received)?;
            Ok(ActionKind::Pay {
                amount,
                method,
                reference,
                received,
            })
        }
        ActionKind::Note { text } => Ok(ActionKind::Note {
            text: counter::check_note(store, &text)?,
        }),
        ActionKind::Acknowledge => Ok(ActionKind::Acknowledge),
    }
}

/// Recomputes what the order shows: the server's order with its pending actions applied, or
/// the server's order alone when none is left. Also keeps its pending count.
pub fn refresh_overlay(conn: &Connection, order_id: &str, tz: Tz) -> Result<()> {
    let Some(server) = orders::get_server(conn, order_id)? else {
        // Not cached (yet, e.g. after a cache reset): the next sync brings it and refreshes.
        return Ok(());
    };
    let pending = queue::pending_for_order(conn, order_id)?;
    let shown = overlay::effective(&server, pending.iter().map(|a| (&a.kind, a.created_at)));
    orders::set_overlay(conn, order_id, shown.as_ref(), tz)?;
    orders::set_pending_actions(conn, order_id, pending.len() as u32)
}
