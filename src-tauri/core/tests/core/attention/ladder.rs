//! The ladder of a pending order: new order, two reminders, the auto-cancel warning — each at
//! its exact offset, once, and only while the order is pending.

use mostrador_core::attention::{NoticeKind, Outcome, Recorded, plan};
use mostrador_core::model::{Actor, AttentionPolicy, OrderStatus};

use super::support::{announced, at, cancelled_by, input, pending, pending_at, remember, shown};

use NoticeKind::{AutoCancelWarning, FirstReminder, NewOrder, SecondReminder};

#[test]
fn each_step_comes_due_exactly_at_its_offset_and_not_a_second_before() {
    // (already announced, seconds after creation, the notice expected then)
    let cases: &[(&[NoticeKind], i64, Option<NoticeKind>)] = &[
        (&[], 0, Some(NewOrder)),
        (&[], 1, Some(NewOrder)),
        (&[NewOrder], 299, None),
        (&[NewOrder], 300, Some(FirstReminder)),
        (&[NewOrder], 301, Some(FirstReminder)),
        (&[NewOrder, FirstReminder], 599, None),
        (&[NewOrder, FirstReminder], 600, Some(SecondReminder)),
        (&[NewOrder, FirstReminder], 601, Some(SecondReminder)),
        (&[NewOrder, FirstReminder, SecondReminder], 899, None),
        (
            &[NewOrder, FirstReminder, SecondReminder],
            900,
            Some(AutoCancelWarning),
        ),
        (
            &[NewOrder, FirstReminder, SecondReminder],
            901,
            Some(AutoCancelWarning),
        ),
        (
            &[NewOrder, FirstReminder, SecondReminder, AutoCancelWarning],
            1199,
            None,
        ),
    ];
    for (done, s, want) in cases {
        let mut input = input(vec![pending()]);
        announced(&mut input, "ord_1042", done);
        let got: Vec<_> = shown(&plan(&input, at(*s)))
            .into_iter()
            .map(|(_, k)| k)
            .collect();
        let want: Vec<_> = want.iter().copied().collect();
        assert_eq!(got, want, "at +{s}s with {done:?} announced");
    }
}

#[test]
fn the_next_wake_is_the_next_step_not_yet_announced() {
    let cases: &[(&[NoticeKind], i64, Option<i64>)] = &[
        (&[NewOrder], 10, Some(300)),
        (&[NewOrder], 299, Some(300)),
        (&[NewOrder, FirstReminder], 300, Some(600)),
        (&[NewOrder, FirstReminder, SecondReminder], 600, Some(900)),
        (
            &[NewOrder, FirstReminder, SecondReminder, AutoCancelWarning],
            900,
            None,
        ),
    ];
    for (done, s, want) in cases {
        let mut input = input(vec![pending()]);
        announced(&mut input, "ord_1042", done);
        let got = plan(&input, at(*s)).next_wake;
        assert_eq!(
            got,
            want.map(at),
            "at +{s}s with {done:?} announced the next step is due then"
        );
    }
}

#[test]
fn walking_second_by_second_announces_each_step_once_in_order() {
    let mut input = input(vec![pending()]);
    let mut seen = Vec::new();
    for s in 0..=1300 {
        let p = plan(&input, at(s));
        seen.extend(p.notices.iter().map(|n| (n.kind, n.due_at)));
        remember(&mut input, &p);
    }
    let want = vec![
        (NewOrder, at(0)),
        (FirstReminder, at(300)),
        (SecondReminder, at(600)),
        (AutoCancelWarning, at(900)),
    ];
    assert_eq!(seen, want, "every step exactly once, due at its offset");
}

#[test]
fn an_order_accepted_one_second_before_a_reminder_gets_no_reminder() {
    let mut order = pending();
    order.status = OrderStatus::Preparing;
    order.auto_cancel_at = None;
    let mut input = input(vec![order]);
    announced(&mut input, "ord_1042", &[NewOrder]);
    let p = plan(&input, at(300));
    assert!(
        p.notices.is_empty(),
        "an order that left pending is not reminded: {:?}",
        p.notices
    );
    assert!(
        p.record.is_empty(),
        "nothing is due, so nothing is recorded"
    );
    assert_eq!(
        p.next_wake, None,
        "no step is scheduled for an order that left pending"
    );
}

