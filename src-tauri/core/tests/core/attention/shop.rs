//! A store in SQLite with real orders, for the ledger and scheduler tests.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use mostrador_core::attention::{Attention, RecordingNotifier};
use mostrador_core::clock::ManualClock;
use mostrador_core::model::{self, Actor, Cancellation, Order, OrderStatus};
use mostrador_core::store::{Store, meta, orders};

use super::support::t0;

/// API.md's sample store: Panadería La Espiga, MXN, Mexico City, reminders 300/600, warning 900,
/// auto-cancel 1200.
pub fn shop() -> model::Shop {
    serde_json::from_value(serde_json::json!({
        "id": "store_1", "name": "Panadería La Espiga", "currency": "MXN",
        "timezone": "America/Mexico_City", "locale": "es-MX",
    }))
    .expect("the sample store decodes")
}

/// Pending order `n` (#1000+n), $450.00, placed at `t0 + created_s`.
pub fn order(n: u32, created_s: i64) -> Order {
    let created = t0() + Duration::seconds(created_s);
    serde_json::from_value(serde_json::json!({
        "id": format!("ord_{n}"), "number": (1000 + n).to_string(), "version": 1, "seq": n,
        "status": "pending", "fulfillment": "pickup",
        "created_at": created, "updated_at": created,
        "auto_cancel_at": created + Duration::seconds(1200),
        "customer": { "name": "Ana Pérez" },
        "currency": "MXN", "total": 45000, "paid": 45000, "refunded": 0,
        "payment": { "method": "card", "status": "paid" },
    }))
    .expect("the test order decodes")
}

/// `o` one version later, in `status`.
pub fn moved(o: &Order, status: OrderStatus) -> Order {
    let mut next = o.clone();
    next.status = status;
    next.version += 1;
    next.seq += 100_000;
    if status != OrderStatus::Pending {
        next.auto_cancel_at = None;
    }
    next
}

/// `o` cancelled by `by` at `at` with a full refund.
pub fn cancelled(o: &Order, by: Actor, at: DateTime<Utc>) -> Order {
    let mut next = moved(o, OrderStatus::Cancelled);
    next.refunded = next.paid;
    next.cancellation = Some(Cancellation {
        reason: "Sin atención".into(),
        refund_amount: next.paid,
        by,
        at,
        refund: None,
    });
    next
}

/// Writes the store and `list` into `store`.
pub fn put(store: &Store, list: &[Order]) {
    let tz = shop().tz();
    store
        .write(|tx| {
            meta::set_store(tx, &shop())?;
            orders::upsert_server(tx, list, tz).map(|_| ())
        })
        .expect("writing test orders into the cache");
}

/// A desk's attention engine over a store file in `dir` (or in memory), a recorder and a
/// manual clock at [`t0`].
pub struct Rig {
    pub store: Arc<Store>,
    pub notifier: Arc<RecordingNotifier>,
    pub clock: Arc<ManualClock>,
    pub attention: Arc<Attention>,
}

impl Rig {
    pub fn in_memory() -> Rig {
        Rig::over(Arc::new(
            Store::open_in_memory().expect("an in-memory store opens"),
        ))
    }

    pub fn at_path(path: &Path) -> Rig {
        Rig::over(Arc::new(Store::open(path).expect("the store file opens")))
    }

    fn over(store: Arc<Store>) -> Rig {
        let notifier = Arc::new(RecordingNotifier::default());
        let clock = Arc::new(ManualClock::new(t0()));
        let attention = Arc::new(Attention::new(
            store.clone(),
            notifier.clone(),
            clock.clone(),
        ));
        Rig {
            store,
            notifier,
            clock,
            attention,
        }
    }

    /// Sets the clock to `t0 + s` and runs one pass; the (order, kind) of what it showed.
    pub fn tick_at(&self, s: i64) -> Vec<(Option<String>, mostrador_core::attention::NoticeKind)> {
        self.clock.set(t0() + Duration::seconds(s));
        let shown = self.attention.tick().expect("an attention pass succeeds");
        shown.into_iter().map(|n| (n.order_id, n.kind)).collect()
    }
}
