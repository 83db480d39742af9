//! Seeded randomized runs against the reference backend with faults on: random advances,
//! cancellations with partial and full refunds, document retries, payments taken at the
//! counter, staff notes, customer cancellations and offline spells. After the faults stop,
//! every action ends applied or rejected, none is lost, none applied twice (0 doubled
//! payments), Σ payments = paid ≤ total, and the cache equals the backend.
//!
//! `MOSTRADOR_FUZZ_RUNS=10000` runs more than the default 200 (printing its progress every 500
//! runs); `MOSTRADOR_FUZZ_SEED=N` replays one run; `MOSTRADOR_FUZZ_LANES=N` runs N lanes at
//! once instead of 4; `MOSTRADOR_FUZZ_FIRST=N` starts at seed N (to split a long mode over
//! processes).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use mostrador_core::ErrorCode;
use mostrador_core::attention::RecordingNotifier;
use mostrador_core::clock::SystemClock;
use mostrador_core::desk::{Desk, DeskConfig, MemoryTokenStore, Tuning};
use mostrador_core::model::{DocumentStatus, PaymentMethod};
use mostrador_core::outbox::queue;
use mostrador_core::store::Store;
use mostrador_core::view::ActionState;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use crate::desk::harness::Backend;

fn runs() -> Vec<u64> {
    if let Some(seed) = std::env::var("MOSTRADOR_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return vec![seed];
    }
    let var = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    };
    let n = var("MOSTRADOR_FUZZ_RUNS", 200);
    let first = var("MOSTRADOR_FUZZ_FIRST", 1);
    (first..first + n).collect()
}

fn random_order(rng: &mut StdRng) -> Value {
    let fulfillment = ["pickup", "delivery", "parcel"][rng.random_range(0..3)];
    let method = ["card", "cash", "transfer"][rng.random_range(0..3)];
    let total = rng.random_range(1..=900) * 100;
    // Cash and transfer orders are often unpaid: the counter takes their payments.
    let status = if method != "card" && rng.random_bool(0.6) {
        "unpaid"
    } else {
        "paid"
    };
    let mut documents = vec![];
    if rng.random_bool(0.5) {
        documents.push(json!({"kind": "receipt", "status": "error", "error": "SAT caído"}));
    }
    json!({
        "fulfillment": fulfillment, "total": total,
        "payment": {"method": method, "status": status},
        "documents": documents,
    })
}

fn faults(rng: &mut StdRng, seed: u64) -> Value {
    json!({
        "error_rate": rng.random_range(0.0..0.3),
        "rate_limit_rate": rng.random_range(0.0..0.2),
        "drop_after_commit_rate": rng.random_range(0.0..0.4),
        "document_retry_fail_rate": rng.random_range(0.0..0.5),
        "retry_after_s": 0,
        "seed": seed,
    })
}

async fn desk_for(backend: &Backend) -> Desk {
    let config = DeskConfig {
        data_dir: std::env::temp_dir(),
        clock: Arc::new(SystemClock),
        notifier: Arc::new(RecordingNotifier::default()),
        token_store: Arc::new(MemoryTokenStore::default()),
    };
    let store = Arc::new(Store::open_in_memory().expect("store"));
    let desk = Desk::with_store(store, config, Tuning::fast()).expect("desk");
    // Connecting is not what is tested: on a loaded machine the fast timeouts can expire, so
    // a connect that timed out is tried again (faults are off at this point).
    for attempt in 1.. {
        match desk
            .connect(&backend.server.base_url(), backend.server.token(), false)
            .await
        {
            Ok(_) => break,
            Err(err) if err.code == ErrorCode::Network && attempt < 5 => {}
            Err(err) => panic!("connect: {err:?}"),
        }
    }
    desk.sync_now().await.expect("first sync");
    desk
}

/// One owner (or customer, or network) move; returns the queued action's id, if any.
async fn step(
    rng: &mut StdRng,
    backend: &mut Backend,
    desk: &Desk,
    ids: &[String],
    knobs: &Value,
) -> Option<String> {
    let id = &ids[rng.random_range(0..ids.len())];
    let detail = desk.get_order(id).await.expect("cached order");
    let result = match rng.random_range(0..100) {
        0..30 => {
            let to = *detail.next_statuses.first()?;
            desk.advance(id, to).await
        }
        30..38 => {
            if !detail.can_pay {
                return None;
            }
            let amount = match rng.random_range(0..3) {
                0 => detail.due,
                _ => rng.random_range(1..=detail.due),
            };
            let method = PaymentMethod::ALL[rng.random_range(0..PaymentMethod::ALL.len())];
            let reference = rng.random_bool(0.3).then_some("SPEI 1234");
            desk.pay_minor(id, amount, method, reference).await
        }
        38..43 => {
            let text = ["Llamó, pasa a las 6", "Sin cebolla", "Pagará con $500"];
            desk.add_note(id, text[rng.random_range(0..text.len())])
                .await
        }
        43..55 => {
            let refundable = detail.cancel.refundable;
            let refund = match rng.random_range(0..3) {
                0 => refundable,
                1 => rng.random_range(0..=refundable),
                _ => 0,
            };
            desk.cancel_minor(id, "Sin stock", refund).await
        }
        55..70 => {
            let doc = detail
                .order
                .documents
                .iter()
                .find(|d| d.status == DocumentStatus::Error)?;
            desk.retry_document(id, &doc.id).await
        }
        70..76 => {
            if backend.server.is_running() {
                backend.customer_cancel(id).await;
            }
            return None;
        }
        76..84 => {
            if backend.server.is_running() {
                backend.server.stop();
            } else {
                backend.server.restart();
                backend.faults(knobs.clone()).await;
            }
            return None;
        }
        _ => {
            desk.sync_now().await.expect("a sync never errors locally");
            return None;
        }
    };
    match result {
        Ok(action) => Some(action.id),
        Err(err) => {
            let expected = [
                ErrorCode::NotAllowed,
                ErrorCode::AlreadyQueued,
                ErrorCode::CancelWindowClosed,
            ];
            assert!(
                expected.contains(&err.code),
                "only a stale-view refusal is expected here: {err:?}"
            );
            None
        }
    }
}

