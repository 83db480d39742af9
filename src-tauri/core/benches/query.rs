//! The order cache over 100,000 generated orders: bulk upsert throughput, list pages under
//! several filters, counts + KPIs, search, and a cold open. Prints p50/p99 per case.
//!
//! Run: `cargo bench -p mostrador-core --bench query` (add `-- --orders 20000` for a quick run).
//! `-- --db PATH` keeps the database at PATH and reuses it on the next run (skipping the load);
//! `-- --load-only` stops after the bulk load (for `valgrind --tool=callgrind`, whose
//! instruction counts stay steady on a loaded machine where wall-clock times do not).
//! `-- --db PATH --incremental-only [--incremental-runs N]` on a kept cache: only the 100
//! changed orders, under FTS5's `automerge` settings and without the WAL's autocheckpoint.
// Tests and benchmarks: a panic with its message is how they fail, and they read real time
// against real servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, NaiveDate, Utc};
use mostrador_core::model::{
    Customer, Fulfillment, LineItem, Order, OrderError, OrderErrorCode, OrderStatus, Payment,
    PaymentMethod, PaymentStatus,
};
use mostrador_core::money::Currency;
use mostrador_core::store::{Store, kpi, orders, query};
use mostrador_core::view::{OrderQuery, Period};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const TZ: chrono_tz::Tz = chrono_tz::America::Mexico_City;
const FIRST: &[&str] = &[
    "Ana",
    "José",
    "María",
    "Luis",
    "Carmen",
    "Jorge",
    "Sofía",
    "Miguel",
    "Lucía",
    "Andrés",
    "Valentina",
    "Diego",
    "Camila",
    "Javier",
    "Fernanda",
    "Ramón",
    "Inés",
    "Tomás",
    "Elena",
    "Raúl",
    "Rocío",
    "Héctor",
    "Ximena",
    "Joaquín",
];
const LAST: &[&str] = &[
    "Pérez",
    "González",
    "Rodríguez",
    "Hernández",
    "López",
    "Martínez",
    "García",
    "Sánchez",
    "Ramírez",
    "Torres",
    "Flores",
    "Rivera",
    "Gómez",
    "Díaz",
    "Muñoz",
    "Núñez",
    "Castillo",
    "Ortiz",
    "Rojas",
    "Vargas",
    "Jiménez",
    "Morales",
    "Gutiérrez",
    "Ibáñez",
];
const ITEMS: &[(&str, &str, i64)] = &[
    ("PAN-001", "Concha", 1500),
    ("PAN-002", "Bolillo", 300),
    ("PAN-003", "Cuerno", 1800),
    ("CAF-010", "Café de olla", 3500),
    ("EMP-002", "Empanada de pino", 2500),
    ("PAS-100", "Pastel de tres leches", 32000),
    ("TOR-050", "Torta ahogada", 6500),
    ("TAM-007", "Tamal verde", 2200),
    ("JUG-020", "Jugo de naranja", 3000),
    ("GAL-300", "Galletas de avena", 1200),
];
/// Search terms: short prefixes, common words (an item in ~20% of orders), names, two words,
/// numbers, phones, a long word that nothing matches but whose first letters are common,
/// short prefixes that are rare or begin nothing ("zq", "q", "x", "98": a short prefix of
/// few words goes through the index, of many words a scan of the folded text).
const SEARCHES: &[&str] = &[
    "a",
    "co",
    "55",
    "zq",
    "q",
    "x",
    "98",
    "a co",
    "ana",
    "perez",
    "pérez",
    "gonza",
    "gonzalez",
    "ibañez rojas",
    "conc",
    "concha",
    "conchas",
    "pastel de tres",
    "1042",
    "pa",
    "zzz",
    "99871",
    "5512",
    "5512345678",
];
const TAGS: &[&str] = &[
    "web",
    "app",
    "mostrador",
    "vip",
    "promo-buen-fin",
    "mayoreo",
];
const WAREHOUSES: &[&str] = &["Bodega Centro", "Bodega Norte", "Sucursal Sur", "Cocina"];

