//! The planner ahead (alerts while the app sleeps): tables over the same ladder the live
//! planner walks, quiet hours, settings, orders that left pending, stable ids and the diff.

use chrono::Duration;
use mostrador_core::attention::ahead::{
    MAX_SCHEDULED, ScheduledNotice, diff, fired, notice_id, plan_ahead, still_pending,
};
use mostrador_core::attention::{NoticeKind, Outcome, plan};
use mostrador_core::model::{Actor, OrderStatus};
use mostrador_core::view::{Language, QuietHours};

use super::support::{announced, at, cancelled_by, input, pending, pending_at, remember};

fn kinds_at(plan: &[ScheduledNotice]) -> Vec<(NoticeKind, i64)> {
    plan.iter()
        .map(|n| (n.kind, (n.at - at(0)).num_seconds()))
        .collect()
}

const DAY: Duration = Duration::hours(24);

#[test]
fn a_pending_order_gets_the_live_ladder_ahead_of_time() {
    // (now in seconds after creation, horizon, steps scheduled (kind, seconds after creation))
    type Case<'a> = (i64, Duration, &'a [(NoticeKind, i64)]);
    let cases: &[Case] = &[
        (
            0,
            DAY,
            &[
                (NoticeKind::FirstReminder, 300),
                (NoticeKind::SecondReminder, 600),
                (NoticeKind::AutoCancelWarning, 900),
            ],
        ),
        // The shop's clock runs 10 s ahead: the new order is the live planner's at once
        // (plan.rs `steps`), the rest is handed to the OS.
        (
            -10,
            DAY,
            &[
                (NoticeKind::FirstReminder, 300),
                (NoticeKind::SecondReminder, 600),
                (NoticeKind::AutoCancelWarning, 900),
            ],
        ),
        (
            300,
            DAY,
            &[
                (NoticeKind::SecondReminder, 600),
                (NoticeKind::AutoCancelWarning, 900),
            ],
        ),
        (
            0,
            Duration::seconds(600),
            &[
                (NoticeKind::FirstReminder, 300),
                (NoticeKind::SecondReminder, 600),
            ],
        ),
        (899, DAY, &[(NoticeKind::AutoCancelWarning, 900)]),
        (900, DAY, &[]),
    ];
    for (now, horizon, want) in cases {
        let got = plan_ahead(&input(vec![pending()]), at(*now), *horizon);
        assert_eq!(
            kinds_at(&got),
            *want,
            "now = created + {now} s, horizon {horizon}: a step due now or past is the live \
             planner's; every later step within the horizon is handed to the OS"
        );
    }
}

#[test]
fn the_steps_ahead_are_the_steps_the_live_planner_announces() {
    let mut live_input = input(vec![pending()]);
    let ahead = plan_ahead(&live_input, at(1), DAY);
    let mut live = Vec::new();
    for s in 0..=1200 {
        let p = plan(&live_input, at(s));
        remember(&mut live_input, &p);
        live.extend(
            p.notices
                .iter()
                .filter(|n| n.due_at > at(1))
                .map(|n| (n.kind, n.title.clone(), n.body.clone(), n.due_at)),
        );
    }
    let ahead: Vec<_> = ahead
        .iter()
        .map(|n| (n.kind, n.title.clone(), n.body.clone(), n.at))
        .collect();
    assert_eq!(
        ahead, live,
        "the OS must show what the open app would have shown, with the same words, at the \
         same times"
    );
}

#[test]
fn nothing_is_scheduled_for_orders_that_left_pending() {
    let mut preparing = pending_at(1043, 0);
    preparing.status = OrderStatus::Preparing;
    let orders = vec![
        preparing,
        cancelled_by(Actor::Merchant),
        cancelled_by(Actor::Auto),
    ];
    let got = plan_ahead(&input(orders), at(1), DAY);
    assert!(
        got.is_empty(),
        "a moved or cancelled order has no ladder: {got:?}"
    );
}

#[test]
fn steps_already_in_the_ledger_are_not_scheduled_again() {
    let mut i = input(vec![pending()]);
    announced(
        &mut i,
        "ord_1042",
        &[NoticeKind::NewOrder, NoticeKind::FirstReminder],
    );
    let got = plan_ahead(&i, at(-1), DAY);
    assert_eq!(
        kinds_at(&got),
        vec![
            (NoticeKind::SecondReminder, 600),
            (NoticeKind::AutoCancelWarning, 900)
        ],
        "a recorded step never rings twice"
    );
}

#[test]
fn quiet_hours_drop_every_step_but_the_auto_cancel_warning() {
    // The order is placed at 13:45 local; its reminders fall at 13:50 and 13:55, the warning
    // at 14:00.
    let mut i = input(vec![pending()]);
    i.settings.quiet_hours = Some(QuietHours {
        start: "13:48".into(),
        end: "14:30".into(),
    });
    let got = plan_ahead(&i, at(1), DAY);
    assert_eq!(
        kinds_at(&got),
        vec![(NoticeKind::AutoCancelWarning, 900)],
        "reminders in quiet hours are dropped as the live planner drops them; the warning \
         still goes"
    );
}

#[test]
fn kinds_turned_off_are_not_scheduled() {
    let mut i = input(vec![pending()]);
    i.settings.notify.reminder = false;
    let got = plan_ahead(&i, at(1), DAY);
    assert_eq!(
        kinds_at(&got),
        vec![(NoticeKind::AutoCancelWarning, 900)],
        "reminders off in Settings means no reminder from the OS either"
    );
}

#[test]
fn texts_follow_the_owners_language() {
    let mut i = input(vec![pending()]);
    i.settings.language = Language::En;
    let got = plan_ahead(&i, at(1), DAY);
    assert_eq!(
        got.first().map(|n| n.title.as_str()),
        Some("Order #1042 is waiting"),
        "an English owner reads English from the OS too"
    );
}