async fn settle(backend: &mut Backend, desk: &Desk) {
    if !backend.server.is_running() {
        backend.server.restart();
    }
    backend.faults(json!({})).await;
    for _ in 0..10 {
        let status = desk.sync_now().await.expect("sync");
        if status.pending_actions == 0 {
            return;
        }
    }
    panic!("actions still pending after the faults stopped");
}

async fn check(
    seed: u64,
    backend: &Backend,
    desk: &Desk,
    ids: &[String],
    accepted: &HashSet<String>,
) {
    let rows = desk.store().read(queue::all).expect("outbox");
    let states: HashMap<String, ActionState> =
        rows.iter().map(|a| (a.id.clone(), a.state)).collect();
    for id in accepted {
        let state = states.get(id);
        assert!(
            state.is_some(),
            "seed {seed}: accepted action {id} was lost"
        );
        assert_ne!(
            state,
            Some(&ActionState::Pending),
            "seed {seed}: action {id} never settled"
        );
    }
    let effects = backend.effects(None).await;
    let mut applied_keys: HashMap<String, usize> = HashMap::new();
    for key in effects.iter().filter_map(|e| e["idempotency_key"].as_str()) {
        *applied_keys.entry(key.to_string()).or_default() += 1;
    }
    for row in &rows {
        let times = applied_keys.get(&row.id).copied().unwrap_or(0);
        let want = usize::from(row.state == ActionState::Applied);
        assert_eq!(
            times, want,
            "seed {seed}: action {:?} ({:?}) applied {times} times",
            row.kind, row.state
        );
    }
    for id in ids {
        let order = backend.order(id).await;
        let cancels = effects
            .iter()
            .filter(|e| e["order_id"] == order.id.as_str() && e["kind"] == "cancellation")
            .count();
        assert!(
            cancels <= 1,
            "seed {seed}: order {} cancelled {cancels} times",
            order.number
        );
        assert!(
            order.refunded <= order.paid,
            "seed {seed}: order {} refunded more than paid",
            order.number
        );
        let collected: i64 = order.payments.iter().map(|p| p.amount).sum();
        assert_eq!(
            collected, order.paid,
            "seed {seed}: order {} paid must be the sum of its payments",
            order.number
        );
        assert!(
            collected <= order.total,
            "seed {seed}: order {} collected {collected} of a total {}",
            order.number,
            order.total
        );
        let notes = effects
            .iter()
            .filter(|e| e["order_id"] == order.id.as_str() && e["kind"] == "note")
            .count();
        assert_eq!(
            notes,
            order.staff_notes.len(),
            "seed {seed}: order {} has one note per applied note action",
            order.number
        );
        let cached = desk.get_order(&order.id).await.expect("cached").order;
        assert_eq!(
            cached, order,
            "seed {seed}: the cache must equal the backend once settled"
        );
    }
}

async fn one_run(seed: u64, backend: &mut Backend) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut ids = Vec::new();
    for _ in 0..rng.random_range(2..=5) {
        ids.push(backend.create_order(random_order(&mut rng)).await.id);
    }
    let desk = desk_for(backend).await;
    let knobs = faults(&mut rng, seed);
    backend.faults(knobs.clone()).await;
    let mut accepted = HashSet::new();
    for _ in 0..rng.random_range(4..=12) {
        if let Some(id) = step(&mut rng, backend, &desk, &ids, &knobs).await {
            accepted.insert(id);
        }
    }
    settle(backend, &desk).await;
    check(seed, backend, &desk, &ids, &accepted).await;
}

/// Runs finished so far, over every lane (a long mode prints its progress).
static DONE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Runs `seeds` one after another on one backend (each run has its own orders and a fresh
/// cache; sharing the backend saves its start-up, which dominates a small run).
async fn lane(seeds: Vec<u64>, total: usize, started: std::time::Instant) {
    let mut backend = Backend::spawn(0);
    for seed in seeds {
        one_run(seed, &mut backend).await;
        let done = DONE.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if total > 1000 && done.is_multiple_of(500) {
            eprintln!(
                "fuzz: {done}/{total} seeded runs passed in {:.0} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn randomized_runs_with_faults_lose_nothing_and_double_nothing() {
    // Lanes run at once, each on its own backend; a long mode may use more
    // (`MOSTRADOR_FUZZ_LANES`).
    let lanes_wanted = std::env::var("MOSTRADOR_FUZZ_LANES")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(4);
    let mut lanes = vec![Vec::new(); lanes_wanted];
    let seeds = runs();
    let total = seeds.len();
    for (i, seed) in seeds.into_iter().enumerate() {
        lanes[i % lanes_wanted].push(seed);
    }
    let started = std::time::Instant::now();
    futures_util::future::join_all(lanes.into_iter().map(|l| lane(l, total, started))).await;
    if total > 1000 {
        eprintln!(
            "fuzz: all {total} seeded runs passed in {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
}
