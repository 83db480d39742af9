//! WooCommerce on loopback (docs/performance.md, "WooCommerce"): the first sync of a store of
//! `ORDERS` orders (default 3,000; a real store is benched as it is) through the desk — the same `Desk` the app drives — next to
//! paging the same REST API raw with the same concurrency (4 pages at a time, 100 a page, the
//! bodies read, nothing decoded), runs interleaved so both see the same machine; then a search
//! over the cached orders next to WooCommerce's own `GET /orders?search=` (how the WooCommerce
//! app searches) on the same data. Against `tests/woocommerce-fake` (built from a real
//! WooCommerce 9.4.3's answers), or a real store with `MOSTRADOR_WOO_URL`/`_KEY`/`_SECRET`.
//!
//! Run: `cargo bench -p mostrador-core --bench woocommerce`.
// Tests and benchmarks: a panic with its message is how they fail, and they read real time
// against real servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use mostrador_core::attention::RecordingNotifier;
use mostrador_core::clock::SystemClock;
use mostrador_core::desk::{Desk, DeskConfig, MemoryTokenStore, Tuning};
use mostrador_core::platforms::{Credentials, PlatformKind};
use mostrador_core::view::OrderQuery;
use serde_json::{Value, json};
use woocommerce_fake::TestServer;
use woocommerce_fake::config::Config;

const CONCURRENCY: usize = 4;
const PER_PAGE: usize = 100;

struct Store {
    base: String,
    key: String,
    secret: String,
    http: reqwest::Client,
}

impl Store {
    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Vec<u8>) {
        let mut req = self
            .http
            .request(method, format!("{}/wp-json/wc/v3{path}", self.base))
            .basic_auth(&self.key, Some(&self.secret));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("the store answers");
        let status = res.status().as_u16();
        (status, res.bytes().await.expect("a body").to_vec())
    }

    /// `X-WP-Total` of a list.
    async fn total(&self, query: &str) -> usize {
        let res = self
            .http
            .get(format!(
                "{}/wp-json/wc/v3/orders?per_page=1&_fields=id{query}",
                self.base
            ))
            .basic_auth(&self.key, Some(&self.secret))
            .send()
            .await
            .expect("the store answers");
        res.headers()
            .get("X-WP-Total")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("X-WP-Total")
    }
}

/// A client that trusts `MOSTRADOR_WOO_CA` too (a real store on loopback with its own CA).
fn client() -> reqwest::Client {
    let mut builder = reqwest::Client::builder();
    if let Some(path) = std::env::var_os(mostrador_core::platforms::woocommerce::CA_ENV) {
        let pem = std::fs::read(path).expect("the CA file reads");
        builder =
            builder.add_root_certificate(reqwest::Certificate::from_pem(&pem).expect("a PEM CA"));
    }
    builder.build().expect("a client")
}

fn order(i: usize) -> Value {
    let names = [
        "Ana Pérez",
        "Bruno Díaz",
        "Carla Muñoz",
        "Diego Soto",
        "Elena Rojas",
    ];
    let (first, last) = names[i % names.len()].split_once(' ').expect("two words");
    // Every third one cash on delivery, not paid yet (processing without a payment date); the
    // others transfers received (processing, paid). Line items name the recorded store's
    // products by SKU: a real WooCommerce refuses lines of no product, and completes a paid
    // order of none. "Pending payment" checkouts are not shown by Mostrador: none is made.
    let (method, title) = if i.is_multiple_of(3) {
        ("cod", "Efectivo")
    } else {
        ("bacs", "Transferencia")
    };
    json!({
        "payment_method": method, "payment_method_title": title, "status": "processing",
        "billing": { "first_name": first, "last_name": last, "email": format!("c{i}@example.test"),
                     "phone": format!("+5691{:07}", i), "country": "CL" },
        "shipping": { "first_name": first, "last_name": last, "address_1": format!("Av. Siempre Viva {i}"),
                      "city": "Santiago", "country": "CL" },
        "line_items": [
            { "name": "Empanada de pino", "sku": "EMP-PINO-1796110760", "quantity": 1 + i % 6, "subtotal": "2500", "total": "2500" },
            { "name": "Pebre 250g", "sku": "PEBRE-1796110761", "quantity": 1, "subtotal": "1800", "total": "1800" }
        ],
        "shipping_lines": [ { "method_id": "local_pickup", "method_title": "Retiro en tienda", "total": "0" } ],
    })
}

async fn raw_pages(store: &Store, listed: usize) -> (Duration, usize) {
    let pages = listed.div_ceil(PER_PAGE);
    let started = Instant::now();
    let bytes: Vec<usize> = futures_util::stream::iter(1..=pages)
        .map(|page| async move {
            let path = format!("/orders?orderby=id&order=asc&per_page={PER_PAGE}&page={page}");
            let (status, body) = store.call(reqwest::Method::GET, &path, None).await;
            assert_eq!(status, 200);
            body.len()
        })
        .buffered(CONCURRENCY)
        .collect()
        .await;
    (started.elapsed(), bytes.iter().sum())
}