fn main() {
    let n = arg("--orders").unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = text_arg("--db").map_or_else(|| dir.path().join("bench.db"), PathBuf::from);
    let reuse = path.exists();
    let now: DateTime<Utc> = "2026-11-20T20:00:00Z".parse().expect("valid");
    let all = generate(n, now);
    println!("core store benchmark: {n} orders, {} cores", cores());

    let store = Store::open(&path).expect("opens");
    if reuse && flag("--incremental-diagnose") {
        diagnose_incremental(&store, &all, &path);
        return;
    }
    if reuse && flag("--incremental-only") {
        // Where the tail of 100 changed orders comes from: FTS5's merge setting and the WAL's
        // automatic checkpoint, each varied in turn over the same cache.
        for (what, automerge, checkpoint) in [
            ("automerge 4 (default)", 4, 1000),
            ("automerge 2", 2, 1000),
            ("automerge 8", 8, 1000),
            ("automerge 4, no WAL autocheckpoint", 4, 0),
        ] {
            set_merging(&store, automerge, checkpoint);
            println!("-- {what}");
            incremental(&store, &all);
        }
        set_merging(&store, 4, 1000);
        return;
    }
    if !reuse {
        let (load, index) = bulk_load(&store, &all);
        println!(
            "bulk upsert {n} orders: {:.0} ms total ({:.0} ms of it building counters + search), {:.0} orders/s",
            ms(load),
            ms(index),
            n as f64 / load.as_secs_f64()
        );
        if flag("--load-only") {
            return;
        }
        incremental(&store, &all);
    }

    let cases: Vec<(&str, OrderQuery)> = list_cases(now);
    for (name, q) in &cases {
        report(&format!("list first page [{name}]"), 300, || {
            store.read(|c| query::list(c, q, TZ)).expect("lists");
        });
    }
    let deep = deep_cursor(&store);
    report("list page 40 deep [none]", 300, || {
        let q = OrderQuery {
            after: Some(deep.clone()),
            ..OrderQuery::default()
        };
        store.read(|c| query::list(c, &q, TZ)).expect("lists");
    });
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid");
    report("counts + KPIs (30 days)", 1000, || {
        store
            .read(|c| {
                query::counts(c)?;
                kpi::kpis(c, &Period::Last30Days, today, TZ, Currency::MXN)
            })
            .expect("reads");
    });
    for &term in SEARCHES {
        report(&format!("search \"{term}\""), 300, || {
            let q = OrderQuery {
                search: Some(term.into()),
                ..OrderQuery::default()
            };
            store.read(|c| query::list(c, &q, TZ)).expect("searches");
        });
    }
    slowest_short_prefixes(&store);
    never_meeting(&store);
    drop(store);
    report("cold open + first list page", 30, || {
        let s = Store::open(&path).expect("opens");
        s.read(|c| query::list(c, &OrderQuery::default(), TZ))
            .expect("lists");
    });
}

/// Every search of one or two letters or digits ("a" … "zz", "0" … "99"), the median of 5 runs
/// each: the slowest few, to show that no short term, common or rare, is slow.
fn slowest_short_prefixes(store: &Store) {
    let chars: Vec<char> = ('a'..='z').chain('0'..='9').collect();
    let mut terms: Vec<String> = chars.iter().map(char::to_string).collect();
    for a in &chars {
        terms.extend(chars.iter().map(|b| format!("{a}{b}")));
    }
    let mut timed: Vec<(f64, String)> = terms
        .into_iter()
        .map(|term| {
            let q = OrderQuery {
                search: Some(term.clone()),
                ..OrderQuery::default()
            };
            let mut runs: Vec<f64> = (0..5)
                .map(|_| {
                    let start = Instant::now();
                    store.read(|c| query::list(c, &q, TZ)).expect("searches");
                    start.elapsed().as_secs_f64() * 1e3
                })
                .collect();
            runs.sort_by(f64::total_cmp);
            (runs[2], term)
        })
        .collect();
    timed.sort_by(|a, b| b.0.total_cmp(&a.0));
    let worst: Vec<String> = timed[..8]
        .iter()
        .map(|(ms, t)| format!("\"{t}\" {ms:.3} ms"))
        .collect();
    println!(
        "every 1-2 character search ({}), slowest medians: {}",
        timed.len(),
        worst.join(", ")
    );
}

