//! The planner's other rules: auto-cancelled, errors, refused actions, bursts, the first sync,
//! quiet hours and kinds turned off.

use chrono::{Duration, TimeZone, Utc};
use mostrador_core::Text;
use mostrador_core::attention::{NoticeKind, Outcome, plan};
use mostrador_core::model::{OrderError, OrderErrorCode, OrderStatus};
use mostrador_core::outbox::Action;
use mostrador_core::view::{ActionKind, ActionState, QuietHours};

use super::support::{announced, at, auto_cancelled, input, pending, pending_at, remember, shown};

use NoticeKind::{ActionFailed, AutoCancelWarning, AutoCancelled, NewOrder, OrderError as Err};

fn failed_action(id: &str, state: ActionState) -> Action {
    Action {
        seq: 0,
        id: id.into(),
        order_id: "ord_1042".into(),
        order_number: "1042".into(),
        kind: ActionKind::Advance {
            to: OrderStatus::Ready,
        },
        state,
        attempts: 1,
        created_at: at(0),
        next_attempt_at: None,
        path: String::new(),
        body: Vec::new(),
        error: Some(Text::new(
            "El cliente canceló el pedido.",
            "The customer cancelled the order.",
        )),
    }
}

fn with_error(code: OrderErrorCode) -> mostrador_core::attention::Candidate {
    let mut c = pending();
    c.status = OrderStatus::Preparing;
    c.error = Some(OrderError {
        code,
        message: "Folio rechazado".into(),
        retryable: true,
    });
    c
}

#[test]
fn an_auto_cancelled_order_is_announced_once() {
    let mut input = input(vec![auto_cancelled()]);
    announced(&mut input, "ord_1042", &[NewOrder, AutoCancelWarning]);
    let p = plan(&input, at(1230));
    assert_eq!(
        shown(&p),
        vec![(Some("ord_1042".into()), AutoCancelled)],
        "the platform cancelled it"
    );
    assert_eq!(p.notices[0].due_at, at(1200), "due when it was cancelled");
    remember(&mut input, &p);
    assert!(
        plan(&input, at(1260)).notices.is_empty(),
        "announced once only"
    );
}

#[test]
fn an_auto_cancellation_older_than_a_day_is_not_announced() {
    let p = plan(
        &input(vec![auto_cancelled()]),
        at(1200) + Duration::hours(24) + Duration::seconds(1),
    );
    assert!(
        p.notices.is_empty(),
        "news from yesterday is in the list, not a banner: {:?}",
        p.notices
    );
}

#[test]
fn an_order_with_a_new_error_is_announced_once_with_the_right_button() {
    let cases = [
        (OrderErrorCode::DocumentError, vec!["retry_document"]),
        (OrderErrorCode::Oversell, vec![]),
    ];
    for (code, want_actions) in cases {
        let mut input = input(vec![with_error(code)]);
        announced(&mut input, "ord_1042", &[NewOrder]);
        let p = plan(&input, at(400));
        assert_eq!(
            shown(&p),
            vec![(Some("ord_1042".into()), Err)],
            "{code:?} is announced"
        );
        let ids: Vec<_> = p.notices[0].actions.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids, want_actions,
            "{code:?} offers only buttons that can help"
        );
        remember(&mut input, &p);
        assert!(
            plan(&input, at(500)).notices.is_empty(),
            "{code:?} is announced once"
        );
    }
}

#[test]
fn a_pending_order_listed_twice_is_planned_once() {
    let mut twice = pending();
    twice.error = Some(OrderError {
        code: OrderErrorCode::Oversell,
        message: String::new(),
        retryable: false,
    });
    let p = plan(&input(vec![twice.clone(), twice]), at(0));
    assert_eq!(
        p.notices.len(),
        2,
        "one new-order and one error notice, not four: {:?}",
        shown(&p)
    );
}

#[test]
fn a_refused_action_is_announced_once_keyed_by_the_action() {
    let mut input = input(vec![]);
    input.failed_actions = vec![
        failed_action("act-1", ActionState::Failed),
        failed_action("act-2", ActionState::Pending),
    ];
    let p = plan(&input, at(10));
    assert_eq!(
        shown(&p),
        vec![(Some("ord_1042".into()), ActionFailed)],
        "only the failed one, about its order"
    );
    assert_eq!(
        p.record[0].subject, "act-1",
        "the ledger keys a refused action by its id"
    );
    remember(&mut input, &p);
    assert!(
        plan(&input, at(11)).notices.is_empty(),
        "the same refusal is not announced twice"
    );
}

#[test]
fn up_to_three_notices_come_one_by_one_and_four_become_a_summary() {
    for (count, want_summary) in [(3, false), (4, true)] {
        let orders = (0..count).map(|i| pending_at(2000 + i, 0)).collect();
        let p = plan(&input(orders), at(1));
        let kinds: Vec<_> = p.notices.iter().map(|n| n.kind).collect();
        let want = if want_summary {
            vec![NoticeKind::Summary]
        } else {
            vec![NewOrder; count as usize]
        };
        assert_eq!(kinds, want, "{count} new orders at once");
    }
}

