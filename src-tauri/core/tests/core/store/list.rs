//! Every filter of the list against a hand-made set of eight orders, and keyset paging.

use mostrador_core::ErrorCode;
use mostrador_core::model::{
    Fulfillment, Order, OrderError, OrderErrorCode, OrderStatus, PaymentStatus,
};
use mostrador_core::store::{Store, query};
use mostrador_core::view::OrderQuery;

use super::fixtures::{MX, at, order, store_with, unpaid};

/// Status, fulfilment, paid, error, warehouse, tags.
type Shape = (
    OrderStatus,
    Fulfillment,
    bool,
    bool,
    Option<&'static str>,
    &'static [&'static str],
);

/// Numbers 1001..1008, created an hour apart from 10:00Z on 2026-11-20:
///
/// | n | status    | fulfilment | payment  | error | warehouse | tags      |
/// |---|-----------|------------|----------|-------|-----------|-----------|
/// | 1 | pending   | pickup     | paid     |       | Centro    | web       |
/// | 2 | preparing | delivery   | unpaid   |       | Norte     | web, vip  |
/// | 3 | ready     | pickup     | paid     | yes   | Centro    |           |
/// | 4 | shipped   | parcel     | paid     |       |           | vip       |
/// | 5 | delivered | delivery   | paid     |       | Norte     |           |
/// | 6 | cancelled | pickup     | unpaid   |       |           | web       |
/// | 7 | cancelled | parcel     | refunded |       |           |           |
/// | 8 | pending   | delivery   | unpaid   | yes   | Centro    |           |
fn desk() -> Store {
    use Fulfillment::*;
    use OrderStatus::*;
    let rows: [Shape; 8] = [
        (Pending, Pickup, true, false, Some("Centro"), &["web"]),
        (
            Preparing,
            Delivery,
            false,
            false,
            Some("Norte"),
            &["web", "vip"],
        ),
        (Ready, Pickup, true, true, Some("Centro"), &[]),
        (Shipped, Parcel, true, false, None, &["vip"]),
        (Delivered, Delivery, true, false, Some("Norte"), &[]),
        (Cancelled, Pickup, false, false, None, &["web"]),
        (Cancelled, Parcel, true, false, None, &[]),
        (Pending, Delivery, false, true, Some("Centro"), &[]),
    ];
    let list: Vec<Order> = rows
        .iter()
        .enumerate()
        .map(|(i, (status, fulfillment, paid, error, warehouse, tags))| {
            let n = i as u32 + 1;
            let mut o = order(n, &format!("2026-11-20T{:02}:00:00Z", 9 + n));
            if !paid {
                o = unpaid(o);
            }
            o.status = *status;
            o.fulfillment = *fulfillment;
            o.warehouse = warehouse.map(str::to_string);
            o.tags = tags.iter().map(|t| t.to_string()).collect();
            o.error = error.then(|| OrderError {
                code: OrderErrorCode::Oversell,
                message: "Sin stock".into(),
                retryable: false,
            });
            o
        })
        .collect();
    let mut list = list;
    list[6].refunded = list[6].paid;
    list[6].payment.status = PaymentStatus::Refunded;
    store_with(&list, MX)
}

/// Order numbers (minus 1000) of the page for `q`.
fn numbers(store: &Store, q: &OrderQuery) -> Vec<u32> {
    let page = store
        .read(|c| query::list(c, q, MX))
        .expect("the list reads");
    page.orders
        .iter()
        .map(|o| o.number.parse::<u32>().expect("numeric") - 1000)
        .collect()
}

fn q() -> OrderQuery {
    OrderQuery::default()
}

#[test]
fn with_no_filter_every_order_comes_newest_first() {
    assert_eq!(
        numbers(&desk(), &q()),
        [8, 7, 6, 5, 4, 3, 2, 1],
        "newest first"
    );
}

#[test]
fn a_set_of_statuses_keeps_orders_in_any_of_them() {
    let store = desk();
    let one = OrderQuery {
        statuses: vec![OrderStatus::Pending],
        ..q()
    };
    assert_eq!(numbers(&store, &one), [8, 1], "only the two pending orders");
    let two = OrderQuery {
        statuses: vec![OrderStatus::Pending, OrderStatus::Ready],
        ..q()
    };
    assert_eq!(
        numbers(&store, &two),
        [8, 3, 1],
        "pending or ready, still newest first"
    );
}

#[test]
fn a_set_of_fulfilments_keeps_orders_in_any_of_them() {
    let store = desk();
    let pickup = OrderQuery {
        fulfillments: vec![Fulfillment::Pickup],
        ..q()
    };
    assert_eq!(numbers(&store, &pickup), [6, 3, 1], "pickup orders only");
    let ships = OrderQuery {
        fulfillments: vec![Fulfillment::Delivery, Fulfillment::Parcel],
        ..q()
    };
    assert_eq!(numbers(&store, &ships), [8, 7, 5, 4, 2], "orders that ship");
}

#[test]
fn unpaid_means_not_paid_and_not_cancelled_like_its_counter() {
    let store = desk();
    let unpaid = OrderQuery {
        paid: Some(false),
        ..q()
    };
    assert_eq!(
        numbers(&store, &unpaid),
        [8, 2],
        "a cancelled unpaid order is not owed money"
    );
    let counts = store.read(query::counts).expect("counts");
    assert_eq!(counts.unpaid, 2, "the sin pagar counter matches the filter");
    let paid = OrderQuery {
        paid: Some(true),
        ..q()
    };
    assert_eq!(
        numbers(&store, &paid),
        [7, 5, 4, 3, 1],
        "anything that was paid"
    );
}

