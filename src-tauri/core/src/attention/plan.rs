//! The planner: a pure function from what the desk knows now to the notices due, what to write
//! in the ledger, and when to look again. No I/O, no clock: `now` is passed in.
//!
//! Rules, in the order they apply:
//! - A pending order walks a ladder: new order (at once), reminders at `reminders_after_s`,
//!   the auto-cancel warning at `warn_after_s`, all counted from `created_at`. A step is due when
//!   `now >= created_at + offset`. When several unrecorded steps are due (the machine slept, the
//!   app was closed) only the latest is announced; the earlier ones are recorded as stale.
//! - An order that left pending gets no ladder step; it can still get `AutoCancelled` (only
//!   `by: auto`, cancelled within [`AUTO_CANCELLED_RECENT`]) and `OrderError`.
//! - `OrderError` is once per order, whatever errors follow: the list shows the current one.
//! - Every due (subject, kind) is recorded whatever becomes of it, so nothing is announced twice.
//! - Kinds turned off in Settings are recorded as `off`; in quiet hours everything but the
//!   auto-cancel warning is recorded as `quiet`. Both are dropped, not delayed.
//! - More than [`BURST`] notices at once, or anything on the first sync of an existing shop,
//!   become one summary ("12 pedidos pendientes").

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};

use super::input::{Candidate, PlanInput};
use super::kinds::{KindSet, Outcome};
use super::quiet::is_quiet;
use super::text::{Tally, Texts};
use super::{Notice, NoticeKind};
use crate::model::{AttentionPolicy, OrderStatus};
use crate::outbox::Action;
use crate::outbox::kind::ActionState;
use crate::settings::NotifyKinds;

/// More notices than this due at once become one summary.
pub const BURST: usize = 3;

/// How long after an auto-cancellation it is still worth announcing.
pub const AUTO_CANCELLED_RECENT: Duration = Duration::hours(24);

/// What one planning pass decided.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Show these now, in this order.
    pub notices: Vec<Notice>,
    /// Write these to the ledger (in the same pass, before notifying).
    pub record: Vec<Recorded>,
    /// The next time a ladder step comes due; `None` when nothing is scheduled.
    pub next_wake: Option<DateTime<Utc>>,
}

/// One ledger entry: `kind` was dealt with for `subject` (an order id, or an action id for
/// [`NoticeKind::ActionFailed`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Recorded {
    /// Order id, or action id.
    pub subject: String,
    /// Which notice.
    pub kind: NoticeKind,
    /// What became of it.
    pub outcome: Outcome,
}

/// A notice that came due in this pass, before settings, quiet hours and bursts apply.
struct Due<'a> {
    about: About<'a>,
    kind: NoticeKind,
    at: DateTime<Utc>,
}

enum About<'a> {
    Order(&'a Candidate),
    Action(&'a Action),
}

impl Due<'_> {
    fn subject(&self) -> &str {
        match self.about {
            About::Order(c) => &c.id,
            About::Action(a) => &a.id,
        }
    }

    fn order_id(&self) -> &str {
        match self.about {
            About::Order(c) => &c.id,
            About::Action(a) => &a.order_id,
        }
    }

    fn number(&self) -> &str {
        match self.about {
            About::Order(c) => &c.number,
            About::Action(a) => &a.order_number,
        }
    }
}

/// Decides what is due at `now`.
pub fn plan(input: &PlanInput, now: DateTime<Utc>) -> Plan {
    let mut out = Plan::default();
    let due = collect_due(input, now, &mut out);
    let quiet = is_quiet(input.settings.quiet_hours.as_ref(), input.timezone, now);
    let mut shown = Vec::with_capacity(due.len());
    for d in due {
        let outcome = if !enabled(&input.settings.notify, d.kind) {
            Outcome::Off
        } else if quiet && d.kind != NoticeKind::AutoCancelWarning {
            Outcome::Quiet
        } else {
            shown.push(d);
            continue;
        };
        out.record.push(recorded(&d, outcome));
    }
    shown.sort_by(|a, b| (a.at, a.number()).cmp(&(b.at, b.number())));
    announce(input, shown, now, &mut out);
    out
}

/// Every unrecorded due notice; stale ladder steps and `next_wake` go straight into `out`.
fn collect_due<'a>(input: &'a PlanInput, now: DateTime<Utc>, out: &mut Plan) -> Vec<Due<'a>> {
    let mut due = Vec::new();
    let mut seen = HashSet::with_capacity(input.orders.len());
    for c in &input.orders {
        if !seen.insert(c.id.as_str()) {
            continue; // the loader may list an order twice (pending and with an error)
        }
        let done = input.announced_for(&c.id);
        if c.status == OrderStatus::Pending {
            ladder(c, &input.policy, done, now, &mut due, out);
        }
        if c.error.is_some() && !done.contains(NoticeKind::OrderError) {
            due.push(Due {
                about: About::Order(c),
                kind: NoticeKind::OrderError,
                at: now,
            });
        }
        if let Some(at) = recent_auto_cancel(c, now)
            && !done.contains(NoticeKind::AutoCancelled)
        {
            due.push(Due {
                about: About::Order(c),
                kind: NoticeKind::AutoCancelled,
                at,
            });
        }
    }
    for a in &input.failed_actions {
        let done = input.announced_for(&a.id);
        if a.state == ActionState::Failed && !done.contains(NoticeKind::ActionFailed) {
            due.push(Due {
                about: About::Action(a),
                kind: NoticeKind::ActionFailed,
                at: now,
            });
        }
    }
    due
}

