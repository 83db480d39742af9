//! The counters and daily sales kept with each write always equal a recomputation from the
//! orders, whatever mix of upserts, stale versions and overlays came before.

use std::collections::BTreeMap;

use mostrador_core::model::{Order, OrderStatus, PaymentStatus};
use mostrador_core::store::{Store, local_day, orders, query};
use mostrador_core::view::Counts;
use proptest::prelude::*;

use super::fixtures::{MX, order};

/// One step: 0 = server upsert, 1 = overlay, 2 = clear overlay; then which order, status,
/// payment, error, version step (0 = stale), day and refund.
type Step = (u8, usize, usize, usize, bool, i64, u32, i64);

fn step() -> impl Strategy<Value = Step> {
    (
        0u8..3,
        0usize..6,
        0usize..7,
        0usize..4,
        any::<bool>(),
        0i64..3,
        0u32..3,
        0i64..3,
    )
}

fn shaped(id: usize, s: &Step, version: i64) -> Order {
    let (_, _, status, payment, error, _, day, refund) = *s;
    let mut o = order(id as u32, &format!("2026-11-{:02}T23:30:00Z", 18 + day));
    o.version = version;
    o.status = [OrderStatus::ALL, &[OrderStatus::Unknown]].concat()[status];
    o.payment.status = PaymentStatus::ALL[payment];
    if o.payment.status == PaymentStatus::Unpaid {
        o.paid = 0;
    }
    o.refunded = (o.paid / 4) * refund;
    o.error = error.then(|| mostrador_core::model::OrderError {
        code: mostrador_core::model::OrderErrorCode::ApiError,
        message: String::new(),
        retryable: true,
    });
    o
}

fn apply(store: &Store, versions: &mut BTreeMap<usize, i64>, s: &Step) {
    let (kind, id, ..) = *s;
    let cached = versions.get(&id).copied();
    let result = match (kind, cached) {
        (0, _) | (_, None) => {
            let version = cached.unwrap_or(0) + s.5;
            let o = shaped(id, s, version.max(1));
            if cached.is_none_or(|v| version > v) {
                versions.insert(id, version.max(1));
            }
            store.write(|tx| orders::upsert_server(tx, &[o], MX).map(|_| ()))
        }
        (1, Some(v)) => {
            let o = shaped(id, s, v + 1);
            store.write(|tx| orders::set_overlay(tx, &format!("ord_{id}"), Some(&o), MX))
        }
        _ => store.write(|tx| orders::set_overlay(tx, &format!("ord_{id}"), None, MX)),
    };
    result.expect("every step is a valid write");
}

/// Counts and per-day (sales, orders) computed from the displayed orders one by one.
fn recomputed(
    store: &Store,
    ids: impl Iterator<Item = usize>,
) -> (Counts, BTreeMap<String, (i64, i64)>) {
    let mut c = Counts::default();
    let mut days = BTreeMap::new();
    for id in ids {
        let o = store
            .read(|conn| orders::get(conn, &format!("ord_{id}")))
            .expect("reads")
            .expect("every written order is cached");
        let cancelled = o.status == OrderStatus::Cancelled;
        c.all += 1;
        match o.status {
            OrderStatus::Pending => c.pending += 1,
            OrderStatus::Preparing => c.preparing += 1,
            OrderStatus::Ready => c.ready += 1,
            OrderStatus::Shipped => c.shipped += 1,
            OrderStatus::Delivered => c.delivered += 1,
            OrderStatus::Cancelled => c.cancelled += 1,
            OrderStatus::Unknown => {}
        }
        c.unpaid += i64::from(o.payment.status == PaymentStatus::Unpaid && !cancelled);
        c.incomplete += i64::from(!cancelled && o.status != OrderStatus::Delivered);
        c.with_error += i64::from(o.error.is_some());
        let entry = days
            .entry(local_day(o.created_at, MX).to_string())
            .or_insert((0, 0));
        entry.0 += o.paid - o.refunded;
        entry.1 += i64::from(!cancelled);
    }
    (c, days)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn counters_and_daily_sales_equal_a_recomputation(steps in prop::collection::vec(step(), 1..40)) {
        let store = Store::open_in_memory().expect("opens");
        let mut versions = BTreeMap::new();
        for s in &steps {
            apply(&store, &mut versions, s);
        }
        let (want_counts, want_days) = recomputed(&store, versions.keys().copied());
        let got = store.read(query::counts).expect("counts");
        prop_assert_eq!(got, want_counts, "counters kept in each write equal a recount");
        let got_days: BTreeMap<String, (i64, i64)> = store
            .read(|c| {
                let mut stmt = c.prepare("SELECT day, sales, orders FROM daily")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
                Ok(rows.collect::<rusqlite::Result<BTreeMap<String, (i64, i64)>>>()?)
            })
            .expect("daily reads");
        let got_days: BTreeMap<_, _> = got_days.into_iter().filter(|(_, v)| *v != (0, 0)).collect();
        let want_days: BTreeMap<_, _> = want_days.into_iter().filter(|(_, v)| *v != (0, 0)).collect();
        prop_assert_eq!(got_days, want_days, "daily sales kept in each write equal a recomputation");
    }
}
