//! The scheduler: loads the input, plans, records in the ledger in one transaction, then
//! notifies; sleeps until the next due time by the wall clock and wakes after each sync.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use tokio::sync::Notify;

use super::kinds::Outcome;
use super::load::{self, Extra};
use super::ring::ring_step;
use super::{
    Notice, NoticeKind, Notifier, PushNotice, PushOutcome, Recorded, is_quiet, ledger, plan,
};
use crate::Result;
use crate::clock::Clock;
use crate::outbox::Action;
use crate::outbox::kind::ActionState;
use crate::settings::Settings;
use crate::store::Store;

/// Longest single sleep. Tokio timers do not count time the machine was suspended, so the loop
/// naps at most this long and re-reads the wall clock: a laptop opened after an hour catches up
/// within this much.
pub const MAX_NAP: StdDuration = StdDuration::from_secs(30);

/// The attention engine of one desk. Create with [`Attention::new`], spawn [`Attention::run`],
/// call [`Attention::wake`] after each sync.
pub struct Attention {
    store: Arc<Store>,
    notifier: Arc<dyn Notifier>,
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
    /// Held for a whole pass, so two passes never both announce the same thing.
    pass: Mutex<()>,
    wake: Notify,
}

#[derive(Default)]
struct State {
    settings: Settings,
    first_sync: FirstSync,
    failed: Vec<Action>,
    next_wake: Option<DateTime<Utc>>,
    last_ring: Option<DateTime<Utc>>,
    next_ring: Option<DateTime<Utc>>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum FirstSync {
    /// Normal passes.
    #[default]
    No,
    /// The first sync of an existing shop is paging: hold passes so pages do not each burst.
    Running,
    /// It finished: the next pass folds everything due into one backlog summary.
    Done,
}

impl Attention {
    /// An engine over `store`, showing notices through `notifier`, reading time from `clock`.
    /// Settings start at their defaults until [`Attention::set_settings`].
    pub fn new(store: Arc<Store>, notifier: Arc<dyn Notifier>, clock: Arc<dyn Clock>) -> Attention {
        Attention {
            store,
            notifier,
            clock,
            state: Mutex::new(State::default()),
            pass: Mutex::new(()),
            wake: Notify::new(),
        }
    }

    /// Asks [`Attention::run`] for a pass now (after a sync; cheap, never blocks).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Uses the owner's new settings from the next pass on.
    pub fn set_settings(&self, settings: &Settings) {
        self.state().settings = settings.clone();
        self.wake();
    }

    /// `true` when the first sync of an existing shop starts: passes are held while it pages.
    /// `false` when it ends: the next pass announces everything due as one summary ("12
    /// pedidos pendientes") and records it as backlog, which never rings.
    pub fn set_first_sync(&self, running: bool) {
        let mut state = self.state();
        state.first_sync = match (running, state.first_sync) {
            (true, _) => FirstSync::Running,
            (false, FirstSync::Running) => FirstSync::Done,
            (false, other) => other,
        };
        drop(state);
        self.wake();
    }

    /// Announces an owner action the backend refused, once per action id (the ledger keys it).
    pub fn action_failed(&self, action: &Action) {
        if action.state != ActionState::Failed {
            return;
        }
        let mut state = self.state();
        if !state.failed.iter().any(|a| a.id == action.id) {
            state.failed.push(action.clone());
        }
        drop(state);
        self.wake();
    }

    /// The owner acknowledged the order: it stops ringing (remembered across restarts).
    pub fn acknowledge(&self, order_id: &str) -> Result<()> {
        let now = self.clock.now();
        self.store
            .write(|tx| ledger::acknowledge(tx, order_id, now))?;
        self.wake();
        Ok(())
    }

    /// A push from the backend reached the open app: announce it unless the ledger already has
    /// this step (or a later one) for the order, and record it, under the pass lock so the live
    /// planner and the push never both ring for one step. Quiet hours and settings apply as to
    /// the planner's own notices (dropped, recorded).
    pub fn on_push(&self, push: &PushNotice) -> Result<PushOutcome> {
        let _pass = self.pass.lock().unwrap_or_else(PoisonError::into_inner);
        let now = self.clock.now();
        let settings = self.state().settings.clone();
        let announced = self
            .store
            .read(|conn| ledger::announced(conn, &push.order_id))?;
        let outcome = push.decide(announced, settings.sound, now);
        let PushOutcome::Show(notice) = &outcome else {
            return Ok(outcome);
        };
        let tz = self
            .store
            .read(|conn| Ok(crate::store::meta::store(conn)?.map(|s| s.tz())))?
            .unwrap_or(chrono_tz::UTC);
        let quiet = is_quiet(settings.quiet_hours.as_ref(), tz, now)
            && notice.kind != super::NoticeKind::AutoCancelWarning;
        let off = !super::plan::enabled(&settings.notify, notice.kind);
        let record = Recorded {
            subject: push.order_id.clone(),
            kind: notice.kind,
            outcome: if off {
                Outcome::Off
            } else if quiet {
                Outcome::Quiet
            } else {
                Outcome::Shown
            },
        };
        self.store
            .write(|tx| ledger::record(tx, std::slice::from_ref(&record), now))?;
        if off || quiet {
            return Ok(PushOutcome::Silenced);
        }
        self.notifier.notify(notice);
        Ok(outcome)
    }

    /// Records what the OS showed on its own (scheduled notifications that fired while the
    /// app was in the background), so the live planner does not announce it again.
    pub fn record_external(&self, records: &[Recorded]) -> Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        let _pass = self.pass.lock().unwrap_or_else(PoisonError::into_inner);
        let now = self.clock.now();
        self.store.write(|tx| ledger::record(tx, records, now))?;
        self.wake();
        Ok(())
    }

