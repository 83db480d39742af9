//! A push from the backend (API.md "Devices and push") that reaches the app while it is open:
//! it is checked against the notice ledger, so one order never rings twice for the same step —
//! whether the live planner announced it first or the push did.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::kinds::{KindSet, kind_from_name};
use super::{Notice, NoticeKind};

/// What the backend pushes: `{ "order_id", "kind", "title", "body", "seq" }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushNotice {
    /// The order it is about.
    pub order_id: String,
    /// The attention step, by its ledger name (`new_order`, `first_reminder`, …).
    pub kind: String,
    /// Title, in the device's language.
    pub title: String,
    /// Body, in the device's language.
    pub body: String,
    /// The order's `seq` when the backend pushed (a sync brings the order up to it).
    #[serde(default)]
    pub seq: i64,
}

/// What became of a push received while the app is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PushOutcome {
    /// Not announced yet: show this (and it is now recorded).
    Show(Notice),
    /// The ledger already has this step for this order: stay silent.
    AlreadyAnnounced,
    /// Quiet hours, or the kind is off in Settings: recorded, not shown (as the planner does).
    Silenced,
    /// A kind this build does not know (a newer backend): stay silent, sync anyway.
    UnknownKind,
}

impl PushNotice {
    /// The step this push is about, if this build knows it.
    pub fn notice_kind(&self) -> Option<NoticeKind> {
        kind_from_name(&self.kind).filter(|k| *k != NoticeKind::Summary)
    }

    /// Decides from what the ledger holds for the order (pure: the scheduler records).
    pub fn decide(&self, announced: KindSet, sound: bool, now: DateTime<Utc>) -> PushOutcome {
        let Some(kind) = self.notice_kind() else {
            return PushOutcome::UnknownKind;
        };
        if announced.contains(kind) || later_step_announced(kind, announced) {
            return PushOutcome::AlreadyAnnounced;
        }
        PushOutcome::Show(Notice {
            kind,
            order_id: Some(self.order_id.clone()),
            title: self.title.clone(),
            body: self.body.clone(),
            actions: Vec::new(),
            sound,
            due_at: now,
        })
    }
}

const LADDER: [NoticeKind; 4] = [
    NoticeKind::NewOrder,
    NoticeKind::FirstReminder,
    NoticeKind::SecondReminder,
    NoticeKind::AutoCancelWarning,
];

/// A ladder step arriving after a later one was announced (the planner jumped ahead, or pushes
/// crossed): the owner already heard about this order more recently.
fn later_step_announced(kind: NoticeKind, announced: KindSet) -> bool {
    let Some(i) = LADDER.iter().position(|k| *k == kind) else {
        return false;
    };
    LADDER[i + 1..].iter().any(|k| announced.contains(*k))
}
