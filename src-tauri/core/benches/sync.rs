//! Sync benchmarks against the reference backend over loopback (docs/performance.md,
//! "Sync (issue 4)"). A plain harness: each figure is a distribution (median, p99), and the
//! goals are checked by reading them, not asserted.
//!
//! Run: `cargo bench -p mostrador-core --bench sync` (`ORDERS=n` changes the first-sync size,
//! default 100,000).
// Tests and benchmarks: a panic with its message is how they fail, and they read real time
// against real servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use mostrador_core::api::{ApiClient, ApiConfig};
use mostrador_core::attention::RecordingNotifier;
use mostrador_core::clock::SystemClock;
use mostrador_core::desk::{Desk, DeskConfig, DeskEvent, MemoryTokenStore, Tuning};
use mostrador_core::model::Order;
use mostrador_core::store::{Store, meta, orders, query};
use mostrador_core::sync::{self, SyncConfig};
use reference_backend::{Config, TestServer};
use serde_json::json;

fn stats(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{name}: n={} min={:.3?} median={:.3?} p99={:.3?} max={:.3?}",
        samples.len(),
        samples[0],
        at(0.5),
        at(0.99),
        samples[samples.len() - 1]
    );
}

async fn admin(
    http: &reqwest::Client,
    server: &TestServer,
    path: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    http.post(format!("{}{path}", server.base_url()))
        .bearer_auth(server.admin_token().unwrap_or_default())
        .json(&body)
        .send()
        .await
        .expect("admin answers")
        .json()
        .await
        .expect("admin JSON")
}

fn fresh_store(dir: &std::path::Path, api_store: &mostrador_core::model::Shop) -> Arc<Store> {
    let store = Store::open(dir.join("mostrador.db")).expect("store");
    store
        .write(|tx| meta::set_store(tx, api_store))
        .expect("store saved");
    Arc::new(store)
}

/// Fetches and decodes every order (timed), and keeps them with their JSON text for the bulk
/// load the first sync is compared with.
async fn fetch_only(api: &ApiClient) -> Vec<(Vec<Order>, Vec<Box<str>>)> {
    let started = Instant::now();
    let (mut after, mut n) = (0, 0);
    let mut pages = Vec::new();
    loop {
        let page = api.orders_page(after, 500).await.expect("page");
        n += page.orders.len();
        after = page.next_after;
        let more = page.has_more;
        pages.push((page.orders, page.json));
        if !more {
            break;
        }
    }
    println!(
        "  fetch + decode only, {n} orders: {:.3?}",
        started.elapsed()
    );
    pages
}

/// The store's own bulk load of the same orders, already in memory: pages of 500, a commit
/// every 10 pages, bulk mode, the search index built at the end (what `benches/query.rs`
/// measures), i.e. the first sync without the network, the decoding and the pipeline.
fn bulk_load(store: &Store, pages: &[(Vec<Order>, Vec<Box<str>>)]) -> Duration {
    let started = Instant::now();
    store.write(|tx| orders::begin_bulk(tx)).expect("bulk");
    for chunk in pages.chunks(10) {
        store
            .write(|tx| {
                for (page, text) in chunk {
                    orders::upsert_received(tx, page, text, chrono_tz::UTC)?;
                }
                Ok(())
            })
            .expect("writes");
    }
    store.write(|tx| orders::end_bulk(tx)).expect("bulk ends");
    started.elapsed()
}

