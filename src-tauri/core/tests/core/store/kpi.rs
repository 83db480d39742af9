//! KPIs by the creation day in the store's timezone, including orders a minute either side of
//! local midnight in Mexico City (UTC−6) and Santiago (UTC−3 in November).

use chrono::NaiveDate;
use chrono_tz::Tz;
use mostrador_core::model::{Order, OrderStatus, PaymentStatus};
use mostrador_core::money::Currency;
use mostrador_core::store::{Store, kpi, orders};
use mostrador_core::view::{DayPoint, Kpis, Period};

use super::fixtures::{CL, MX, order, store_with, unpaid};

fn day(text: &str) -> NaiveDate {
    text.parse().expect("valid date")
}

fn kpis(store: &Store, period: Period, today: &str, tz: Tz) -> Kpis {
    store
        .read(|c| kpi::kpis(c, &period, day(today), tz, Currency::MXN))
        .expect("kpis read")
}

/// Paid 450.00 each unless changed; `late` at 23:59 local on the 20th, `early` at 00:01 on
/// the 21st, plus a cancelled-and-refunded order and an unpaid one on the 20th and one on the
/// 19th.
fn around_midnight(late: &str, early: &str, tz: Tz) -> Store {
    let mut cancelled = order(3, late);
    cancelled.status = OrderStatus::Cancelled;
    cancelled.refunded = cancelled.paid;
    cancelled.payment.status = PaymentStatus::Refunded;
    let mut kept = order(5, late);
    kept.status = OrderStatus::Cancelled;
    kept.paid = 10000;
    let list: Vec<Order> = vec![
        order(1, late),
        order(2, early),
        cancelled,
        unpaid(order(4, late)),
        kept,
        order(6, "2026-11-19T18:00:00Z"),
    ];
    store_with(&list, tz)
}

#[test]
fn a_minute_before_midnight_in_mexico_city_counts_for_that_day() {
    // 23:59 on the 20th in Mexico City is 05:59Z on the 21st.
    let store = around_midnight("2026-11-21T05:59:00Z", "2026-11-21T06:01:00Z", MX);
    let today = kpis(&store, Period::Today, "2026-11-20", MX);
    assert_eq!(
        (
            today.current.sales,
            today.current.orders,
            today.current.average_ticket
        ),
        (45000 + 10000, 2, 27500),
        "paid minus refunded of the 20th (a cancelled order's kept payment too), \
         counting the two orders that were not cancelled"
    );
    let tomorrow = kpis(&store, Period::Today, "2026-11-21", MX);
    assert_eq!(
        (tomorrow.current.sales, tomorrow.current.orders),
        (45000, 1),
        "00:01 local belongs to the 21st even though it is the same UTC day as 23:59"
    );
}

#[test]
fn a_minute_before_midnight_in_santiago_counts_for_that_day() {
    // Chile is on summer time (UTC−3) in November: 23:59 on the 20th is 02:59Z on the 21st.
    let store = around_midnight("2026-11-21T02:59:00Z", "2026-11-21T03:01:00Z", CL);
    let today = kpis(&store, Period::Today, "2026-11-20", CL);
    assert_eq!(
        (today.current.sales, today.current.orders),
        (55000, 2),
        "the 20th in Santiago"
    );
    let tomorrow = kpis(&store, Period::Today, "2026-11-21", CL);
    assert_eq!(
        (tomorrow.current.sales, tomorrow.current.orders),
        (45000, 1),
        "the 21st"
    );
}

#[test]
fn previous_is_the_same_number_of_days_just_before() {
    let store = around_midnight("2026-11-21T05:59:00Z", "2026-11-21T06:01:00Z", MX);
    let today = kpis(&store, Period::Today, "2026-11-20", MX);
    assert_eq!(
        (
            today.previous.from,
            today.previous.to,
            today.previous.sales,
            today.previous.orders
        ),
        (day("2026-11-19"), day("2026-11-19"), 45000, 1),
        "yesterday, with its one order"
    );
    let week = kpis(&store, Period::Last7Days, "2026-11-21", MX);
    assert_eq!(
        (week.current.from, week.previous.from, week.previous.to),
        (day("2026-11-15"), day("2026-11-08"), day("2026-11-14")),
        "seven days including today, then the seven before"
    );
    assert_eq!(
        (
            week.current.sales,
            week.current.orders,
            week.previous.orders
        ),
        (45000 * 3 + 10000, 4, 0),
        "the week holds every order; the week before holds none"
    );
}

#[test]
fn per_day_has_one_point_for_every_day_of_the_period() {
    let store = around_midnight("2026-11-21T05:59:00Z", "2026-11-21T06:01:00Z", MX);
    let week = kpis(&store, Period::Last7Days, "2026-11-21", MX);
    let tail: Vec<DayPoint> = week.per_day[4..].to_vec();
    assert_eq!(
        week.per_day.len(),
        7,
        "one point per day, quiet days included"
    );
    assert_eq!(
        tail,
        [
            DayPoint {
                date: day("2026-11-19"),
                sales: 45000,
                orders: 1
            },
            DayPoint {
                date: day("2026-11-20"),
                sales: 55000,
                orders: 2
            },
            DayPoint {
                date: day("2026-11-21"),
                sales: 45000,
                orders: 1
            },
        ],
        "the chart's last three days, oldest first"
    );
    assert_eq!(
        week.per_day[0].sales, 0,
        "a day without orders is a zero, not a gap"
    );
}

#[test]
fn periods_cover_the_month_and_custom_ranges_in_either_order() {
    let store = Store::open_in_memory().expect("opens");
    let month = kpis(&store, Period::ThisMonth, "2026-11-21", MX);
    assert_eq!(
        (month.current.from, month.per_day.len(), month.previous.from),
        (day("2026-11-01"), 21, day("2026-10-11")),
        "this month so far, compared with the 21 days before it"
    );
    let custom = Period::Custom {
        from: day("2026-11-10"),
        to: day("2026-11-01"),
    };
    let got = kpis(&store, custom, "2026-11-21", MX);
    assert_eq!(
        (got.current.from, got.current.to, got.current.average_ticket),
        (day("2026-11-01"), day("2026-11-10"), 0),
        "a reversed range is read forwards; no orders means an average of zero"
    );
    let month30 = kpis(&store, Period::Last30Days, "2026-11-21", MX);
    assert_eq!(
        month30.current.from,
        day("2026-10-23"),
        "thirty days including today"
    );
}

#[test]
fn overlays_and_new_versions_move_sales_between_days_consistently() {
    let store = store_with(&[order(1, "2026-11-20T18:00:00Z")], MX);
    let mut refunded = order(1, "2026-11-20T18:00:00Z");
    refunded.status = OrderStatus::Cancelled;
    refunded.refunded = 20000;
    refunded.version = 2;
    store
        .write(|tx| orders::set_overlay(tx, "ord_1", Some(&refunded), MX))
        .expect("overlay");
    let k = kpis(&store, Period::Today, "2026-11-20", MX);
    assert_eq!(
        (k.current.sales, k.current.orders),
        (25000, 0),
        "the optimistic cancel counts"
    );
    store
        .write(|tx| orders::set_overlay(tx, "ord_1", None, MX))
        .expect("cleared");
    let k = kpis(&store, Period::Today, "2026-11-20", MX);
    assert_eq!(
        (k.current.sales, k.current.orders),
        (45000, 1),
        "back to the server's figures"
    );
}
