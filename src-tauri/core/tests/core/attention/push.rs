//! A push received while the app is open, decided against what the ledger holds.

use mostrador_core::attention::{KindSet, NoticeKind, PushNotice, PushOutcome};

use super::support::at;

fn push(kind: &str) -> PushNotice {
    PushNotice {
        order_id: "ord_1042".into(),
        kind: kind.into(),
        title: "Nuevo pedido #1042".into(),
        body: "Ana Pérez · $450.00".into(),
        seq: 7,
    }
}

#[test]
fn a_push_rings_only_for_a_step_the_ledger_does_not_have_yet() {
    use NoticeKind::*;
    // (pushed kind, already in the ledger, rings?)
    let cases: &[(&str, &[NoticeKind], bool)] = &[
        ("new_order", &[], true),
        ("new_order", &[NewOrder], false),
        ("first_reminder", &[NewOrder], true),
        ("first_reminder", &[NewOrder, FirstReminder], false),
        // The planner already went past it (the app slept, the push came late).
        ("first_reminder", &[SecondReminder], false),
        ("new_order", &[AutoCancelWarning], false),
        (
            "auto_cancel_warning",
            &[NewOrder, FirstReminder, SecondReminder],
            true,
        ),
        ("auto_cancelled", &[AutoCancelWarning], true),
        ("auto_cancelled", &[AutoCancelled], false),
        ("order_error", &[NewOrder], true),
        ("order_error", &[OrderError], false),
    ];
    for (kind, done, rings) in cases {
        let ledger: KindSet = done.iter().copied().collect();
        let got = push(kind).decide(ledger, true, at(0));
        assert_eq!(
            matches!(got, PushOutcome::Show(_)),
            *rings,
            "push {kind} with {done:?} recorded: {got:?}"
        );
    }
}

#[test]
fn a_shown_push_keeps_the_backends_words_and_opens_its_order() {
    let PushOutcome::Show(notice) = push("new_order").decide(KindSet::EMPTY, false, at(5)) else {
        panic!("a new step must be shown");
    };
    assert_eq!(notice.kind, NoticeKind::NewOrder, "the step it names");
    assert_eq!(
        notice.order_id.as_deref(),
        Some("ord_1042"),
        "a tap opens the order"
    );
    assert_eq!(
        notice.title, "Nuevo pedido #1042",
        "the words the backend wrote"
    );
    assert!(!notice.sound, "the owner's sound setting applies");
}

#[test]
fn kinds_this_build_does_not_know_are_not_shown() {
    for kind in ["summary", "confetti", ""] {
        assert_eq!(
            push(kind).decide(KindSet::EMPTY, true, at(0)),
            PushOutcome::UnknownKind,
            "{kind:?} is no step of this build's ladder"
        );
    }
}