#[test]
fn ids_are_stable_per_order_and_kind_and_positive() {
    let a = plan_ahead(&input(vec![pending()]), at(1), DAY);
    let b = plan_ahead(&input(vec![pending()]), at(2), DAY);
    let ids = |p: &[ScheduledNotice]| p.iter().map(|n| n.id).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b), "a re-plan must replace, never duplicate");
    for n in &a {
        assert_eq!(
            n.id,
            notice_id(&n.order_id, n.kind),
            "the id is (order, kind)"
        );
        assert!(n.id > 0, "the notification plugin wants a positive i32");
    }
    let mut all: Vec<i32> = a.iter().map(|n| n.id).collect();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), a.len(), "each step of an order has its own id");
    assert_ne!(
        notice_id("ord_1042", NoticeKind::FirstReminder),
        notice_id("ord_1043", NoticeKind::FirstReminder),
        "two orders do not share an id"
    );
    // Pinned: the id must not change between builds, or a new version would duplicate what
    // an older one handed to the OS.
    assert_eq!(
        notice_id("ord_1042", NoticeKind::NewOrder),
        0x5944_91bc,
        "FNV-1a, pinned"
    );
}

#[test]
fn at_most_sixty_are_handed_to_the_os_earliest_first() {
    let orders = (0..40)
        .map(|n| pending_at(2000 + n, i64::from(n)))
        .collect();
    let got = plan_ahead(&input(orders), at(100), DAY);
    assert_eq!(
        got.len(),
        MAX_SCHEDULED,
        "iOS keeps 64 pending notifications per app"
    );
    assert!(
        got.windows(2).all(|w| w[0].at <= w[1].at),
        "the earliest steps are the ones kept"
    );
}

#[test]
fn the_diff_withdraws_what_moved_and_hands_over_only_what_changed() {
    let mut i = input(vec![pending(), pending_at(1043, 60)]);
    let first = plan_ahead(&i, at(1), DAY);
    let same = diff(&first, &plan_ahead(&i, at(2), DAY));
    assert!(
        same.is_empty(),
        "nothing changed, nothing to tell the OS: {same:?}"
    );

    // #1042 moved to Preparando; #1043 got its first two steps announced live meanwhile.
    i.orders[0].status = OrderStatus::Preparing;
    announced(
        &mut i,
        "ord_1043",
        &[NoticeKind::NewOrder, NoticeKind::FirstReminder],
    );
    let next = plan_ahead(&i, at(3), DAY);
    let d = diff(&first, &next);
    let mut want: Vec<i32> = first
        .iter()
        .filter(|n| {
            n.order_id == "ord_1042"
                || matches!(n.kind, NoticeKind::NewOrder | NoticeKind::FirstReminder)
        })
        .map(|n| n.id)
        .collect();
    want.sort_unstable();
    let mut cancel = d.cancel.clone();
    cancel.sort_unstable();
    assert_eq!(
        cancel, want,
        "the moved order's steps and the announced step are withdrawn"
    );
    assert!(
        d.schedule.is_empty(),
        "nothing new to hand over: {:?}",
        d.schedule
    );

    // Words change (the owner switched to English): withdrawn and handed over under the same id.
    i.settings.language = Language::En;
    let english = plan_ahead(&i, at(4), DAY);
    let d = diff(&next, &english);
    assert_eq!(
        d.schedule.len(),
        next.len(),
        "every notice is handed over again"
    );
    assert_eq!(
        d.cancel.len(),
        next.len(),
        "and the old words withdrawn first, same ids"
    );
}

#[test]
fn what_fired_while_away_is_recorded_and_what_waits_is_withdrawn() {
    let handed = plan_ahead(&input(vec![pending()]), at(1), DAY);
    let shown = fired(&handed, at(650));
    let kinds: Vec<_> = shown.iter().map(|r| (r.kind, r.outcome)).collect();
    assert_eq!(
        kinds,
        vec![
            (NoticeKind::FirstReminder, Outcome::Shown),
            (NoticeKind::SecondReminder, Outcome::Shown)
        ],
        "the OS showed the two reminders by 650 s"
    );
    let waiting = still_pending(&handed, at(650));
    assert_eq!(
        waiting,
        vec![notice_id("ord_1042", NoticeKind::AutoCancelWarning)],
        "the warning is still the OS's to show: withdraw it, the live scheduler takes over"
    );

    // Back in the app, the live planner must stay silent about what the OS showed.
    let mut i = input(vec![pending()]);
    announced(&mut i, "ord_1042", &[NoticeKind::NewOrder]);
    for r in &shown {
        i.announced
            .entry(r.subject.clone())
            .or_default()
            .insert(r.kind);
    }
    let live = plan(&i, at(650));
    assert!(
        live.notices.is_empty(),
        "a step the OS showed never rings twice: {:?}",
        live.notices
    );
}

#[test]
fn every_button_a_notice_can_carry_belongs_to_a_registered_action_type() {
    use mostrador_core::attention::ahead::{action_type_for, action_types};
    for language in [Language::Es, Language::En] {
        let mut i = input(vec![pending()]);
        i.settings.language = language;
        let types = action_types(language);
        for n in plan_ahead(&i, at(1), DAY) {
            let id = action_type_for(&n.actions).expect("a pending order's notice has buttons");
            let registered = types.iter().find(|t| t.id == id).expect("registered");
            assert_eq!(
                registered.actions, n.actions,
                "the OS shows the buttons it was given at start, so they must match the \
                 notice's, in {language:?}"
            );
        }
    }
    assert_eq!(action_type_for(&[]), None, "no buttons, no action type");
}
