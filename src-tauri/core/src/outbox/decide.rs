//! The pure decision after one send: `on_outcome(action, outcome, now) -> Decision`.

use chrono::{DateTime, Utc};

use crate::api::{ApiError, Bucket, RetryPolicy};
use crate::model::Order;

use super::Action;
use super::reasons::{local_rejection_reason, rejection_reason};
use crate::text::Text;

/// What one send attempt produced.
#[derive(Clone, Debug, PartialEq)]
pub enum SendOutcome {
    /// 2xx: the backend applied it (or replayed the stored answer) and sent the order —
    /// `None` when that order did not decode: still applied (the next pull re-reads it).
    Applied(Option<Box<Order>>),
    /// Anything else.
    Failed(ApiError),
}

/// What to do with the action next.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// Applied: store the order (when it decoded), drop the row from the pending set.
    Done(Option<Box<Order>>),
    /// Outcome unknown: same key, same bytes, not before `at`.
    RetryAt {
        /// Next attempt.
        at: DateTime<Utc>,
        /// The transient problem, for the queue panel ("sin conexión, reintentando").
        note: Text,
    },
    /// Refused for good: roll back, tell the owner. `current` is the order as the backend has
    /// it now, when it said.
    Failed {
        /// In words for the owner.
        reason: Text,
        /// The backend's current order, when the refusal carried it.
        current: Option<Box<Order>>,
    },
    /// 401: nothing is sent until the owner reconnects; the action stays as it is.
    Pause,
}

/// Decides what follows one send of `action` (whose `attempts` already counts this one).
/// `unit` is a uniform random number in [0, 1) for the jitter.
pub fn on_outcome(
    action: &Action,
    outcome: SendOutcome,
    now: DateTime<Utc>,
    policy: &RetryPolicy,
    unit: f64,
) -> Decision {
    let err = match outcome {
        SendOutcome::Applied(order) => return Decision::Done(order),
        SendOutcome::Failed(err) => err,
    };
    match err.bucket() {
        Bucket::Unauthorized => Decision::Pause,
        Bucket::Unknown => {
            let wait = policy.delay(action.attempts.max(1), err.retry_after(), unit);
            Decision::RetryAt {
                at: now + chrono::Duration::from_std(wait).unwrap_or_default(),
                note: transient_note(&err),
            }
        }
        Bucket::Rejected => {
            let problem = err.problem();
            let reason = match problem {
                Some(problem) => rejection_reason(action, Some(problem)),
                None => local_rejection_reason(action, &err),
            };
            Decision::Failed {
                reason,
                current: problem.and_then(|p| p.current.clone()),
            }
        }
    }
}

/// A short note on why an action is still waiting; never worded as a failure.
fn transient_note(err: &ApiError) -> Text {
    if err == &ApiError::SignIn {
        Text::new(
            "La red pide iniciar sesión (abre el navegador); se reintentará.",
            "The network wants you to sign in (open the browser); it will retry.",
        )
    } else if err.is_offline() {
        Text::new(
            "Sin conexión con el servidor; se reintentará.",
            "No connection to the server; it will retry.",
        )
    } else if err.problem().is_some_and(|p| p.status == 429) {
        Text::new(
            "El servidor pidió esperar; se reintentará.",
            "The server asked to wait; it will retry.",
        )
    } else {
        Text::new(
            "El servidor no confirmó; se reintentará con la misma clave.",
            "The server did not confirm; it will retry with the same key.",
        )
    }
}
