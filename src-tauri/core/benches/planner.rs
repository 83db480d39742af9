//! Attention planning over a large cache: 100,000 cached orders, 1,000 of them pending.
//!
//! `cargo bench -p mostrador-core --bench planner`
//!
//! - `attention/tick_steady`: one full pass as the scheduler runs it after a sync — load the
//!   candidates from SQLite, plan, write the ledger, notify — with the ledger already holding
//!   what was announced (the common case: nothing or little is due).
//! - `attention/tick_reminders_due`: the same, at an instant where a reminder is due for ~50
//!   orders (a burst, one summary written and ~50 ledger rows).
//! - `attention/plan_only_*`: the pure planner over 1,000 pending candidates in memory.
// Tests and benchmarks: a panic with its message is how they fail, and they read real time
// against real servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use mostrador_core::attention::{Attention, Candidate, Notice, Notifier, PlanInput, plan};
use mostrador_core::clock::ManualClock;
use mostrador_core::model::{self, AttentionPolicy, Locale, Order, OrderStatus, StatusLabels};
use mostrador_core::money::{Currency, Money};
use mostrador_core::store::{Store, meta, orders};
use mostrador_core::view::Settings;

const CACHED: u32 = 100_000;
const PENDING: u32 = 1_000;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 20, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A notifier that drops everything (the bench measures the core, not the platform).
struct Silent;

impl Notifier for Silent {
    fn notify(&self, _notice: &Notice) {}
}

fn shop() -> model::Shop {
    serde_json::from_value(serde_json::json!({
        "id": "store_1", "name": "Panadería La Espiga", "currency": "MXN",
        "timezone": "America/Mexico_City", "locale": "es-MX",
    }))
    .unwrap_or_else(|e| panic!("sample store: {e}"))
}

/// Order `n`: the last PENDING are pending, spread over the last 20 minutes; the rest are spread
/// over 60 days, mostly delivered, every 50th with an error, every 20th cancelled by the platform.
fn order(n: u32) -> Order {
    let pending = n >= CACHED - PENDING;
    let created = if pending {
        now() - Duration::seconds(i64::from(CACHED - n) * 1200 / i64::from(PENDING))
    } else {
        now() - Duration::days(60) + Duration::seconds(i64::from(n) * 51)
    };
    let status = if pending {
        "pending"
    } else if n.is_multiple_of(20) {
        "cancelled"
    } else {
        "delivered"
    };
    let mut json = serde_json::json!({
        "id": format!("ord_{n:06}"), "number": (10_000 + n).to_string(), "version": 1, "seq": n + 1,
        "status": status, "fulfillment": "pickup",
        "created_at": created, "updated_at": created,
        "customer": { "name": "Ana Pérez" },
        "currency": "MXN", "total": 45000, "paid": 45000, "refunded": 0,
        "payment": { "method": "card", "status": "paid" },
        "items": [ { "sku": "PAN-001", "name": "Concha", "quantity": 10, "unit_price": 1500, "total": 15000 } ],
    });
    if pending {
        json["auto_cancel_at"] = serde_json::json!(created + Duration::seconds(1200));
    }
    if n % 50 == 7 {
        json["error"] =
            serde_json::json!({ "code": "oversell", "message": "Sin stock", "retryable": false });
    }
    if status == "cancelled" {
        json["cancellation"] = serde_json::json!({
            "reason": "Sin atención", "refund_amount": 45000, "by": "auto",
            "at": created + Duration::seconds(1200),
        });
    }
    serde_json::from_value(json).unwrap_or_else(|e| panic!("bench order: {e}"))
}

fn fill(store: &Store) {
    let tz = shop().tz();
    store
        .write(|tx| {
            meta::set_store(tx, &shop())?;
            orders::begin_bulk(tx)
        })
        .unwrap_or_else(|e| panic!("store: {e}"));
    let all: Vec<Order> = (0..CACHED).map(order).collect();
    for chunk in all.chunks(5_000) {
        store
            .write(|tx| orders::upsert_server(tx, chunk, tz).map(|_| ()))
            .unwrap_or_else(|e| panic!("upsert: {e}"));
    }
    store
        .write(|tx| orders::end_bulk(tx))
        .unwrap_or_else(|e| panic!("end bulk: {e}"));
}

fn bench_tick(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let store =
        Arc::new(Store::open(dir.path().join("bench.db")).unwrap_or_else(|e| panic!("open: {e}")));
    fill(&store);
    let clock = Arc::new(ManualClock::new(now()));
    let attention = Attention::new(store, Arc::new(Silent), clock.clone());
    // The first pass announces the backlog once; every later pass at `now` finds nothing new.
    attention.set_first_sync(true);
    attention.set_first_sync(false);
    let backlog = attention.tick().unwrap_or_else(|e| panic!("tick: {e}"));
    assert_eq!(backlog.len(), 1, "the first pass is one backlog summary");
    c.bench_function("attention/tick_steady", |b| {
        b.iter(|| attention.tick().unwrap_or_else(|e| panic!("tick: {e}")))
    });
    // Each iteration moves the clock one minute on: about 50 orders cross a step.
    let mut minute = 0;
    c.bench_function("attention/tick_reminders_due", |b| {
        b.iter(|| {
            minute += 1;
            clock.set(now() + Duration::minutes(minute));
            attention.tick().unwrap_or_else(|e| panic!("tick: {e}"))
        })
    });
}

fn candidates() -> Vec<Candidate> {
    (0..PENDING)
        .map(|i| Candidate {
            id: format!("ord_{i:06}"),
            number: (10_000 + i).to_string(),
            status: OrderStatus::Pending,
            created_at: now() - Duration::seconds(i64::from(i) * 1200 / i64::from(PENDING)),
            auto_cancel_at: None,
            customer_name: "Ana Pérez".into(),
            total: Money::new(45_000, Currency::MXN),
            error: None,
            cancellation: None,
        })
        .collect()
}

fn bench_plan(c: &mut Criterion) {
    let mut input = PlanInput {
        orders: candidates(),
        failed_actions: Vec::new(),
        policy: AttentionPolicy::default(),
        timezone: chrono_tz::America::Mexico_City,
        locale: Locale::EsMx,
        labels: StatusLabels::default(),
        announced: HashMap::new(),
        settings: Settings::default(),
        first_sync: false,
    };
    c.bench_function("attention/plan_only_all_due", |b| {
        b.iter(|| plan(&input, now()))
    });
    let first = plan(&input, now());
    for r in &first.record {
        input
            .announced
            .entry(r.subject.clone())
            .or_default()
            .insert(r.kind);
    }
    c.bench_function("attention/plan_only_steady", |b| {
        b.iter(|| plan(&input, now()))
    });
}

criterion_group!(benches, bench_tick, bench_plan);
criterion_main!(benches);
