//! Queuing: validation before anything is written, one row per action, the optimistic change
//! in the same transaction, and what a double submit does.

use chrono::Duration;
use mostrador_core::ErrorCode;
use mostrador_core::model::OrderStatus;
use mostrador_core::outbox::{self, queue, request_for};
use mostrador_core::store::orders;
use mostrador_core::view::ActionKind;

use super::fixtures::{cache_with, order, t0};

fn advance(to: OrderStatus) -> ActionKind {
    ActionKind::Advance { to }
}

fn cancel(reason: &str, refund: i64) -> ActionKind {
    ActionKind::Cancel {
        reason: reason.into(),
        refund_amount: refund,
    }
}

#[test]
fn bad_input_is_refused_with_its_code_and_queues_nothing() {
    let created = t0() - Duration::hours(1);
    let cases = [
        (
            OrderStatus::Pending,
            advance(OrderStatus::Ready),
            t0(),
            ErrorCode::NotAllowed,
        ),
        (
            OrderStatus::Ready,
            advance(OrderStatus::Shipped),
            t0(),
            ErrorCode::NotAllowed,
        ),
        (
            OrderStatus::Pending,
            cancel("   ", 100),
            t0(),
            ErrorCode::InvalidInput,
        ),
        (
            OrderStatus::Pending,
            cancel(&"x".repeat(501), 100),
            t0(),
            ErrorCode::InvalidInput,
        ),
        (
            OrderStatus::Pending,
            cancel("Sin stock", -1),
            t0(),
            ErrorCode::InvalidInput,
        ),
        (
            OrderStatus::Pending,
            cancel("Sin stock", 45001),
            t0(),
            ErrorCode::RefundTooLarge,
        ),
        (
            OrderStatus::Cancelled,
            cancel("Sin stock", 0),
            t0(),
            ErrorCode::NotAllowed,
        ),
        (
            OrderStatus::Pending,
            cancel("Sin stock", 100),
            created + Duration::days(15) + Duration::seconds(1),
            ErrorCode::CancelWindowClosed,
        ),
        (
            OrderStatus::Pending,
            ActionKind::RetryDocument {
                document_id: "doc_9".into(),
            },
            t0(),
            ErrorCode::NotFound,
        ),
    ];
    for (status, kind, backend_now, want) in cases {
        let mut o = order("ord_1", status);
        o.created_at = created;
        let cache = cache_with(&[o]);
        let err = cache
            .write(|tx| outbox::enqueue(tx, "ord_1", kind.clone(), t0(), backend_now))
            .expect_err("invalid input must be refused");
        assert_eq!(
            err.code, want,
            "{kind:?} on a {status:?} order: {}",
            err.text.es
        );
        let rows = cache.read(queue::all).expect("outbox readable");
        assert!(
            rows.is_empty(),
            "{kind:?}: a refused action must queue nothing"
        );
    }
}

#[test]
fn the_cancel_window_follows_the_backend_clock_not_the_device() {
    let cache = cache_with(&[order("ord_1", OrderStatus::Pending)]);
    let created = order("ord_1", OrderStatus::Pending).created_at;
    let device_now = created + Duration::days(1);
    let backend_now = created + Duration::days(16);
    let err = cache
        .write(|tx| outbox::enqueue(tx, "ord_1", cancel("Sin stock", 0), device_now, backend_now))
        .expect_err("the backend says the window closed");
    assert_eq!(
        err.code,
        ErrorCode::CancelWindowClosed,
        "a device clock set back cannot reopen it"
    );
}

#[test]
fn an_action_writes_its_row_and_the_optimistic_order_together() {
    let cache = cache_with(&[order("ord_1", OrderStatus::Pending)]);
    let action = cache
        .write(|tx| outbox::enqueue(tx, "ord_1", advance(OrderStatus::Preparing), t0(), t0()))
        .expect("a valid advance is queued");
    assert_eq!(
        uuid::Uuid::parse_str(&action.id)
            .map(|u| u.get_version_num())
            .ok(),
        Some(4),
        "the key is a UUID v4"
    );
    assert_eq!(
        action.body,
        br#"{"expected_version":3,"to":"preparing"}"#.to_vec(),
        "the first action carries the version the owner saw"
    );
    let shown = cache
        .read(|c| orders::get(c, "ord_1"))
        .expect("readable")
        .expect("cached");
    assert_eq!(
        shown.status,
        OrderStatus::Preparing,
        "the owner sees the optimistic state at once"
    );
    let server = cache
        .read(|c| orders::get_server(c, "ord_1"))
        .expect("readable")
        .expect("cached");
    assert_eq!(
        server.status,
        OrderStatus::Pending,
        "the server's state is kept apart for rollback"
    );
}

#[test]
fn a_second_advance_queued_behind_the_first_carries_no_stale_version() {
    let cache = cache_with(&[order("ord_1", OrderStatus::Pending)]);
    cache
        .write(|tx| outbox::enqueue(tx, "ord_1", advance(OrderStatus::Preparing), t0(), t0()))
        .expect("preparing is allowed from pending");
    let second = cache
        .write(|tx| outbox::enqueue(tx, "ord_1", advance(OrderStatus::Ready), t0(), t0()))
        .expect("ready is allowed from the optimistic preparing");
    let (_, body) = request_for("ord_1", &advance(OrderStatus::Ready), None);
    assert_eq!(
        second.body, body,
        "version 3 will be stale once the first applies, so none is sent"
    );
    let shown = cache
        .read(|c| orders::get(c, "ord_1"))
        .expect("readable")
        .expect("cached");
    assert_eq!(shown.status, OrderStatus::Ready, "both queued moves show");
}

#[test]
fn a_double_submit_makes_one_action_and_a_second_cancellation_is_refused() {
    let cache = cache_with(&[order("ord_1", OrderStatus::Pending)]);
    let first = cache
        .write(|tx| outbox::enqueue(tx, "ord_1", advance(OrderStatus::Preparing), t0(), t0()))
        .expect("queued");
    let again = cache
        .write(|tx| outbox::enqueue(tx, "ord_1", advance(OrderStatus::Preparing), t0(), t0()))
        .expect("a double tap is not an error");
    assert_eq!(
        first.id, again.id,
        "a double tap returns the queued action, not a new one"
    );
    let c1 = cache
        .write(|tx| outbox::enqueue(tx, "ord_1", cancel("Sin stock", 45000), t0(), t0()))
        .expect("a cancellation may follow an advance");
    let same = cache
        .write(|tx| outbox::enqueue(tx, "ord_1", cancel("Sin stock", 45000), t0(), t0()))
        .expect("the same cancellation again is the same action");
    assert_eq!(c1.id, same.id, "a double tap on Cancelar makes one refund");
    let err = cache
        .write(|tx| outbox::enqueue(tx, "ord_1", cancel("Otra razón", 100), t0(), t0()))
        .expect_err("a different second cancellation is refused");
    assert_eq!(
        err.code,
        ErrorCode::AlreadyQueued,
        "one open cancellation per order: {}",
        err.text.es
    );
    let rows = cache.read(queue::all).expect("readable");
    assert_eq!(
        rows.len(),
        2,
        "one advance and one cancellation, nothing more"
    );
}
