//! The outbox: pure decisions as tables, queuing with its optimistic change, and (in
//! `faults`) the sender against the reference backend.

mod edges;
pub mod fixtures;
mod fuzz;
mod queueing;
mod reconcile;

use std::time::Duration;

use chrono::Duration as Span;
use mostrador_core::api::{ApiError, Problem, RetryPolicy};
use mostrador_core::model::{Actor, Cancellation, OrderStatus};
use mostrador_core::outbox::{Action, Decision, SendOutcome, on_outcome};
use mostrador_core::view::{ActionKind, ActionState};

use fixtures::{order, t0};

fn action(kind: ActionKind, attempts: u32) -> Action {
    Action {
        seq: 1,
        id: "6f1c7e6e-0000-4000-8000-000000000001".into(),
        order_id: "ord_1".into(),
        order_number: "1042".into(),
        kind,
        path: "/v1/orders/ord_1/transitions".into(),
        body: br#"{"to":"ready"}"#.to_vec(),
        state: ActionState::Pending,
        attempts,
        created_at: t0(),
        next_attempt_at: Some(t0()),
        error: None,
    }
}

fn problem(status: u16, code: &str, retry_after: Option<Duration>) -> ApiError {
    ApiError::Problem(Problem {
        status,
        code: code.into(),
        detail: String::new(),
        current: None,
        refundable: None,
        retry_after,
    })
}

fn policy() -> RetryPolicy {
    RetryPolicy {
        base: Duration::from_secs(1),
        cap: Duration::from_secs(60),
        retry_after_min: Duration::from_secs(1),
        retry_after_max: Duration::from_secs(300),
    }
}

#[derive(Debug, PartialEq)]
enum Want {
    Done,
    RetryIn(i64),
    Failed,
    Pause,
}

fn classify(decision: &Decision) -> Want {
    match decision {
        Decision::Done(_) => Want::Done,
        Decision::RetryAt { at, .. } => Want::RetryIn((*at - t0()).num_milliseconds()),
        Decision::Failed { .. } => Want::Failed,
        Decision::Pause => Want::Pause,
    }
}

