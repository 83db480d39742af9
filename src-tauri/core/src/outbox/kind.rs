//! What an owner action is and where it stands: the outbox's own types (the queue panel shows
//! them through [`crate::view::ActionView`]).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{OrderStatus, PaymentMethod};

/// An owner action as queued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ActionKind {
    /// Move to a status.
    Advance {
        /// Target.
        to: OrderStatus,
    },
    /// Cancel with a reason and refund.
    Cancel {
        /// Why.
        reason: String,
        /// Refund, minor units.
        #[ts(type = "number")]
        refund_amount: i64,
    },
    /// Re-issue a failed document.
    RetryDocument {
        /// The document.
        document_id: String,
    },
    /// Record money taken at the counter (or a transfer seen in the bank).
    Pay {
        /// Minor units, > 0 and at most what is due.
        #[ts(type = "number")]
        amount: i64,
        /// cash | transfer | card | other.
        method: PaymentMethod,
        /// Bank or terminal reference.
        #[serde(default)]
        reference: Option<String>,
        /// Cash handed over, minor units (cash only, at least `amount`): the change is
        /// `received − amount`. Written where the platform has a place for it (a private
        /// order note on WooCommerce); the Orders API does not carry it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional, type = "number")]
        received: Option<i64>,
    },
    /// Add a staff note (never shown to the customer).
    Note {
        /// 1–1000 characters.
        text: String,
    },
    /// Someone at the shop has seen it: every device of the shop stops ringing (API.md
    /// acknowledgements). Queued only when the platform serves them.
    Acknowledge,
}

/// Where a queued action stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActionState {
    /// Waiting to be sent (or waiting for a retry after an unknown outcome).
    Pending,
    /// The backend applied it.
    Applied,
    /// The backend refused it for good; `error` says why.
    Failed,
}