#[test]
fn a_burst_of_fifty_becomes_one_summary_and_all_fifty_are_recorded() {
    let orders = (0..50).map(|i| pending_at(3000 + i, -(i as i64))).collect();
    let mut input = input(orders);
    let p = plan(&input, at(5));
    assert_eq!(p.notices.len(), 1, "never a flood of fifty banners");
    let n = &p.notices[0];
    assert_eq!(
        (n.kind, n.order_id.as_deref()),
        (NoticeKind::Summary, None),
        "a summary opens the list"
    );
    assert_eq!(
        n.title, "50 pedidos pendientes",
        "the summary counts the pending orders"
    );
    assert_eq!(n.body, "50 nuevos", "the summary says what they are");
    assert_eq!(p.record.len(), 50, "every folded notice is recorded");
    assert!(
        p.record.iter().all(|r| r.outcome == Outcome::Summarized),
        "folded into the summary"
    );
    remember(&mut input, &p);
    assert!(
        plan(&input, at(6)).notices.is_empty(),
        "nothing folded comes back on its own"
    );
}

#[test]
fn the_first_sync_of_an_existing_shop_becomes_one_backlog_summary() {
    let mut input = input(vec![pending_at(1, -4000), pending_at(2, -100)]);
    input.first_sync = true;
    input.settings.language = mostrador_core::view::Language::En;
    let p = plan(&input, at(0));
    assert_eq!(
        shown(&p),
        vec![(None, NoticeKind::Summary)],
        "even two old orders are one summary"
    );
    assert_eq!(p.notices[0].title, "2 pending orders", "English summary");
    assert!(
        p.record
            .iter()
            .all(|r| r.outcome == Outcome::Backlog || r.outcome == Outcome::Stale),
        "backlog, not rung for"
    );
}

#[test]
fn quiet_hours_drop_everything_but_auto_cancel_warnings() {
    // 23:30 in Mexico City; quiet from 22:00 to 07:00 (crossing midnight).
    let night = Utc
        .with_ymd_and_hms(2026, 11, 21, 5, 30, 0)
        .single()
        .unwrap_or_default();
    let mut warned = pending_at(1, 0);
    warned.created_at = night - Duration::seconds(900);
    let mut fresh = pending_at(2, 0);
    fresh.created_at = night;
    let mut input = input(vec![warned, fresh]);
    announced(
        &mut input,
        "ord_1",
        &[
            NewOrder,
            NoticeKind::FirstReminder,
            NoticeKind::SecondReminder,
        ],
    );
    input.settings.quiet_hours = Some(QuietHours {
        start: "22:00".into(),
        end: "07:00".into(),
    });
    let p = plan(&input, night);
    assert_eq!(
        shown(&p),
        vec![(Some("ord_1".into()), AutoCancelWarning)],
        "only the warning gets through"
    );
    let quiet: Vec<_> = p
        .record
        .iter()
        .filter(|r| r.outcome == Outcome::Quiet)
        .map(|r| r.subject.as_str())
        .collect();
    assert_eq!(
        quiet,
        vec!["ord_2"],
        "the quiet new order is recorded, not delayed to morning"
    );
    let morning = Utc
        .with_ymd_and_hms(2026, 11, 21, 13, 0, 0)
        .single()
        .unwrap_or_default();
    let mut later = input.clone();
    remember(&mut later, &p);
    let kinds: Vec<_> = plan(&later, morning)
        .notices
        .iter()
        .map(|n| n.kind)
        .collect();
    assert!(
        !kinds.contains(&NewOrder),
        "a new order from the night is not announced in the morning"
    );
    input.settings.quiet_hours = None;
    assert_eq!(
        plan(&input, night).notices.len(),
        2,
        "without quiet hours both would show"
    );
}

#[test]
fn a_kind_turned_off_is_recorded_but_not_shown() {
    let mut input = input(vec![pending()]);
    input.settings.notify.new_order = false;
    let p = plan(&input, at(0));
    assert!(p.notices.is_empty(), "new-order notices are off");
    assert_eq!(
        p.record.len(),
        1,
        "still recorded, so turning it on again does not replay it"
    );
    assert_eq!(p.record[0].outcome, Outcome::Off, "recorded as off");
    assert_eq!(p.next_wake, Some(at(300)), "reminders still come");
}

#[test]
fn a_summary_has_sound_only_when_the_owner_wants_sound() {
    for sound in [true, false] {
        let mut input = input((0..5).map(|i| pending_at(10 + i, 0)).collect());
        input.settings.sound = sound;
        let p = plan(&input, at(0));
        assert_eq!(p.notices[0].sound, sound, "sound follows the setting");
    }
}