#[test]
fn on_outcome_sorts_every_answer_into_done_retry_failed_or_pause() {
    let ready = ActionKind::Advance {
        to: OrderStatus::Ready,
    };
    let applied = SendOutcome::Applied(Some(Box::new(order("ord_1", OrderStatus::Ready))));
    let cases: Vec<(&str, u32, SendOutcome, Want)> = vec![
        ("200 with the order", 1, applied, Want::Done),
        (
            "200 whose order does not decode: applied all the same",
            1,
            SendOutcome::Applied(None),
            Want::Done,
        ),
        (
            "408: the server stopped waiting; outcome unknown",
            1,
            SendOutcome::Failed(problem(408, "http_408", None)),
            Want::RetryIn(1000),
        ),
        (
            "a sign-in portal answered instead of the backend",
            1,
            SendOutcome::Failed(ApiError::SignIn),
            Want::RetryIn(1000),
        ),
        (
            "a redirect is never followed",
            1,
            SendOutcome::Failed(ApiError::Redirect("https://shop.example/v1".into())),
            Want::Failed,
        ),
        (
            "timeout, 1st attempt",
            1,
            SendOutcome::Failed(ApiError::Timeout),
            Want::RetryIn(1000),
        ),
        (
            "timeout, 3rd attempt",
            3,
            SendOutcome::Failed(ApiError::Timeout),
            Want::RetryIn(4000),
        ),
        (
            "dropped after commit",
            2,
            SendOutcome::Failed(ApiError::Transport("eof".into())),
            Want::RetryIn(2000),
        ),
        (
            "refused connection",
            9,
            SendOutcome::Failed(ApiError::Connect("refused".into())),
            Want::RetryIn(60_000),
        ),
        (
            "500",
            1,
            SendOutcome::Failed(problem(500, "internal_error", None)),
            Want::RetryIn(1000),
        ),
        (
            "503 Retry-After 7",
            1,
            SendOutcome::Failed(problem(
                503,
                "service_unavailable",
                Some(Duration::from_secs(7)),
            )),
            // Retry-After plus up to 10 % of jitter (unit 1.0 here).
            Want::RetryIn(7700),
        ),
        (
            "429 Retry-After 30",
            5,
            SendOutcome::Failed(problem(429, "rate_limited", Some(Duration::from_secs(30)))),
            Want::RetryIn(33_000),
        ),
        (
            "409 request_in_progress",
            1,
            SendOutcome::Failed(problem(409, "request_in_progress", None)),
            Want::RetryIn(1000),
        ),
        (
            "409 version_conflict",
            1,
            SendOutcome::Failed(problem(409, "version_conflict", None)),
            Want::Failed,
        ),
        (
            "409 invalid_transition",
            1,
            SendOutcome::Failed(problem(409, "invalid_transition", None)),
            Want::Failed,
        ),
        (
            "422 refund_exceeds_paid",
            1,
            SendOutcome::Failed(problem(422, "refund_exceeds_paid", None)),
            Want::Failed,
        ),
        (
            "404 not_found",
            1,
            SendOutcome::Failed(problem(404, "not_found", None)),
            Want::Failed,
        ),
        (
            "401",
            1,
            SendOutcome::Failed(problem(401, "unauthorized", None)),
            Want::Pause,
        ),
    ];
    for (name, attempts, outcome, want) in cases {
        let decision = on_outcome(
            &action(ready.clone(), attempts),
            outcome,
            t0(),
            &policy(),
            1.0,
        );
        assert_eq!(
            classify(&decision),
            want,
            "{name}: applied → done, unknown → retry (Retry-After or backoff), definite 4xx → failed, 401 → pause"
        );
    }
}

#[test]
fn an_unknown_outcome_is_never_worded_as_a_failure() {
    let decision = on_outcome(
        &action(
            ActionKind::Advance {
                to: OrderStatus::Ready,
            },
            1,
        ),
        SendOutcome::Failed(ApiError::Timeout),
        t0(),
        &policy(),
        0.3,
    );
    let Decision::RetryAt { at, note } = decision else {
        panic!("a timeout must be retried, got {decision:?}")
    };
    assert!(
        at >= t0() && at <= t0() + Span::seconds(1),
        "first retry within the base delay"
    );
    assert!(
        !note.es.contains("fall") && !note.en.contains("fail") && note.en.contains("retry"),
        "the note says it will be retried, not that it failed: {note:?}"
    );
}

#[test]
fn a_customer_cancellation_is_explained_in_plain_spanish() {
    let mut current = order("ord_1", OrderStatus::Cancelled);
    current.cancellation = Some(Cancellation {
        reason: "Ya no lo quiero".into(),
        refund_amount: 45000,
        by: Actor::Customer,
        at: t0(),
        refund: None,
    });
    let err = ApiError::Problem(Problem {
        current: Some(Box::new(current)),
        ..match problem(409, "version_conflict", None) {
            ApiError::Problem(p) => p,
            _ => unreachable!(),
        }
    });
    let decision = on_outcome(
        &action(
            ActionKind::Advance {
                to: OrderStatus::Ready,
            },
            1,
        ),
        SendOutcome::Failed(err),
        t0(),
        &policy(),
        0.5,
    );
    let Decision::Failed { reason, current } = decision else {
        panic!("a conflict must fail the action")
    };
    assert_eq!(
        reason.es,
        "El cliente canceló el pedido #1042 mientras estabas sin conexión; no se marcó como Listo para entrega.",
        "the owner is told who did what to which order, and what did not happen"
    );
    assert!(
        reason.en.contains("The customer cancelled order #1042"),
        "English too: {}",
        reason.en
    );
    assert!(
        current.is_some(),
        "the backend's order comes back to roll the overlay back to it"
    );
}