/// Two common short terms (2–3 characters, each beginning more than 16 words: the planner
/// cannot expand them) that never meet in one order, the pairs with the most orders found in
/// this store's own folded text: the planner (the rarer one through the index when it is in
/// few enough places) beside the full scan of the folded text it used to run, timed in turn
/// in the same run.
fn never_meeting(store: &Store) {
    use std::collections::{HashMap, HashSet};
    let rows: Vec<(i64, String)> = store
        .read(|c| {
            let mut stmt = c.prepare("SELECT rid, search FROM orders")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
        .expect("reads the folded text");
    let mut orders: HashMap<String, HashSet<i64>> = HashMap::new();
    let mut words: HashMap<String, HashSet<String>> = HashMap::new();
    for (rid, text) in &rows {
        for word in text.split_whitespace() {
            for n in 2..=3 {
                if let Some(prefix) = word.get(..n).filter(|_| word.len() >= n) {
                    orders.entry(prefix.to_string()).or_default().insert(*rid);
                    words
                        .entry(prefix.to_string())
                        .or_default()
                        .insert(word.to_string());
                }
            }
        }
    }
    let mut common: Vec<(&String, &HashSet<i64>)> = orders
        .iter()
        .filter(|(p, _)| words[*p].len() > 16)
        .collect();
    common.sort_by_key(|(_, o)| std::cmp::Reverse(o.len()));
    common.truncate(150);
    let mut pairs: Vec<(usize, &str, &str)> = Vec::new();
    for (i, (a, oa)) in common.iter().enumerate() {
        for (b, ob) in &common[i + 1..] {
            if a.starts_with(b.as_str()) || b.starts_with(a.as_str()) {
                continue;
            }
            if oa.is_disjoint(ob) {
                pairs.push((oa.len().min(ob.len()), a.as_str(), b.as_str()));
            }
        }
    }
    pairs.sort_by_key(|p| std::cmp::Reverse(p.0));
    if pairs.is_empty() {
        println!("no two common short terms that never meet in this store");
    }
    for &(n, a, b) in pairs.iter().take(4) {
        let text = format!("{a} {b}");
        report(
            &format!("never meet \"{text}\" ({n}+ orders each)"),
            100,
            || {
                let q = OrderQuery {
                    search: Some(text.clone()),
                    ..OrderQuery::default()
                };
                let page = store.read(|c| query::list(c, &q, TZ)).expect("searches");
                assert!(page.orders.is_empty(), "{text}: they never meet");
            },
        );
        report("  the same as a full scan (before)", 20, || {
            store
                .read(|c| {
                    let mut stmt = c.prepare_cached(
                        "SELECT o.rid FROM orders o WHERE instr(o.search, ?1) > 0 \
                         AND instr(o.search, ?2) > 0 ORDER BY o.rid DESC LIMIT 51",
                    )?;
                    let n = stmt
                        .query_map([format!(" {a}"), format!(" {b}")], |r| r.get::<_, i64>(0))?
                        .count();
                    assert_eq!(n, 0, "{a} {b}: they never meet");
                    Ok(())
                })
                .expect("scans");
        });
    }
}

fn list_cases(now: DateTime<Utc>) -> Vec<(&'static str, OrderQuery)> {
    let q = OrderQuery::default;
    vec![
        ("none", q()),
        (
            "status=pending",
            OrderQuery {
                statuses: vec![OrderStatus::Pending],
                ..q()
            },
        ),
        (
            "status=preparing|ready",
            OrderQuery {
                statuses: vec![OrderStatus::Preparing, OrderStatus::Ready],
                ..q()
            },
        ),
        (
            "unpaid",
            OrderQuery {
                paid: Some(false),
                ..q()
            },
        ),
        (
            "has_error",
            OrderQuery {
                has_error: Some(true),
                ..q()
            },
        ),
        (
            "incomplete",
            OrderQuery {
                incomplete: Some(true),
                ..q()
            },
        ),
        (
            "tag=vip",
            OrderQuery {
                tag: Some("vip".into()),
                ..q()
            },
        ),
        (
            "warehouse=Cocina",
            OrderQuery {
                warehouse: Some("Cocina".into()),
                ..q()
            },
        ),
        (
            "fulfillment=parcel",
            OrderQuery {
                fulfillments: vec![Fulfillment::Parcel],
                ..q()
            },
        ),
        (
            "date range (a week, 3 months ago)",
            OrderQuery {
                created_from: Some(now - Span::days(97)),
                created_to: Some(now - Span::days(90)),
                ..q()
            },
        ),
        (
            "pending+unpaid+warehouse",
            OrderQuery {
                statuses: vec![OrderStatus::Pending],
                paid: Some(false),
                warehouse: Some("Bodega Centro".into()),
                ..q()
            },
        ),
    ]
}

/// Pages of 500, a commit every 10 pages, bulk mode: (total, time spent in `end_bulk`). Each
/// order comes with its JSON text, encoded before the clock starts, as a sync receives it.
fn bulk_load(store: &Store, all: &[Order]) -> (Duration, Duration) {
    let json: Vec<Box<str>> = all
        .iter()
        .map(|o| serde_json::to_string(o).expect("encodes").into_boxed_str())
        .collect();
    let start = Instant::now();
    store.write(|tx| orders::begin_bulk(tx)).expect("bulk");
    for (chunk, text) in all.chunks(5000).zip(json.chunks(5000)) {
        store
            .write(|tx| {
                for (page, text) in chunk.chunks(500).zip(text.chunks(500)) {
                    orders::upsert_received(tx, page, text, TZ)?;
                }
                Ok(())
            })
            .expect("writes");
    }
    let index = Instant::now();
    store.write(|tx| orders::end_bulk(tx)).expect("bulk ends");
    (start.elapsed(), index.elapsed())
}

/// 100 changed orders in one transaction, as an incremental sync writes them.
fn incremental(store: &Store, all: &[Order]) {
    let runs = arg("--incremental-runs").unwrap_or(50);
    report("incremental upsert of 100 changed orders", runs, || {
        let changed = changed_orders(all, next_round());
        store
            .write(|tx| orders::upsert_server(tx, &changed, TZ))
            .expect("writes");
    });
}

/// A round number no earlier round wrote, in this process or an earlier one over a kept
/// `--db` (it starts at this process's seconds since 2026, × 1000): a round that repeats an
/// earlier one's versions changes nothing.
fn next_round() -> usize {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicUsize, Ordering};
    static BASE: OnceLock<usize> = OnceLock::new();
    static ROUND: AtomicUsize = AtomicUsize::new(0);
    let base = *BASE.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| {
                d.as_secs().saturating_sub(1_767_225_600) as usize * 1000
            })
    });
    base + ROUND.fetch_add(1, Ordering::Relaxed) + 1
}