async fn first_sync(
    server: &TestServer,
    api: &ApiClient,
    orders: u64,
) -> (tempfile::TempDir, Arc<Store>) {
    let shop = api.store().await.expect("store");
    let pages = fetch_only(api).await;
    let mut samples = Vec::new();
    let mut bulk = Vec::new();
    let mut last = None;
    for run in 0..5 {
        // Side by side: a bulk load of the same orders before each first sync.
        let bulk_dir = tempfile::tempdir().expect("dir");
        let took = bulk_load(&fresh_store(bulk_dir.path(), &shop), &pages);
        bulk.push(took);
        drop(bulk_dir);
        let dir = tempfile::tempdir().expect("dir");
        let store = fresh_store(dir.path(), &shop);
        let started = Instant::now();
        let report = sync::pull(&store, api, &SyncConfig::default(), |_| {})
            .await
            .expect("pull");
        samples.push(started.elapsed());
        println!(
            "  run {run}: bulk load {took:.3?}; first sync {:.3?} total, {:.3?} writing pages, {:.3?} ending the bulk load",
            started.elapsed(),
            report.write_time,
            report.finish_time
        );
        assert_eq!(report.fetched as u64, orders, "every order arrives");
        let found = store
            .read(|c| {
                query::list(
                    c,
                    &mostrador_core::view::OrderQuery {
                        search: Some("pérez".into()),
                        ..Default::default()
                    },
                    chrono_tz::UTC,
                )
            })
            .expect("search");
        assert!(!found.orders.is_empty(), "the search index is built");
        last = Some((dir, store));
    }
    let _ = server;
    let median = |v: &[Duration]| {
        let mut v = v.to_vec();
        v.sort();
        v[v.len() / 2]
    };
    let ratios: Vec<f64> = samples
        .iter()
        .zip(&bulk)
        .map(|(s, b)| s.as_secs_f64() / b.as_secs_f64())
        .collect();
    println!(
        "first sync / bulk load of the same {orders} orders, same run: median {:.3?} / {:.3?} = {:.2}x (per run: {})",
        median(&samples),
        median(&bulk),
        median(&samples).as_secs_f64() / median(&bulk).as_secs_f64(),
        ratios
            .iter()
            .map(|r| format!("{r:.2}x"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    stats(
        &format!("the store's bulk load of the same {orders} orders"),
        bulk,
    );
    stats(
        &format!("first sync of {orders} orders (pages of 500, search index included)"),
        samples,
    );
    last.expect("three runs")
}

async fn incremental(server: &TestServer, api: &ApiClient, store: &Arc<Store>) {
    let config = SyncConfig::default();
    let mut empty = Vec::new();
    for _ in 0..300 {
        let started = Instant::now();
        let report = sync::pull(store, api, &config, |_| {}).await.expect("pull");
        empty.push(started.elapsed());
        assert_eq!(
            (report.requests, report.fetched),
            (1, 0),
            "nothing new: one request"
        );
    }
    stats(
        "incremental sync, nothing new (one request, wall time incl. loopback)",
        empty,
    );
    // The same request without the client's work: what the backend and transport cost alone.
    let http = reqwest::Client::new();
    let cursor = store.read(meta::cursor).expect("cursor");
    let mut raw = Vec::new();
    for _ in 0..300 {
        let started = Instant::now();
        let body = http
            .get(format!(
                "{}/v1/orders?after={cursor}&limit=500",
                server.base_url()
            ))
            .bearer_auth(server.token())
            .send()
            .await
            .expect("GET")
            .bytes()
            .await
            .expect("body");
        raw.push(started.elapsed());
        assert!(body.len() < 100, "an empty page");
    }
    stats("  same request, raw reqwest (backend + loopback only)", raw);
    let admin_http = reqwest::Client::new();
    let mut changed = Vec::new();
    for _ in 0..60 {
        for _ in 0..100 {
            admin(
                &admin_http,
                server,
                "/v1/admin/orders",
                json!({"fulfillment": "pickup"}),
            )
            .await;
        }
        let started = Instant::now();
        let report = sync::pull(store, api, &config, |_| {}).await.expect("pull");
        changed.push(started.elapsed());
        assert_eq!(report.fetched, 100, "the hundred new orders arrive");
    }
    stats("incremental sync, 100 changed orders", changed);
}

async fn event_latency() {
    let server = TestServer::spawn(Config::default());
    let dir = tempfile::tempdir().expect("dir");
    let config = DeskConfig {
        data_dir: dir.path().to_path_buf(),
        clock: Arc::new(SystemClock),
        notifier: Arc::new(RecordingNotifier::default()),
        token_store: Arc::new(MemoryTokenStore::default()),
    };
    let desk = Desk::open_tuned(config, Tuning::default())
        .await
        .expect("desk");
    desk.connect(&server.base_url(), server.token(), false)
        .await
        .expect("connect");
    desk.sync_now().await.expect("sync");
    let mut events = desk.subscribe();
    desk.start();
    tokio::time::sleep(Duration::from_millis(300)).await; // let the event stream connect
    let http = reqwest::Client::new();
    let mut samples = Vec::new();
    for _ in 0..200 {
        let started = Instant::now();
        let order = admin(
            &http,
            &server,
            "/v1/admin/orders",
            json!({"fulfillment": "pickup"}),
        )
        .await;
        let id = order["id"].as_str().unwrap_or_default().to_string();
        loop {
            match tokio::time::timeout(Duration::from_secs(5), events.recv()).await {
                Ok(Ok(DeskEvent::OrdersChanged(c))) if c.ids.contains(&id) => break,
                Ok(_) => continue,
                Err(_) => panic!("order {id} never arrived"),
            }
        }
        samples.push(started.elapsed());
    }
    stats(
        "backend-created order → in the client's cache (event stream up, poll 30 s)",
        samples,
    );
}

fn main() {
    let orders: u64 = std::env::var("ORDERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let seeding = Instant::now();
        let server = TestServer::spawn(Config {
            seed: orders,
            ..Config::default()
        });
        println!(
            "(backend seeded with {orders} orders in {:.1?})",
            seeding.elapsed()
        );
        let api = ApiClient::new(
            &server.base_url(),
            server.token(),
            Arc::new(SystemClock),
            ApiConfig::default(),
        )
        .expect("client");
        let (_dir, store) = first_sync(&server, &api, orders).await;
        incremental(&server, &api, &store).await;
        event_latency().await;
    });
}
