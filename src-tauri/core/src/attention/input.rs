//! What the planner looks at: a slim view of each relevant order ([`Candidate`]) and everything
//! else a planning pass needs ([`PlanInput`]).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::KindSet;
use crate::model::{
    Actor, AttentionPolicy, Cancellation, Locale, OrderError, OrderStatus, StatusLabels,
};
use crate::money::Money;
use crate::outbox::Action;
use crate::settings::Settings;

/// The part of an order the planner needs. Loaded from typed columns; the JSON is only read for
/// the few orders with an error or a cancellation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Order id.
    pub id: String,
    /// The number people say, "1042".
    pub number: String,
    /// Its status as the desk shows it (optimistic while an action is queued).
    pub status: OrderStatus,
    /// When the customer placed it: reminders count from here.
    pub created_at: DateTime<Utc>,
    /// When the platform will cancel it, while pending.
    pub auto_cancel_at: Option<DateTime<Utc>>,
    /// Customer's name, for the notice body ("" when unknown).
    pub customer_name: String,
    /// Order total.
    pub total: Money,
    /// Set on an error order.
    pub error: Option<OrderError>,
    /// Set on a cancelled order.
    pub cancellation: Option<Cancellation>,
}

impl Candidate {
    /// Whether the platform cancelled it for lack of attention.
    pub fn auto_cancelled(&self) -> bool {
        self.status == OrderStatus::Cancelled
            && self
                .cancellation
                .as_ref()
                .is_some_and(|c| c.by == Actor::Auto)
    }
}

/// Everything one planning pass decides from.
#[derive(Clone, Debug)]
pub struct PlanInput {
    /// Pending orders, orders with an error not yet announced, and recently cancelled ones.
    pub orders: Vec<Candidate>,
    /// Owner actions the backend rejected, not yet announced (keyed by action id).
    pub failed_actions: Vec<Action>,
    /// The store's reminder schedule.
    pub policy: AttentionPolicy,
    /// The store's timezone: auto-cancel times and quiet hours are read in it.
    pub timezone: Tz,
    /// The store's locale: how Spanish texts write amounts ("$1,234.50" or "$1.234").
    pub locale: Locale,
    /// The store's status names, for texts about a refused move.
    pub labels: StatusLabels,
    /// What was already announced, per order id (or action id for failed actions).
    pub announced: HashMap<String, KindSet>,
    /// The owner's settings.
    pub settings: Settings,
    /// This is the pass after the first sync of an existing shop: everything due is backlog.
    pub first_sync: bool,
}

impl PlanInput {
    /// The kinds already announced for `subject`.
    pub fn announced_for(&self, subject: &str) -> KindSet {
        self.announced.get(subject).copied().unwrap_or_default()
    }
}