/// 100 orders of `all`, changed as an incremental sync would receive them in `round`.
fn changed_orders(all: &[Order], round: usize) -> Vec<Order> {
    all.iter()
        .skip(round * 997 % all.len().max(1))
        .take(100)
        .map(|o| {
            let mut o = o.clone();
            o.version += round as i64;
            o.customer.name.push('x');
            o
        })
        .collect()
}

/// The slowest of N transactions of 100 changed orders, each with what happened in it: the
/// change in FTS5's segment rows (`orders_fts_data`: a merge rewrites many) and whether the WAL
/// was restarted by a checkpoint (its header's checkpoint sequence number moved).
fn diagnose_incremental(store: &Store, all: &[Order], path: &std::path::Path) {
    let wal = path.with_extension("db-wal");
    let wal = if wal.exists() {
        wal
    } else {
        PathBuf::from(format!("{}-wal", path.display()))
    };
    let checkpoint_seq = || {
        std::fs::read(&wal)
            .ok()
            .filter(|b| b.len() >= 16)
            .map_or(0, |b| u32::from_be_bytes([b[12], b[13], b[14], b[15]]))
    };
    let segments = || {
        store
            .read(|c| {
                Ok(
                    c.query_row("SELECT count(*) FROM orders_fts_data", [], |r| {
                        r.get::<_, i64>(0)
                    })?,
                )
            })
            .expect("counts")
    };
    let automerge = arg("--automerge").unwrap_or(4) as i64;
    set_merging(store, automerge, 1000);
    println!("automerge {automerge}");
    let runs = arg("--incremental-runs").unwrap_or(200);
    let mut rows: Vec<(f64, i64, bool)> = Vec::new();
    for _ in 0..runs {
        let changed = changed_orders(all, next_round());
        let (seg, seq) = (segments(), checkpoint_seq());
        let start = Instant::now();
        store
            .write(|tx| orders::upsert_server(tx, &changed, TZ))
            .expect("writes");
        let took = ms(start.elapsed());
        rows.push((took, segments() - seg, checkpoint_seq() != seq));
    }
    let mut sorted = rows.clone();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let median = sorted[sorted.len() / 2].0;
    println!("{runs} transactions of 100 changed orders: median {median:.2} ms; the slowest:");
    for (took, seg, ckpt) in sorted.iter().take(8) {
        println!("  {took:>8.2} ms   segment rows {seg:+}   WAL checkpointed: {ckpt}");
    }
    let merges = rows.iter().filter(|r| r.1 < 0).count();
    let ckpts = rows.iter().filter(|r| r.2).count();
    println!("  of all: {merges} shrank the segment rows (a merge), {ckpts} checkpointed the WAL");
    if automerge == 0 {
        // What merging afterwards costs, a bounded step at a time (FTS5's 'merge' command).
        for _ in 0..5 {
            let start = Instant::now();
            store
                .write(|tx| {
                    tx.execute(
                        "INSERT INTO orders_fts(orders_fts, rank) VALUES('merge', 64)",
                        [],
                    )?;
                    Ok(())
                })
                .expect("merges");
            println!(
                "  a 'merge' step of 64 pages afterwards: {:.2} ms",
                ms(start.elapsed())
            );
        }
    }
    set_merging(store, 4, 1000);
}

