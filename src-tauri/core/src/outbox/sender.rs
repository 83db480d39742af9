//! The sender: drains the outbox, in queue order per order, independent orders in parallel
//! (bounded). Each send's result is decided by [`on_outcome`] and recorded in one write.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use futures_util::StreamExt;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::api::{ApiClient, ApiError, RetryPolicy};
use crate::clock::Clock;
use crate::error::Result;
use crate::outbox::kind::ActionKind;
use crate::store::{Store, orders};

use super::decide::{Decision, SendOutcome, on_outcome};
use super::reasons::dependent_reason;
use super::reconcile::{needs_reconcile, shows_effect};
use super::{Action, known_store, queue, refresh_overlay};
use crate::text::Text;

/// How the sender behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutboxConfig {
    /// Backoff and `Retry-After` clamping.
    pub retry: RetryPolicy,
    /// Orders drained at once.
    pub parallel: usize,
    /// Seed of the jitter (`None`: from the OS).
    pub seed: Option<u64>,
}

impl Default for OutboxConfig {
    fn default() -> Self {
        OutboxConfig {
            retry: RetryPolicy::default(),
            parallel: 4,
            seed: None,
        }
    }
}

/// What [`Sender::begin_attempt`] decided for one action.
pub(super) enum Attempt {
    /// Not due yet: the order's queue stops here.
    Wait,
    /// Taken back meanwhile: skip it.
    Gone,
    /// Send it now.
    Go,
}

/// What one pass over the outbox did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlushReport {
    /// Actions the backend applied.
    pub applied: u32,
    /// Actions refused for good in this pass (dependants included).
    pub failed: Vec<Action>,
    /// Actions left waiting after an unknown outcome.
    pub retrying: u32,
    /// A 401 stopped the pass: everything waits for the owner to reconnect.
    pub paused: bool,
    /// The backend could not be reached.
    pub offline: bool,
    /// Orders whose cached state changed.
    pub changed: Vec<String>,
    /// Earliest time a waiting action is due again.
    pub next_due: Option<DateTime<Utc>>,
}

impl FlushReport {
    pub(super) fn merge(&mut self, other: FlushReport) {
        self.applied += other.applied;
        self.failed.extend(other.failed);
        self.retrying += other.retrying;
        self.paused |= other.paused;
        self.offline |= other.offline;
        self.changed.extend(other.changed);
        self.next_due = match (self.next_due, other.next_due) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
}

/// What reading the order after a refusal showed.
enum Reconciled {
    /// The order shows the effect.
    Applied(Box<crate::model::Order>),
    /// It does not: the refusal stands.
    NotApplied,
    /// The order could not be read: the outcome stays unknown.
    Unread(ApiError),
}

/// Sends queued actions.
pub struct Sender {
    pub(super) store: Arc<Store>,
    pub(super) clock: Arc<dyn Clock>,
    pub(super) config: OutboxConfig,
    rng: Mutex<StdRng>,
    /// This device's name, handed to platforms with each action (staff notes carry it).
    device: Mutex<Option<String>>,
}

impl Sender {
    /// A sender over `store`.
    pub fn new(store: Arc<Store>, clock: Arc<dyn Clock>, config: OutboxConfig) -> Sender {
        let rng = match config.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_os_rng(),
        };
        Sender {
            store,
            clock,
            config,
            rng: Mutex::new(rng),
            device: Mutex::new(None),
        }
    }

    /// Sets the device name platforms write into staff notes ("Caja 1").
    pub fn set_device_name(&self, name: Option<&str>) {
        *self.device.lock().unwrap_or_else(|e| e.into_inner()) = name.map(str::to_string);
    }