/// `orders`: how many the desk shows once done (a real store also has pending checkouts).
async fn first_sync(store: &Store, orders: usize) -> (Duration, Desk, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let desk = Desk::open_tuned(
        DeskConfig {
            data_dir: dir.path().to_path_buf(),
            clock: Arc::new(SystemClock),
            notifier: Arc::new(RecordingNotifier::default()),
            token_store: Arc::new(MemoryTokenStore::with(None)),
        },
        Tuning::fast(),
    )
    .await
    .expect("the desk opens");
    desk.connect_platform(
        PlatformKind::Woocommerce,
        &store.base,
        Credentials {
            key: store.key.clone(),
            secret: store.secret.clone(),
        },
    )
    .await
    .expect("connects");
    let started = Instant::now();
    let mut cycles = 0;
    let mut all = 0;
    while all < orders && cycles < 50 {
        desk.sync_now().await.expect("first sync");
        cycles += 1;
        all = desk.counts().await.expect("counts").all as usize;
    }
    let took = started.elapsed();
    println!("    ({cycles} sync cycles to cache {all} of {orders})");
    assert_eq!(all, orders, "every order cached");
    (took, desk, dir)
}

fn median(v: &[Duration]) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let seed: usize = std::env::var("ORDERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let live = std::env::var("MOSTRADOR_WOO_URL").ok().filter(|v| !v.is_empty());
        let _fake;
        let store = match live {
            Some(base) => Store {
                base,
                key: std::env::var("MOSTRADOR_WOO_KEY").unwrap_or_default(),
                secret: std::env::var("MOSTRADOR_WOO_SECRET").unwrap_or_default(),
                http: client(),
            },
            None => {
                println!("*** against tests/woocommerce-fake (no MOSTRADOR_WOO_URL: no real store here) ***");
                let fake = TestServer::spawn(Config::default());
                let store = Store {
                    base: fake.base_url(),
                    key: fake.key().into(),
                    secret: fake.secret().into(),
                    http: reqwest::Client::new(),
                };
                let seeding = Instant::now();
                for start in (0..seed).step_by(100) {
                    let batch: Vec<Value> = (start..(start + 100).min(seed)).map(order).collect();
                    let (status, _) = store
                        .call(reqwest::Method::POST, "/orders/batch", Some(json!({ "create": batch })))
                        .await;
                    assert_eq!(status, 200, "batch create");
                }
                println!("(fake seeded with {seed} orders in {:.1?})", seeding.elapsed());
                _fake = fake;
                store
            }
        };
        // Every order the REST API lists (what raw paging reads), and those Mostrador shows:
        // all but unpaid checkouts.
        let listed = store.total("").await;
        let hidden = store.total("&status=pending").await + store.total("&status=checkout-draft").await;
        let orders = listed - hidden;
        println!("(the store lists {listed} orders; Mostrador shows {orders} of them)");
        let (mut raw, mut sync) = (Vec::new(), Vec::new());
        let mut last = None;
        for run in 0..5 {
            let (r, bytes) = raw_pages(&store, listed).await;
            let (s, desk, dir) = first_sync(&store, orders).await;
            println!(
                "  run {run}: raw paging {r:.3?} ({} KiB); Mostrador's first sync {s:.3?} ({:.2}x)",
                bytes / 1024,
                s.as_secs_f64() / r.as_secs_f64()
            );
            raw.push(r);
            sync.push(s);
            last = Some((desk, dir));
        }
        println!(
            "first sync of {orders} orders / raw paging, same run: median {:.3?} / {:.3?} = {:.2}x (target <= 1.2x)",
            median(&sync),
            median(&raw),
            median(&sync).as_secs_f64() / median(&raw).as_secs_f64()
        );

        let (desk, _dir) = last.expect("five runs");
        let (mut local, mut remote) = (Vec::new(), Vec::new());
        let mut found = (0, 0);
        for term in ["pérez", "muñoz", "soto", "EMP-PINO", "+56910000"] {
            for _ in 0..5 {
                let started = Instant::now();
                let page = desk
                    .list_orders(OrderQuery { search: Some(term.into()), ..Default::default() })
                    .await
                    .expect("local search");
                local.push(started.elapsed());
                found.0 = page.orders.len();
                let started = Instant::now();
                let path = format!("/orders?search={}&per_page=50", urlencode(term));
                let (status, body) = store.call(reqwest::Method::GET, &path, None).await;
                remote.push(started.elapsed());
                assert_eq!(status, 200);
                found.1 = serde_json::from_slice::<Vec<Value>>(&body).map(|v| v.len()).unwrap_or(0);
            }
            println!("  {term:>10}: {} cached rows on the first page, {} from ?search=", found.0, found.1);
        }
        println!(
            "search: local (cached, first page) median {:.3?} vs WooCommerce ?search= median {:.3?} ({:.1}x faster)",
            median(&local),
            median(&remote),
            median(&remote).as_secs_f64() / median(&local).as_secs_f64()
        );
    });
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