/// FTS5's `automerge` (persisted in the index) and the writer's WAL autocheckpoint (pages;
/// 0 turns it off); the app runs with 4 and 1000.
fn set_merging(store: &Store, automerge: i64, wal_autocheckpoint: i64) {
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO orders_fts(orders_fts, rank) VALUES('automerge', ?1)",
                [automerge],
            )?;
            tx.pragma_update(None, "wal_autocheckpoint", wal_autocheckpoint)?;
            Ok(())
        })
        .expect("sets FTS5's automerge and the WAL autocheckpoint");
}

fn deep_cursor(store: &Store) -> String {
    let mut after = None;
    for _ in 0..40 {
        let q = OrderQuery {
            after,
            ..OrderQuery::default()
        };
        after = store.read(|c| query::list(c, &q, TZ)).expect("lists").next;
    }
    after.expect("the cache is deeper than 40 pages")
}

fn generate(n: usize, now: DateTime<Utc>) -> Vec<Order> {
    let mut rng = StdRng::seed_from_u64(7);
    let mut list: Vec<Order> = (0..n).map(|i| one(&mut rng, i, n, now)).collect();
    list.sort_by_key(|o| o.seq);
    list
}

fn one(rng: &mut StdRng, i: usize, n: usize, now: DateTime<Utc>) -> Order {
    // Spread over a year, newest last; the newest ~1% are still pending.
    let age = Span::seconds(((n - i) as i64) * 365 * 86_400 / n as i64);
    let created = now - age;
    let recent = i >= n - n / 100;
    let status = if recent {
        OrderStatus::Pending
    } else if i >= n - n / 40 {
        [
            OrderStatus::Preparing,
            OrderStatus::Ready,
            OrderStatus::Shipped,
        ][rng.random_range(0..3)]
    } else if rng.random_bool(0.06) {
        OrderStatus::Cancelled
    } else {
        OrderStatus::Delivered
    };
    let items: Vec<LineItem> = (0..rng.random_range(1..4))
        .map(|_| {
            let (sku, name, price) = ITEMS[rng.random_range(0..ITEMS.len())];
            let quantity = rng.random_range(1..6);
            LineItem {
                sku: sku.into(),
                name: name.into(),
                quantity,
                unit_price: price,
                total: price * quantity,
            }
        })
        .collect();
    let total: i64 = items.iter().map(|l| l.total).sum();
    let method = [
        PaymentMethod::Card,
        PaymentMethod::Cash,
        PaymentMethod::Transfer,
    ][rng.random_range(0..3)];
    let unpaid = method == PaymentMethod::Cash && (recent || rng.random_bool(0.1));
    let cancelled = status == OrderStatus::Cancelled;
    let paid = if unpaid { 0 } else { total };
    let refunded = if cancelled { paid } else { 0 };
    let first = FIRST[rng.random_range(0..FIRST.len())];
    let last = LAST[rng.random_range(0..LAST.len())];
    let tags: Vec<String> = TAGS
        .iter()
        .filter(|_| rng.random_bool(0.2))
        .map(|t| t.to_string())
        .collect();
    Order {
        id: format!("ord_{i:06x}{}", rng.random_range(0..1000)),
        number: (1000 + i).to_string(),
        version: 1,
        seq: i as i64 + 1,
        status,
        fulfillment: [
            Fulfillment::Pickup,
            Fulfillment::Delivery,
            Fulfillment::Parcel,
        ][rng.random_range(0..3)],
        created_at: created,
        updated_at: created,
        auto_cancel_at: recent.then(|| created + Span::minutes(20)),
        customer: Customer {
            name: format!("{first} {last}"),
            phone: Some(format!(
                "+52 55 {:04} {:04}",
                rng.random_range(0..10000),
                rng.random_range(0..10000)
            )),
            email: Some(format!(
                "{}.{}{}@example.com",
                first.to_lowercase(),
                last.to_lowercase(),
                i % 97
            )),
        },
        warehouse: Some(WAREHOUSES[rng.random_range(0..WAREHOUSES.len())].into()),
        tags,
        currency: Currency::MXN,
        total,
        paid,
        refunded,
        payment: Payment {
            method,
            gateway: (method == PaymentMethod::Card).then(|| "conekta".into()),
            status: match (unpaid, cancelled) {
                (true, _) => PaymentStatus::Unpaid,
                (false, true) => PaymentStatus::Refunded,
                _ => PaymentStatus::Paid,
            },
        },
        items,
        documents: vec![],
        error: rng.random_bool(0.02).then(|| OrderError {
            code: OrderErrorCode::DocumentError,
            message: "El SAT no respondió".into(),
            retryable: true,
        }),
        cancellation: None,
        history: vec![],
        notes: None,
        ..Order::default()
    }
}

/// Runs `f` `runs` times (after a few warm-up runs) and prints p50 / p99 / max.
fn report(name: &str, runs: usize, mut f: impl FnMut()) {
    for _ in 0..runs.min(5) {
        f();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "{name:<45} p50 {:>8.3} ms   p99 {:>8.3} ms   max {:>8.3} ms",
        ms(at(0.50)),
        ms(at(0.99)),
        ms(times[times.len() - 1])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn arg(name: &str) -> Option<usize> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

fn text_arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let at = args.iter().position(|a| a == name)?;
    args.get(at + 1).cloned()
}

fn flag(name: &str) -> bool {
    std::env::args().any(|a| a == name)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
