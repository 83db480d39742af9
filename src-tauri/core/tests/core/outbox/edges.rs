//! Small edges of issue 11 in the outbox: a reason of invisible characters is empty, a cancel
//! of an order in a status this build does not know is not "already cancelled", and a
//! redirect fails an action with a real code and words.

use chrono::{TimeZone, Utc};
use mostrador_core::ErrorCode;
use mostrador_core::api::ApiError;
use mostrador_core::model::OrderStatus;
use mostrador_core::outbox::{self, Action, Decision, SendOutcome, on_outcome, queue};
use mostrador_core::view::{ActionKind, ActionState};

use super::fixtures::{cache_with, order, t0};

fn cancel(reason: &str) -> ActionKind {
    ActionKind::Cancel {
        reason: reason.into(),
        refund_amount: 0,
    }
}

#[test]
fn a_reason_of_only_invisible_characters_counts_as_empty() {
    for reason in [
        "\u{200B}",
        " \u{200B}\u{200C}\u{200D}\u{2060} ",
        "\u{FEFF}",
        "\u{00AD}\u{3164}\u{2800}",
    ] {
        let cache = cache_with(&[order("ord_1", OrderStatus::Pending)]);
        let err = cache
            .write(|tx| outbox::enqueue(tx, "ord_1", cancel(reason), t0(), t0()))
            .expect_err("nothing visible is no reason");
        assert_eq!(err.code, ErrorCode::InvalidInput, "{reason:?}");
        assert_eq!(
            err.text.es, "Escribe el motivo de la cancelación.",
            "{reason:?}: asked for a reason"
        );
        assert!(cache.read(queue::all).expect("outbox").is_empty());
    }
    let cache = cache_with(&[order("ord_1", OrderStatus::Pending)]);
    let queued = cache
        .write(|tx| {
            outbox::enqueue(
                tx,
                "ord_1",
                cancel("\u{200B} Sin stock\u{200B}"),
                t0(),
                t0(),
            )
        })
        .expect("a visible reason is queued");
    assert_eq!(
        queued.kind,
        cancel("Sin stock"),
        "invisible characters are trimmed like spaces before it is sent"
    );
}

#[test]
fn a_cancel_refused_on_an_unknown_status_does_not_say_already_cancelled() {
    let cache = cache_with(&[order("ord_1", OrderStatus::Unknown)]);
    let err = cache
        .write(|tx| outbox::enqueue(tx, "ord_1", cancel("Sin stock"), t0(), t0()))
        .expect_err("a status this build does not know cannot be cancelled from here");
    assert_eq!(err.code, ErrorCode::NotAllowed);
    assert!(
        !err.text.es.contains("cancelado") && !err.text.en.contains("already cancelled"),
        "the owner is not told it is cancelled when it is not: {} / {}",
        err.text.es,
        err.text.en
    );
    assert!(
        err.text.es.contains("no conoce") && err.text.en.contains("does not know"),
        "says what is going on: {} / {}",
        err.text.es,
        err.text.en
    );
}

#[test]
fn a_redirect_fails_the_action_with_a_code_and_words_never_an_empty_code() {
    let action = Action {
        seq: 1,
        id: "key".into(),
        order_id: "ord_1".into(),
        order_number: "1042".into(),
        kind: ActionKind::Advance {
            to: OrderStatus::Preparing,
        },
        path: "/v1/orders/ord_1/transitions".into(),
        body: b"{}".to_vec(),
        state: ActionState::Pending,
        attempts: 1,
        created_at: Utc.with_ymd_and_hms(2026, 11, 20, 18, 0, 0).unwrap(),
        next_attempt_at: None,
        error: None,
    };
    let decision = on_outcome(
        &action,
        SendOutcome::Failed(ApiError::Redirect("https://tienda.example/v1".into())),
        t0(),
        &mostrador_core::api::RetryPolicy::fast(),
        0.5,
    );
    let Decision::Failed { reason, .. } = decision else {
        panic!("a redirect is not followed: the action fails, got {decision:?}")
    };
    for text in [&reason.es, &reason.en] {
        assert!(!text.contains("()"), "never an empty code: {text}");
        assert!(text.contains("(redirect)"), "a real code: {text}");
        assert!(
            text.contains("https://tienda.example/v1"),
            "where it pointed: {text}"
        );
    }
    assert!(
        reason.es.contains("no se marcó como Preparando") && reason.en.contains("Settings"),
        "what did not happen and what to do: {reason:?}"
    );
}
