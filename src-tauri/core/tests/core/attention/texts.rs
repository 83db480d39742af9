//! The words of each notice, in Spanish and English, with MXN and CLP amounts and times in the
//! store's timezone.

use mostrador_core::attention::{Notice, NoticeKind, PlanInput, plan};
use mostrador_core::model::{Locale, OrderError, OrderErrorCode};
use mostrador_core::money::{Currency, Money};
use mostrador_core::view::Language;

use super::support::{announced, at, auto_cancelled, input, pending};

use NoticeKind::{AutoCancelWarning, FirstReminder, NewOrder, SecondReminder};

fn chile(mut input: PlanInput) -> PlanInput {
    for c in &mut input.orders {
        c.total = Money::new(45_000, Currency::CLP);
        if let Some(x) = &mut c.cancellation {
            x.refund_amount = 45_000;
        }
    }
    input.locale = Locale::EsCl;
    input.timezone = chrono_tz::America::Santiago;
    input
}

fn english(mut input: PlanInput) -> PlanInput {
    input.settings.language = Language::En;
    input
}

/// The one notice planned at `s` seconds with `done` announced.
fn only(mut input: PlanInput, done: &[NoticeKind], s: i64) -> Notice {
    announced(&mut input, "ord_1042", done);
    let mut p = plan(&input, at(s));
    assert_eq!(p.notices.len(), 1, "one notice expected: {:?}", p.notices);
    p.notices.remove(0)
}

#[test]
fn a_new_order_says_who_and_how_much_in_each_language_and_currency() {
    let cases = [
        (
            input(vec![pending()]),
            "Nuevo pedido #1042",
            "Ana Pérez · $450.00",
            "Preparar",
        ),
        (
            english(input(vec![pending()])),
            "New order #1042",
            "Ana Pérez · $450.00",
            "Prepare",
        ),
        (
            chile(input(vec![pending()])),
            "Nuevo pedido #1042",
            "Ana Pérez · $45.000",
            "Preparar",
        ),
        (
            english(chile(input(vec![pending()]))),
            "New order #1042",
            "Ana Pérez · $45.000",
            "Prepare",
        ),
    ];
    for (input, title, body, button) in cases {
        let n = only(input, &[], 0);
        assert_eq!(
            (n.title.as_str(), n.body.as_str()),
            (title, body),
            "new-order text"
        );
        assert_eq!(
            n.order_id.as_deref(),
            Some("ord_1042"),
            "a tap opens that order"
        );
        assert_eq!(n.actions.len(), 1, "one quick action on a pending order");
        assert_eq!(
            (n.actions[0].id.as_str(), n.actions[0].label.as_str()),
            ("prepare", button),
            "Preparar"
        );
    }
}

#[test]
fn reminders_say_how_long_the_order_has_waited() {
    let cases = [
        (
            input(vec![pending()]),
            &[NewOrder][..],
            300,
            "Pedido #1042 sin atender",
            "Lleva 5 min esperando · Ana Pérez · $450.00",
        ),
        (
            input(vec![pending()]),
            &[NewOrder, FirstReminder][..],
            601,
            "Pedido #1042 sin atender",
            "Lleva 10 min esperando · Ana Pérez · $450.00",
        ),
        (
            english(input(vec![pending()])),
            &[NewOrder][..],
            300,
            "Order #1042 is waiting",
            "Waiting for 5 min · Ana Pérez · $450.00",
        ),
    ];
    for (input, done, s, title, body) in cases {
        let n = only(input, done, s);
        assert_eq!(
            (n.title.as_str(), n.body.as_str()),
            (title, body),
            "reminder at +{s}s"
        );
    }
}

#[test]
fn a_reminder_under_a_minute_counts_seconds_not_zero_minutes() {
    let mut short = input(vec![pending()]);
    short.policy.reminders_after_s = vec![20, 40];
    let n = only(short, &[NewOrder], 20);
    assert_eq!(
        n.body, "Lleva 20 s esperando · Ana Pérez · $450.00",
        "a 20 s reminder (demo timings) must not say \"0 min\""
    );
}

#[test]
fn the_warning_gives_the_auto_cancel_time_in_the_stores_timezone() {
    let done = &[NewOrder, FirstReminder, SecondReminder];
    let cases = [
        (
            input(vec![pending()]),
            "Pedido #1042: se cancelará automáticamente a las 14:05",
        ),
        (
            english(input(vec![pending()])),
            "Order #1042 will be cancelled automatically at 2:05 PM",
        ),
        // Santiago is UTC−3 in November (summer time): 20:05 UTC is 17:05 there.
        (
            chile(input(vec![pending()])),
            "Pedido #1042: se cancelará automáticamente a las 17:05",
        ),
    ];
    for (input, body) in cases {
        let n = only(input, done, 900);
        assert_eq!(n.kind, AutoCancelWarning, "the warning is due at +900 s");
        assert_eq!(
            n.body, body,
            "the warning names the local time of auto_cancel_at"
        );
    }
}

#[test]
fn an_auto_cancellation_names_the_refund_in_the_orders_currency() {
    let cases = [
        (
            input(vec![auto_cancelled()]),
            "Pedido #1042 cancelado",
            "Pedido #1042 cancelado por falta de atención; reembolso de $450.00",
        ),
        (
            chile(input(vec![auto_cancelled()])),
            "Pedido #1042 cancelado",
            "Pedido #1042 cancelado por falta de atención; reembolso de $45.000",
        ),
        (
            english(input(vec![auto_cancelled()])),
            "Order #1042 cancelled",
            "Order #1042 was cancelled for lack of attention; refund of $450.00",
        ),
        (
            english(chile(input(vec![auto_cancelled()]))),
            "Order #1042 cancelled",
            "Order #1042 was cancelled for lack of attention; refund of $45.000",
        ),
    ];
    for (input, title, body) in cases {
        let n = only(input, &[NewOrder], 1200);
        assert_eq!(
            (n.title.as_str(), n.body.as_str()),
            (title, body),
            "auto-cancelled text"
        );
        assert!(
            n.actions.is_empty(),
            "nothing to prepare on a cancelled order"
        );
    }
}

#[test]
fn an_error_notice_says_what_went_wrong() {
    let mut order = pending();
    order.error = Some(OrderError {
        code: OrderErrorCode::DocumentError,
        message: "RFC inválido".into(),
        retryable: true,
    });
    let n = only(input(vec![order.clone()]), &[NewOrder], 10);
    assert_eq!(n.title, "Pedido #1042 con error", "Spanish error title");
    assert_eq!(
        n.body, "No se pudo emitir un documento: RFC inválido",
        "the platform's words follow ours"
    );
    assert_eq!(
        n.actions[0].label, "Reintentar documento",
        "a document error offers a retry"
    );
    let n = only(english(input(vec![order])), &[NewOrder], 10);
    assert_eq!(
        n.body, "A document could not be issued: RFC inválido",
        "English error body"
    );
}
