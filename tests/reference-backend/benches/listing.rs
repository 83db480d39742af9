//! Seeds 100,000 orders and pages `GET /v1/orders` in pages of 500 over loopback.
//! Run: `cargo bench -p reference-backend --bench listing` (ORDERS=n to change the size).
// Tests and benchmarks: a panic with its message is how they fail, and they read real time
// against real servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::time::{Duration, Instant};

use reference_backend::db::Db;
use reference_backend::seed::seed_history;
use reference_backend::{Config, TestServer};

const PAGE: usize = 500;

/// Pages through everything. `parse` decodes each page into `serde_json::Value` (client-like
/// work); otherwise only the page's tail (`next_after`, `has_more`) is read, which measures
/// the backend and the transport.
async fn page_all(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    parse: bool,
) -> (usize, usize, Duration) {
    let started = Instant::now();
    let (mut after, mut orders, mut bytes) = (0_i64, 0_usize, 0_usize);
    loop {
        let body = http
            .get(format!("{base}/v1/orders?after={after}&limit={PAGE}"))
            .bearer_auth(token)
            .send()
            .await
            .expect("GET")
            .bytes()
            .await
            .expect("body");
        bytes += body.len();
        let (count, next_after, has_more) = if parse {
            let page: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
            let count = page["orders"].as_array().map_or(0, Vec::len);
            (
                count,
                page["next_after"].as_i64().expect("next_after"),
                page["has_more"] == true,
            )
        } else {
            let text = std::str::from_utf8(&body).expect("UTF-8");
            let tail = &text[text.rfind("],\"next_after\":").expect("tail")..];
            let tail: serde_json::Value =
                serde_json::from_str(&format!("{{{}", &tail[2..])).expect("tail JSON");
            let count = text.matches("{\"id\":\"ord_").count();
            (
                count,
                tail["next_after"].as_i64().expect("next_after"),
                tail["has_more"] == true,
            )
        };
        orders += count;
        after = next_after;
        if !has_more {
            return (orders, bytes, started.elapsed());
        }
    }
}

fn main() {
    let count: u64 = std::env::var("ORDERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let config = Config {
        db_path: Some(path.clone()),
        ..Config::default()
    };
    let db = Db::open(&path).expect("open");
    let seeded = seed_history(&db, &config, count, chrono::Utc::now())
        .expect("seed")
        .expect("empty store");
    drop(db);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "seed: {count} orders in {:.2} s ({:.0} orders/s), database {:.1} MiB",
        seeded.as_secs_f64(),
        count as f64 / seeded.as_secs_f64(),
        size as f64 / 1_048_576.0
    );
    let server = TestServer::spawn(config);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    runtime.block_on(async {
        let http = reqwest::Client::new();
        for parse in [false, true] {
            let label = if parse { "with client JSON decode" } else { "transport only" };
            let mut rates = Vec::new();
            for run in 1..=5 {
            let (orders, bytes, took) =
                page_all(&http, &server.base_url(), server.token(), parse).await;
            assert_eq!(orders as u64, count, "every order is listed once");
            let rate = orders as f64 / took.as_secs_f64();
            println!(
                "{label} run {run}: {orders} orders in {} pages of {PAGE}: {:.3} s, {rate:.0} orders/s, {:.1} MiB/s",
                orders.div_ceil(PAGE),
                took.as_secs_f64(),
                bytes as f64 / 1_048_576.0 / took.as_secs_f64()
            );
            rates.push(rate);
        }
            rates.sort_by(f64::total_cmp);
            println!(
                "GET /v1/orders pages of {PAGE}, {label}: median {:.0} orders/s, best {:.0}",
                rates[2], rates[4]
            );
        }
    });
}