/// The ladder step of a pending order due now, if any: the latest due step when it is not yet
/// recorded; earlier unrecorded due steps are recorded stale. Also moves `next_wake`.
fn ladder<'a>(
    c: &'a Candidate,
    policy: &AttentionPolicy,
    done: KindSet,
    now: DateTime<Utc>,
    due: &mut Vec<Due<'a>>,
    out: &mut Plan,
) {
    let steps = steps(c, policy, now);
    let reached: Vec<_> = steps.iter().filter(|(_, at)| *at <= now).collect();
    if let Some(&&(latest, at)) = reached.last() {
        for &&(kind, _) in &reached[..reached.len() - 1] {
            if !done.contains(kind) {
                out.record.push(Recorded {
                    subject: c.id.clone(),
                    kind,
                    outcome: Outcome::Stale,
                });
            }
        }
        if !done.contains(latest) {
            due.push(Due {
                about: About::Order(c),
                kind: latest,
                at,
            });
        }
    }
    let next = steps
        .iter()
        .find(|(kind, at)| *at > now && !done.contains(*kind));
    if let Some(&(_, at)) = next {
        out.next_wake = Some(out.next_wake.map_or(at, |w| w.min(at)));
    }
}

/// The ladder of a pending order, earliest first (ties keep the ladder's order).
///
/// The new-order step is due the moment the desk sees the order: when the shop's clock runs
/// ahead of this device's, `created_at` lies in the future here, and waiting for it would keep
/// a new order silent for as long as the clocks differ. The later steps stay counted from
/// `created_at`.
pub(super) fn steps(
    c: &Candidate,
    policy: &AttentionPolicy,
    now: DateTime<Utc>,
) -> Vec<(NoticeKind, DateTime<Utc>)> {
    let after = |s: i64| c.created_at + Duration::seconds(s);
    let mut steps = vec![(NoticeKind::NewOrder, c.created_at.min(now))];
    let reminders = [NoticeKind::FirstReminder, NoticeKind::SecondReminder];
    for (kind, s) in reminders.into_iter().zip(&policy.reminders_after_s) {
        steps.push((kind, after(*s)));
    }
    if let Some(s) = policy.warn_after_s {
        steps.push((NoticeKind::AutoCancelWarning, after(s)));
    }
    steps.sort_by_key(|&(kind, at)| (at, kind));
    steps
}

fn recent_auto_cancel(c: &Candidate, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let at = c.cancellation.as_ref()?.at;
    (c.auto_cancelled() && now - at <= AUTO_CANCELLED_RECENT).then_some(at)
}

pub(super) fn enabled(kinds: &NotifyKinds, kind: NoticeKind) -> bool {
    match kind {
        NoticeKind::NewOrder => kinds.new_order,
        NoticeKind::FirstReminder | NoticeKind::SecondReminder => kinds.reminder,
        NoticeKind::AutoCancelWarning => kinds.auto_cancel_warning,
        NoticeKind::AutoCancelled => kinds.auto_cancelled,
        NoticeKind::OrderError => kinds.order_error,
        NoticeKind::ActionFailed => kinds.action_failed,
        NoticeKind::Summary => true,
    }
}

/// Turns what passed settings and quiet hours into notices: each on its own, or one summary.
fn announce(input: &PlanInput, shown: Vec<Due<'_>>, now: DateTime<Utc>, out: &mut Plan) {
    if shown.is_empty() {
        return;
    }
    let s = &input.settings;
    let texts = Texts::new(s.language, input.locale, input.timezone, &input.labels);
    let fold = if input.first_sync {
        Some(Outcome::Backlog)
    } else if shown.len() > BURST {
        Some(Outcome::Summarized)
    } else {
        None
    };
    if let Some(outcome) = fold {
        let (title, body) = texts.summary(&tally(&shown));
        out.record
            .extend(shown.iter().map(|d| recorded(d, outcome)));
        out.notices.push(Notice {
            kind: NoticeKind::Summary,
            order_id: None,
            title,
            body,
            actions: Vec::new(),
            sound: s.sound,
            due_at: now,
        });
        return;
    }
    for d in &shown {
        let ((title, body), actions) = match d.about {
            About::Order(c) => (texts.order(d.kind, c, d.at), texts.actions(d.kind, c)),
            About::Action(a) => (texts.action(a), Vec::new()),
        };
        out.record.push(recorded(d, Outcome::Shown));
        out.notices.push(Notice {
            kind: d.kind,
            order_id: Some(d.order_id().to_string()),
            title,
            body,
            actions,
            sound: s.sound,
            due_at: d.at,
        });
    }
}

fn tally(shown: &[Due<'_>]) -> Tally {
    let mut t = Tally::default();
    let mut pending = HashSet::new();
    for d in shown {
        if let About::Order(c) = d.about
            && c.status == OrderStatus::Pending
        {
            pending.insert(c.id.as_str());
        }
        match d.kind {
            NoticeKind::NewOrder => t.new += 1,
            NoticeKind::FirstReminder | NoticeKind::SecondReminder => t.waiting += 1,
            NoticeKind::AutoCancelWarning => t.warned += 1,
            NoticeKind::AutoCancelled => t.auto_cancelled += 1,
            NoticeKind::OrderError => t.errors += 1,
            NoticeKind::ActionFailed => t.failed_actions += 1,
            NoticeKind::Summary => {}
        }
    }
    t.pending_orders = pending.len();
    t
}

fn recorded(d: &Due<'_>, outcome: Outcome) -> Recorded {
    Recorded {
        subject: d.subject().to_string(),
        kind: d.kind,
        outcome,
    }
}