#[test]
fn the_error_filter_keeps_or_drops_error_orders() {
    let store = desk();
    let with = OrderQuery {
        has_error: Some(true),
        ..q()
    };
    assert_eq!(numbers(&store, &with), [8, 3], "error orders only");
    let without = OrderQuery {
        has_error: Some(false),
        ..q()
    };
    assert_eq!(
        numbers(&store, &without),
        [7, 6, 5, 4, 2, 1],
        "orders without errors"
    );
}

#[test]
fn incomplete_means_neither_delivered_nor_cancelled() {
    let store = desk();
    let open = OrderQuery {
        incomplete: Some(true),
        ..q()
    };
    assert_eq!(
        numbers(&store, &open),
        [8, 4, 3, 2, 1],
        "orders still to complete"
    );
    let done = OrderQuery {
        incomplete: Some(false),
        ..q()
    };
    assert_eq!(numbers(&store, &done), [7, 6, 5], "delivered or cancelled");
}

#[test]
fn warehouse_and_tag_filters_match_exactly() {
    let store = desk();
    let centro = OrderQuery {
        warehouse: Some("Centro".into()),
        ..q()
    };
    assert_eq!(
        numbers(&store, &centro),
        [8, 3, 1],
        "orders of Bodega Centro"
    );
    let web = OrderQuery {
        tag: Some("web".into()),
        ..q()
    };
    assert_eq!(numbers(&store, &web), [6, 2, 1], "orders tagged web");
    let vip = OrderQuery {
        tag: Some("vip".into()),
        ..q()
    };
    assert_eq!(numbers(&store, &vip), [4, 2], "orders tagged vip");
    let none = OrderQuery {
        tag: Some("we".into()),
        ..q()
    };
    assert!(
        numbers(&store, &none).is_empty(),
        "a tag is matched whole, not as a prefix"
    );
}

#[test]
fn a_date_range_includes_its_start_and_excludes_its_end() {
    let range = OrderQuery {
        created_from: Some(at("2026-11-20T12:00:00Z")),
        created_to: Some(at("2026-11-20T15:00:00Z")),
        ..q()
    };
    assert_eq!(
        numbers(&desk(), &range),
        [5, 4, 3],
        "12:00, 13:00 and 14:00 but not 15:00"
    );
}

#[test]
fn filters_combine_with_and() {
    let store = desk();
    let combo = OrderQuery {
        statuses: vec![OrderStatus::Pending],
        warehouse: Some("Centro".into()),
        has_error: Some(true),
        ..q()
    };
    assert_eq!(
        numbers(&store, &combo),
        [8],
        "pending, in Centro and with an error"
    );
    let tag_unpaid = OrderQuery {
        tag: Some("web".into()),
        paid: Some(false),
        ..q()
    };
    assert_eq!(
        numbers(&store, &tag_unpaid),
        [2],
        "tagged web and owing money"
    );
}

#[test]
fn keyset_pages_cover_every_order_once_and_end_with_no_cursor() {
    let store = desk();
    let mut seen = Vec::new();
    let mut after = None;
    for _ in 0..5 {
        let page = store
            .read(|c| {
                query::list(
                    c,
                    &OrderQuery {
                        limit: Some(3),
                        after: after.clone(),
                        ..q()
                    },
                    MX,
                )
            })
            .expect("a page");
        seen.push(
            page.orders
                .iter()
                .map(|o| o.number.clone())
                .collect::<Vec<_>>(),
        );
        after = page.next;
        if after.is_none() {
            break;
        }
    }
    assert_eq!(
        seen,
        [
            vec!["1008", "1007", "1006"],
            vec!["1005", "1004", "1003"],
            vec!["1002", "1001"]
        ],
        "three pages, newest first, nothing repeated or skipped, the last without a cursor"
    );
}

#[test]
fn keyset_paging_works_under_a_tag_filter() {
    let store = desk();
    let first = store
        .read(|c| {
            query::list(
                c,
                &OrderQuery {
                    tag: Some("web".into()),
                    limit: Some(2),
                    ..q()
                },
                MX,
            )
        })
        .expect("first page");
    let next = OrderQuery {
        tag: Some("web".into()),
        limit: Some(2),
        after: first.next,
        ..q()
    };
    assert_eq!(
        numbers(&store, &next),
        [1],
        "the second page continues after order 2"
    );
}

#[test]
fn a_cursor_the_core_did_not_hand_out_is_refused() {
    let store = desk();
    let bad = OrderQuery {
        after: Some("not-a-cursor".into()),
        ..q()
    };
    let err = store
        .read(|c| query::list(c, &bad, MX))
        .expect_err("refused");
    assert_eq!(
        err.code,
        ErrorCode::InvalidInput,
        "the UI reloads the list from the top"
    );
}

#[test]
fn a_list_row_carries_what_the_row_shows() {
    let store = desk();
    let page = store
        .read(|c| {
            query::list(
                c,
                &OrderQuery {
                    tag: Some("vip".into()),
                    ..q()
                },
                MX,
            )
        })
        .expect("lists");
    let row = &page.orders[1];
    assert_eq!(
        (
            row.id.as_str(),
            row.customer_name.as_str(),
            row.total,
            row.warehouse.as_deref()
        ),
        ("ord_2", "Ana Pérez", 45000, Some("Norte")),
        "id, customer, total and warehouse come from the typed columns"
    );
    assert_eq!(row.tags, ["web", "vip"], "tags keep their order");
    assert_eq!(
        row.payment_status,
        PaymentStatus::Unpaid,
        "payment status is shown"
    );
    assert_eq!(
        row.created_at,
        at("2026-11-20T11:00:00Z"),
        "creation time to the millisecond"
    );
}
