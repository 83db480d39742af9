//! Alerts while the app sleeps: iOS and Android suspend an app in the background, so before it
//! goes there the desk hands the OS the coming steps of the reminder ladder as *scheduled*
//! local notifications. [`plan_ahead`] decides them (pure, `now` passed in), [`diff`] says what
//! to withdraw and what to hand over given what was handed over last time, and [`fired`] says
//! which of them the OS has shown by the time the app is back, so the live planner never
//! announces them again.
//!
//! Rules, the live planner's ([`super::plan()`]) seen from ahead:
//! - only orders still pending get steps; the steps are the same ladder (new order, reminders,
//!   the auto-cancel warning, counted from `created_at`);
//! - only steps after `now` and within `horizon`, and not already in the ledger;
//! - kinds turned off in Settings are not scheduled; a step that falls in quiet hours is not
//!   scheduled (the live planner drops it too), except the auto-cancel warning;
//! - each (order, kind) has a stable 31-bit id ([`notice_id`]): a re-plan replaces, never adds;
//! - at most [`MAX_SCHEDULED`], earliest first (iOS keeps 64 pending notifications per app).
//!
//! The auto-cancellation itself and errors are not predicted: the backend's push says them.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::input::PlanInput;
use super::kinds::{Outcome, kind_name};
use super::plan::{Recorded, enabled, steps};
use super::quiet::is_quiet;
use super::text::Texts;
use super::{NoticeKind, QuickAction};
use crate::model::OrderStatus;

/// Most notifications handed to the OS at once (iOS drops pending ones beyond 64).
pub const MAX_SCHEDULED: usize = 60;

/// How far ahead the desk plans when the app goes to the background by default: the whole
/// ladder of an order placed now under any sensible policy.
pub const DEFAULT_HORIZON: Duration = Duration::hours(24);

/// One local notification for the OS to show at `at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledNotice {
    /// Stable per (order, kind): the notification plugin's `i32` id.
    pub id: i32,
    /// The order a tap opens.
    pub order_id: String,
    /// Which ladder step.
    pub kind: NoticeKind,
    /// When the OS should show it.
    pub at: DateTime<Utc>,
    /// Title line.
    pub title: String,
    /// Body text.
    pub body: String,
    /// Quick actions (iOS/Android action types).
    pub actions: Vec<QuickAction>,
    /// Whether to play a sound.
    pub sound: bool,
}

/// What to tell the OS after a re-plan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScheduleDiff {
    /// Withdraw these ids (the order moved, was acknowledged, or its words changed).
    pub cancel: Vec<i32>,
    /// Hand these over (new, or replacing one just withdrawn).
    pub schedule: Vec<ScheduledNotice>,
}

impl ScheduleDiff {
    /// Nothing to tell the OS.
    pub fn is_empty(&self) -> bool {
        self.cancel.is_empty() && self.schedule.is_empty()
    }
}

/// The stable id of (order, kind): FNV-1a over both names, kept to 31 bits and never 0, so it
/// is a positive `i32` as the notification plugins want, the same on every run and build.
pub fn notice_id(order_id: &str, kind: NoticeKind) -> i32 {
    let mut h: u32 = 0x811c_9dc5;
    let bytes = order_id
        .bytes()
        .chain(std::iter::once(0xff))
        .chain(kind_name(kind).bytes());
    for b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    let id = (h & 0x7fff_ffff) as i32;
    if id == 0 { 1 } else { id }
}

/// The ladder steps of the pending orders in `input` that come due after `now` and by
/// `now + horizon`, as notifications for the OS, earliest first.
pub fn plan_ahead(
    input: &PlanInput,
    now: DateTime<Utc>,
    horizon: Duration,
) -> Vec<ScheduledNotice> {
    let s = &input.settings;
    let texts = Texts::new(s.language, input.locale, input.timezone, &input.labels);
    let until = now + horizon;
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    for c in &input.orders {
        if c.status != OrderStatus::Pending {
            continue;
        }
        let done = input.announced_for(&c.id);
        for (kind, at) in steps(c, &input.policy, now) {
            if at <= now || at > until || done.contains(kind) || !enabled(&s.notify, kind) {
                continue;
            }
            let quiet = is_quiet(s.quiet_hours.as_ref(), input.timezone, at);
            if quiet && kind != NoticeKind::AutoCancelWarning {
                continue;
            }
            let id = notice_id(&c.id, kind);
            if !ids.insert(id) {
                continue; // the loader listed the order twice, or (rarely) two ids collide
            }
            let (title, body) = texts.order(kind, c, at);
            out.push(ScheduledNotice {
                id,
                order_id: c.id.clone(),
                kind,
                at,
                title,
                body,
                actions: texts.actions(kind, c),
                sound: s.sound,
            });
        }
    }
    out.sort_by_key(|n| (n.at, n.id));
    out.truncate(MAX_SCHEDULED);
    out
}

