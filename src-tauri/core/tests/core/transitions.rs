//! The transition table of API.md, exhaustively: every status × status × fulfilment.

use mostrador_core::model::{Fulfillment, OrderStatus};
use mostrador_core::transitions::{
    can_cancel_status, is_allowed, next_statuses, next_statuses_for,
};

/// API.md's table, written out independently of the code.
fn expected(from: OrderStatus, to: OrderStatus, f: Fulfillment) -> bool {
    use Fulfillment::{Delivery, Parcel, Pickup};
    use OrderStatus::{Delivered, Pending, Preparing, Ready, Shipped};
    let any = f != Fulfillment::Unknown;
    let ships = matches!(f, Delivery | Parcel);
    match (from, to) {
        (Pending, Preparing) => any,
        (Preparing, Ready) => any,
        (Preparing, Shipped) => ships,
        (Ready, Shipped) => ships,
        (Ready, Delivered) => f == Pickup,
        (Shipped, Delivered) => ships,
        _ => false,
    }
}

fn all_statuses() -> Vec<OrderStatus> {
    [OrderStatus::ALL, &[OrderStatus::Unknown]].concat()
}

fn all_fulfillments() -> Vec<Fulfillment> {
    [Fulfillment::ALL, &[Fulfillment::Unknown]].concat()
}

#[test]
fn every_move_is_allowed_or_refused_exactly_as_api_md_says() {
    let mut allowed = 0;
    for f in all_fulfillments() {
        for from in all_statuses() {
            for to in all_statuses() {
                let want = expected(from, to, f);
                allowed += usize::from(want);
                assert_eq!(
                    is_allowed(from, to, f),
                    want,
                    "{from:?} → {to:?} for {f:?} must be {}",
                    if want { "allowed" } else { "refused" }
                );
            }
        }
    }
    assert_eq!(
        allowed,
        3 * 2 + 2 * 3 + 1,
        "the table has 13 allowed (move, fulfilment) pairs"
    );
}

#[test]
fn next_statuses_lists_every_allowed_move_usual_step_first() {
    use Fulfillment::{Delivery, Parcel, Pickup};
    use OrderStatus::{Cancelled, Delivered, Pending, Preparing, Ready, Shipped};
    let cases: [(OrderStatus, Fulfillment, &[OrderStatus]); 10] = [
        (Pending, Pickup, &[Preparing]),
        (Preparing, Pickup, &[Ready]),
        (Ready, Pickup, &[Delivered]),
        (Preparing, Delivery, &[Shipped, Ready]),
        (Ready, Delivery, &[Shipped]),
        (Shipped, Parcel, &[Delivered]),
        (Delivered, Pickup, &[]),
        (Cancelled, Delivery, &[]),
        (OrderStatus::Unknown, Pickup, &[]),
        (Pending, Fulfillment::Unknown, &[]),
    ];
    for (from, f, want) in cases {
        assert_eq!(
            next_statuses_for(from, f),
            want,
            "buttons for {from:?} {f:?}"
        );
    }
    for f in all_fulfillments() {
        for from in all_statuses() {
            let got = next_statuses_for(from, f);
            let want: Vec<_> = all_statuses()
                .into_iter()
                .filter(|to| expected(from, *to, f))
                .collect();
            let mut sorted = got.clone();
            sorted.sort();
            assert_eq!(
                sorted, want,
                "{from:?} {f:?}: every allowed move, and only those, is a button"
            );
        }
    }
}

#[test]
fn next_statuses_of_an_order_uses_its_status_and_fulfilment() {
    let mut o: mostrador_core::model::Order =
        serde_json::from_str(crate::store::SAMPLE_ORDER).expect("API.md's sample decodes");
    assert_eq!(
        next_statuses(&o),
        [OrderStatus::Preparing],
        "a pending pickup order is prepared next"
    );
    o.status = OrderStatus::Ready;
    assert_eq!(
        next_statuses(&o),
        [OrderStatus::Delivered],
        "a ready pickup order is handed over"
    );
}

#[test]
fn anything_but_a_cancelled_or_unknown_order_can_be_cancelled() {
    for status in all_statuses() {
        let want = !matches!(status, OrderStatus::Cancelled | OrderStatus::Unknown);
        assert_eq!(
            can_cancel_status(status),
            want,
            "cancelling from {status:?}"
        );
    }
}

/// A status or fulfilment by its wire name, refusing names that would only read as `Unknown`.
fn wire<T: serde::de::DeserializeOwned + serde::Serialize>(name: &str) -> T {
    let value: T = serde_json::from_value(serde_json::json!(name)).expect("a wire name");
    assert_eq!(
        serde_json::to_value(&value).expect("serialises"),
        serde_json::json!(name),
        "{name:?} in tests/fixtures/transitions.json is a wire name, not a typo read as unknown"
    );
    value
}

#[derive(serde::Deserialize)]
struct Move {
    from: String,
    to: String,
    fulfillment: String,
    allowed: bool,
}

#[derive(serde::Deserialize)]
struct Next {
    from: String,
    fulfillment: String,
    next: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Table {
    moves: Vec<Move>,
    next: Vec<Next>,
}

#[test]
fn the_shared_transition_table_reads_as_the_ui_reads_it() {
    let table: Table =
        serde_json::from_str(include_str!("../../../../tests/fixtures/transitions.json"))
            .expect("tests/fixtures/transitions.json holds moves and next");
    let mut listed_allowed = std::collections::BTreeSet::new();
    for m in &table.moves {
        let (from, to, f): (OrderStatus, OrderStatus, Fulfillment) =
            (wire(&m.from), wire(&m.to), wire(&m.fulfillment));
        assert_eq!(
            is_allowed(from, to, f),
            m.allowed,
            "{} → {} for {}: as the shared table (and the UI) says",
            m.from,
            m.to,
            m.fulfillment
        );
        if m.allowed {
            listed_allowed.insert((from, to, f));
        }
    }
    for f in all_fulfillments() {
        for from in all_statuses() {
            for to in all_statuses() {
                assert_eq!(
                    is_allowed(from, to, f),
                    listed_allowed.contains(&(from, to, f)),
                    "{from:?} → {to:?} for {f:?}: allowed exactly when the table lists it so"
                );
            }
        }
    }
    assert!(table.next.len() >= 10, "the table names the buttons");
    for n in &table.next {
        let want: Vec<OrderStatus> = n.next.iter().map(|s| wire(s)).collect();
        assert_eq!(
            next_statuses_for(wire(&n.from), wire(&n.fulfillment)),
            want,
            "the buttons of a {} {} order, usual next step first",
            n.from,
            n.fulfillment
        );
    }
}