    /// The owner's settings as the scheduler uses them.
    pub fn settings(&self) -> Settings {
        self.state().settings.clone()
    }

    /// When the loop should next run a pass on its own: the next ladder step or ring.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        let state = self.state();
        match (state.next_wake, state.next_ring) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// One pass: plan what is due now, record it in the ledger (one transaction), then notify
    /// and ring. Returns the notices shown. This is what [`Attention::run`] does each time.
    pub fn tick(&self) -> Result<Vec<Notice>> {
        let _pass = self.pass.lock().unwrap_or_else(PoisonError::into_inner);
        let now = self.clock.now();
        let extra = {
            let state = self.state();
            if state.first_sync == FirstSync::Running {
                return Ok(Vec::new());
            }
            Extra {
                settings: state.settings.clone(),
                failed_actions: state.failed.clone(),
                first_sync: state.first_sync == FirstSync::Done,
            }
        };
        let Some(input) = self.store.read(|conn| load::input(conn, now, extra))? else {
            return Ok(Vec::new());
        };
        let planned = plan(&input, now);
        if !planned.record.is_empty() {
            // Recorded before notifying: a crash in between loses a banner, never repeats one.
            self.store
                .write(|tx| ledger::record(tx, &planned.record, now))?;
        }
        {
            let mut state = self.state();
            state
                .failed
                .retain(|a| !input.failed_actions.iter().any(|done| done.id == a.id));
            if input.first_sync && state.first_sync == FirstSync::Done {
                state.first_sync = FirstSync::No;
            }
            state.next_wake = planned.next_wake;
        }
        for notice in &planned.notices {
            self.notifier.notify(notice);
        }
        if let Some(alarm) = input.settings.alarm()
            && self.rings_the_bell(&planned)?
        {
            self.notifier.play_alarm(&alarm);
        }
        let quiet = is_quiet(input.settings.quiet_hours.as_ref(), input.timezone, now);
        self.ring(&input.settings, quiet, now)?;
        Ok(planned.notices)
    }

    /// Runs passes forever: after each, sleeps until the next due time by the wall clock, or
    /// until [`Attention::wake`]. Spawn it on the runtime; abort the task to stop it.
    pub async fn run(self: Arc<Self>) {
        loop {
            if let Err(err) = self.tick() {
                tracing::warn!(%err, "attention pass failed; retrying at the next wake");
            }
            self.sleep_until(self.next_due()).await;
        }
    }

    /// Naps of at most [`MAX_NAP`], re-reading the wall clock after each, until `deadline` has
    /// passed or someone wakes us.
    async fn sleep_until(&self, deadline: Option<DateTime<Utc>>) {
        loop {
            let now = self.clock.now();
            if deadline.is_some_and(|d| now >= d) {
                return;
            }
            let left = deadline
                .and_then(|d| (d - now).to_std().ok())
                .unwrap_or(MAX_NAP);
            tokio::select! {
                _ = self.wake.notified() => return,
                _ = tokio::time::sleep(left.min(MAX_NAP)) => {}
            }
        }
    }

    fn ring(&self, settings: &Settings, quiet: bool, now: DateTime<Utc>) -> Result<()> {
        let waiting = if settings.ring_until_ack && !quiet {
            self.store.read(ledger::oldest_ringing)?
        } else {
            None
        };
        let last = self.state().last_ring;
        let step = ring_step(waiting.as_deref(), last, settings.ring_every_s, now);
        if let Some(order_id) = &step.ring {
            // The counter PC plays its own sound; elsewhere the notice is shown again.
            match settings.alarm() {
                Some(alarm) => self.notifier.play_alarm(&alarm),
                None => self.notifier.ring(order_id),
            }
        }
        if last.is_some() && step.last.is_none() {
            self.notifier.silence();
        }
        let mut state = self.state();
        state.last_ring = step.last;
        state.next_ring = step.next;
        Ok(())
    }

    /// Whether a pass rings the counter PC's bell: a sounding notice of [`bell_kind`] about an
    /// order nobody acknowledged yet (here or on another device). A reminder of an order that
    /// stays Pendiente is still shown, but an acknowledged order never sounds the alarm again.
    fn rings_the_bell(&self, planned: &super::Plan) -> Result<bool> {
        let summarized: Vec<&str> = planned
            .record
            .iter()
            .filter(|r| r.outcome == super::Outcome::Summarized)
            .map(|r| r.subject.as_str())
            .collect();
        let burst = !summarized.is_empty();
        self.store.read(|conn| {
            for notice in &planned.notices {
                if !notice.sound || !bell_kind(notice.kind, burst) {
                    continue;
                }
                let unacknowledged = match &notice.order_id {
                    Some(id) => !ledger::acknowledged(conn, id)?,
                    // A summary: rings when one of the orders it folds is still unacknowledged.
                    None => {
                        let mut any = false;
                        for id in &summarized {
                            if !ledger::acknowledged(conn, id)? {
                                any = true;
                                break;
                            }
                        }
                        any
                    }
                };
                if unacknowledged {
                    return Ok(true);
                }
            }
            Ok(false)
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Whether a notice of this kind sounds the counter PC's bell: a step of a pending order's
/// ladder, or the summary of a burst of them (the backlog of a first sync never sounds).
fn bell_kind(kind: NoticeKind, burst: bool) -> bool {
    match kind {
        NoticeKind::NewOrder
        | NoticeKind::FirstReminder
        | NoticeKind::SecondReminder
        | NoticeKind::AutoCancelWarning => true,
        NoticeKind::Summary => burst,
        _ => false,
    }
}

impl std::fmt::Debug for Attention {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attention")
            .field("next_due", &self.next_due())
            .finish()
    }
}