/// What to withdraw and hand over so the OS holds exactly `next`, given it holds `previous`.
/// An unchanged notice is left alone; a changed one (time or words) is withdrawn and handed
/// over again under the same id.
pub fn diff(previous: &[ScheduledNotice], next: &[ScheduledNotice]) -> ScheduleDiff {
    let before: HashMap<i32, &ScheduledNotice> = previous.iter().map(|n| (n.id, n)).collect();
    let after: HashSet<i32> = next.iter().map(|n| n.id).collect();
    let mut out = ScheduleDiff::default();
    for n in previous {
        let kept = after.contains(&n.id) && next.iter().any(|m| m == n);
        if !kept && !out.cancel.contains(&n.id) {
            out.cancel.push(n.id);
        }
    }
    for n in next {
        if before.get(&n.id).is_none_or(|old| *old != n) {
            out.schedule.push(n.clone());
        }
    }
    out
}

/// Of what was handed to the OS, what it has shown by `now` (due at or before `now`): the
/// ledger records these as shown when the app comes back, so they never ring twice.
pub fn fired(previous: &[ScheduledNotice], now: DateTime<Utc>) -> Vec<Recorded> {
    previous
        .iter()
        .filter(|n| n.at <= now)
        .map(|n| Recorded {
            subject: n.order_id.clone(),
            kind: n.kind,
            outcome: Outcome::Shown,
        })
        .collect()
}

/// Of what was handed to the OS, what is still waiting at `now`: withdraw it when the app is
/// back in the foreground (the live scheduler takes over).
pub fn still_pending(previous: &[ScheduledNotice], now: DateTime<Utc>) -> Vec<i32> {
    previous
        .iter()
        .filter(|n| n.at > now)
        .map(|n| n.id)
        .collect()
}

/// A group of notification buttons the OS must know before a notification uses it (iOS
/// `UNNotificationCategory`, Android action types): registered once at start, in the owner's
/// language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionTypeSpec {
    /// The id a notification names to get these buttons.
    pub id: &'static str,
    /// The buttons, with the ids the shell reports back.
    pub actions: Vec<QuickAction>,
}

/// Action type of a pending order's notice: "Preparar".
pub const ACTION_TYPE_PENDING: &str = "order_pending";
/// Action type of a document error's notice: "Reintentar documento".
pub const ACTION_TYPE_DOCUMENT: &str = "order_document_error";

/// Every action type, worded in `language` (the same ids and words as the notices' own
/// [`QuickAction`]s).
pub fn action_types(language: crate::text::Language) -> Vec<ActionTypeSpec> {
    let word = |es: &str, en: &str| language.pick(es, en).to_string();
    vec![
        ActionTypeSpec {
            id: ACTION_TYPE_PENDING,
            actions: vec![QuickAction {
                id: "prepare".into(),
                label: word("Preparar", "Prepare"),
            }],
        },
        ActionTypeSpec {
            id: ACTION_TYPE_DOCUMENT,
            actions: vec![QuickAction {
                id: "retry_document".into(),
                label: word("Reintentar documento", "Retry document"),
            }],
        },
    ]
}

/// The registered action type that carries `actions`, if any.
pub fn action_type_for(actions: &[QuickAction]) -> Option<&'static str> {
    let first = actions.first()?;
    match first.id.as_str() {
        "prepare" => Some(ACTION_TYPE_PENDING),
        "retry_document" => Some(ACTION_TYPE_DOCUMENT),
        _ => None,
    }
}