#[test]
fn an_order_cancelled_by_the_customer_gets_no_notice() {
    for by in [Actor::Customer, Actor::Merchant] {
        let mut input = input(vec![cancelled_by(by)]);
        announced(&mut input, "ord_1042", &[NewOrder]);
        let p = plan(&input, at(1201));
        assert!(
            p.notices.is_empty(),
            "a cancellation by {by:?} is not an auto-cancel: {:?}",
            p.notices
        );
    }
}

#[test]
fn a_clock_jump_past_several_steps_announces_only_the_latest_and_records_the_rest_stale() {
    let mut input = input(vec![pending()]);
    announced(&mut input, "ord_1042", &[NewOrder]);
    let p = plan(&input, at(950));
    assert_eq!(
        shown(&p),
        vec![(Some("ord_1042".into()), AutoCancelWarning)],
        "after sleeping past both reminders and the warning, one notice: the warning"
    );
    let stale = |kind| Recorded {
        subject: "ord_1042".into(),
        kind,
        outcome: Outcome::Stale,
    };
    assert!(
        p.record.contains(&stale(FirstReminder)),
        "the skipped first reminder is done"
    );
    assert!(
        p.record.contains(&stale(SecondReminder)),
        "the skipped second reminder is done"
    );
    assert_eq!(
        p.notices[0].due_at,
        at(900),
        "the notice says when it came due"
    );
    remember(&mut input, &p);
    assert!(
        plan(&input, at(951)).notices.is_empty(),
        "the skipped steps never come back"
    );
}

#[test]
fn an_order_first_seen_late_is_announced_with_its_latest_step_only() {
    let p = plan(&input(vec![pending()]), at(650));
    assert_eq!(
        shown(&p),
        vec![(Some("ord_1042".into()), SecondReminder)],
        "one notice, the latest"
    );
    let kinds: Vec<_> = p.record.iter().map(|r| (r.kind, r.outcome)).collect();
    assert!(
        kinds.contains(&(NewOrder, Outcome::Stale)),
        "the new-order step is folded in"
    );
    assert_eq!(p.next_wake, Some(at(900)), "the warning is still ahead");
}

#[test]
fn a_policy_without_reminders_goes_from_new_order_to_the_warning() {
    let mut input = input(vec![pending()]);
    input.policy = AttentionPolicy {
        reminders_after_s: vec![],
        warn_after_s: Some(900),
        auto_cancel_after_s: Some(1200),
    };
    let mut seen = Vec::new();
    for s in [0, 300, 600, 899, 900, 1000] {
        let p = plan(&input, at(s));
        seen.extend(p.notices.iter().map(|n| n.kind));
        remember(&mut input, &p);
    }
    assert_eq!(
        seen,
        vec![NewOrder, AutoCancelWarning],
        "no reminders when the store has none"
    );
}

#[test]
fn a_policy_with_nothing_but_new_orders_schedules_no_wake() {
    let mut input = input(vec![pending()]);
    input.policy = AttentionPolicy {
        reminders_after_s: vec![],
        warn_after_s: None,
        auto_cancel_after_s: None,
    };
    let p = plan(&input, at(0));
    assert_eq!(
        shown(&p),
        vec![(Some("ord_1042".into()), NewOrder)],
        "the new order is still announced"
    );
    assert_eq!(p.next_wake, None, "nothing else is ever due for it");
}

#[test]
fn a_policy_with_one_reminder_never_sends_a_second() {
    let mut input = input(vec![pending()]);
    input.policy.reminders_after_s = vec![120];
    let mut seen = Vec::new();
    for s in [0, 120, 600, 900] {
        let p = plan(&input, at(s));
        seen.extend(p.notices.iter().map(|n| n.kind));
        remember(&mut input, &p);
    }
    assert_eq!(
        seen,
        vec![NewOrder, FirstReminder, AutoCancelWarning],
        "one reminder, at 120 s"
    );
}

#[test]
fn an_order_created_ahead_of_this_devices_clock_is_new_at_once() {
    // The backend's clock runs 600 s ahead of this device's: the order says it was created at
    // +600 s while this device's clock reads 0.
    let ahead = input(vec![pending_at(1042, 600)]);
    let now = plan(&ahead, at(0));
    assert_eq!(
        shown(&now),
        vec![(Some("ord_1042".to_string()), NewOrder)],
        "announced when the desk has it, not when the clocks meet"
    );
    let mut ahead = ahead;
    remember(&mut ahead, &now);
    let later = plan(&ahead, at(10));
    assert_eq!(shown(&later), vec![], "once");
    assert_eq!(
        later.next_wake,
        Some(at(900)),
        "the reminders keep their offsets from created_at"
    );
}