    /// The device name in force.
    pub fn device_name(&self) -> Option<String> {
        self.device
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(super) fn unit(&self) -> f64 {
        self.rng
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .random::<f64>()
    }

    /// The pending actions, one group per order in queue order (groups in the order of their
    /// first action), and the store's time zone: what one flush works through, whichever way
    /// it sends.
    pub(super) fn pending_by_order(&self) -> Result<(Vec<Vec<Action>>, Tz)> {
        let (pending, tz) = self
            .store
            .read(|conn| Ok((queue::pending(conn)?, known_store(conn)?.tz())))?;
        let mut groups: Vec<Vec<Action>> = Vec::new();
        for action in pending {
            match groups.iter_mut().find(|g| g[0].order_id == action.order_id) {
                Some(group) => group.push(action),
                None => groups.push(vec![action]),
            }
        }
        Ok((groups, tz))
    }

    /// One pass: every order's due actions (all pending ones when `force`), in order,
    /// stopping at an order's first action that does not settle.
    pub async fn flush(&self, api: &ApiClient, force: bool) -> Result<FlushReport> {
        let (groups, tz) = self.pending_by_order()?;
        let mut report = FlushReport::default();
        let mut runs = futures_util::stream::iter(groups)
            .map(|group| self.drain_order(api, group, force, tz))
            .buffer_unordered(self.config.parallel.max(1));
        while let Some(result) = runs.next().await {
            report.merge(result?);
        }
        Ok(report)
    }

    /// Whether `action` goes out now. `Wait`: not due yet (a backoff, or its undo window, which
    /// holds it even when forced), and the order's queue stops there; `Gone`: the owner took it
    /// back after the queue was read; `Go`: the attempt is counted, before the request.
    pub(super) fn begin_attempt(
        &self,
        action: &mut Action,
        force: bool,
        report: &mut FlushReport,
    ) -> Result<Attempt> {
        let now = self.clock.now();
        let held = action.undo_until().is_some();
        if let Some(due) = action
            .next_attempt_at
            .filter(|due| (!force || held) && *due > now)
        {
            report.retrying += 1;
            report.next_due = Some(due);
            return Ok(Attempt::Wait);
        }
        match self
            .store
            .write(|tx| queue::count_attempt(tx, &action.id))?
        {
            Some(attempts) => {
                action.attempts = attempts;
                Ok(Attempt::Go)
            }
            None => Ok(Attempt::Gone),
        }
    }

    async fn drain_order(
        &self,
        api: &ApiClient,
        group: Vec<Action>,
        force: bool,
        tz: Tz,
    ) -> Result<FlushReport> {
        let mut report = FlushReport::default();
        for mut action in group {
            match self.begin_attempt(&mut action, force, &mut report)? {
                Attempt::Wait => break,
                Attempt::Gone => continue,
                Attempt::Go => {}
            }
            let outcome = match api
                .post_action(&action.path, &action.id, &action.body)
                .await
            {
                Ok(order) => SendOutcome::Applied(order.map(Box::new)),
                Err(err) => {
                    report.offline |= err.is_offline();
                    SendOutcome::Failed(err)
                }
            };
            let reconcile = match &outcome {
                SendOutcome::Failed(err) if needs_reconcile(&action, err) => {
                    Some(self.reconcile(api, &action, err).await)
                }
                _ => None,
            };
            let now = self.clock.now();
            let decision = match reconcile {
                // The order shows the effect: the lost answer of an earlier attempt had
                // applied it.
                Some(Reconciled::Applied(order)) => Decision::Done(Some(order)),
                // The order could not be read: not known yet, ask again later.
                Some(Reconciled::Unread(err)) => on_outcome(
                    &action,
                    SendOutcome::Failed(err),
                    now,
                    &self.config.retry,
                    self.unit(),
                ),
                Some(Reconciled::NotApplied) | None => {
                    on_outcome(&action, outcome, now, &self.config.retry, self.unit())
                }
            };
            if !self.settle(&action, decision, now, tz, false, &mut report)? {
                break;
            }
        }
        Ok(report)
    }

    /// Records `decision` for `action` in one write; false when the order's queue stops here.
    /// `platform`: the order comes from a platform whose versions are whole seconds.
    pub(super) fn settle(
        &self,
        action: &Action,
        decision: Decision,
        now: DateTime<Utc>,
        tz: Tz,
        platform: bool,
        report: &mut FlushReport,
    ) -> Result<bool> {
        match decision {
            Decision::Done(order) => {
                self.store.write(|tx| {
                    queue::mark_applied(tx, &action.id, now)?;
                    if let Some(order) = &order {
                        let one = std::slice::from_ref(&**order);
                        if platform {
                            orders::upsert_platform(tx, one, tz)?;
                        } else {
                            orders::upsert_server(tx, one, tz)?;
                        }
                    }
                    refresh_overlay(tx, &action.order_id, tz)
                })?;
                report.applied += 1;
                report.changed.push(action.order_id.clone());
                Ok(true)
            }
            Decision::RetryAt { at, note } => {
                self.store
                    .write(|tx| queue::mark_retry(tx, &action.id, at, &note))?;
                report.retrying += 1;
                report.next_due = Some(at);
                Ok(false)
            }
            Decision::Failed { reason, current } => {
                let failed = self.fail(action, &reason, current.as_deref(), now, tz)?;
                report.failed.extend(failed);
                report.changed.push(action.order_id.clone());
                Ok(false)
            }
            Decision::Pause => {
                report.paused = true;
                Ok(false)
            }
        }
    }

    /// Reads the order a refused `action` was about (the refusal's `current`, or a fresh
    /// GET) and tells whether it shows the action's effect.
    async fn reconcile(&self, api: &ApiClient, action: &Action, err: &ApiError) -> Reconciled {
        let current = err.problem().and_then(|p| p.current.clone());
        let order = match current {
            Some(order) => order,
            None => match api.order(&action.order_id).await {
                Ok(order) => Box::new(order),
                Err(err) => return Reconciled::Unread(err),
            },
        };
        if shows_effect(action, &order) {
            tracing::warn!(
                action = %action.id,
                order = %action.order_number,
                "a retry was refused, but the order shows the action applied (its earlier answer was lost): applied"
            );
            Reconciled::Applied(order)
        } else {
            Reconciled::NotApplied
        }
    }

    /// Fails `action` and every action queued behind it for the same order (they depended on
    /// it), stores the backend's current order, and rolls the overlay back — one write.
    pub(super) fn fail(
        &self,
        action: &Action,
        reason: &Text,
        current: Option<&crate::model::Order>,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Vec<Action>> {
        self.store.write(|tx| {
            if let Some(order) = current {
                orders::upsert_server(tx, std::slice::from_ref(order), tz)?;
            }
            queue::mark_failed(tx, &action.id, reason, now)?;
            let mut ids = vec![action.id.clone()];
            // An acknowledgement changes no status: nothing behind it depends on it, and it
            // depends on nothing in front of it.
            let dependents = if action.kind == ActionKind::Acknowledge {
                Vec::new()
            } else {
                queue::pending_for_order(tx, &action.order_id)?
            };
            for behind in dependents
                .into_iter()
                .filter(|a| a.kind != ActionKind::Acknowledge)
            {
                queue::mark_failed(tx, &behind.id, &dependent_reason(&behind), now)?;
                ids.push(behind.id);
            }
            refresh_overlay(tx, &action.order_id, tz)?;
            let mut views = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(row) = queue::get(tx, &id)? {
                    views.push(row);
                }
            }
            Ok(views)
        })
    }
}
