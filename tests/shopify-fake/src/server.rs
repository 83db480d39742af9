//! The HTTP side: the GraphQL endpoint, the cost bucket, faults, test control, and
//! [`FakeShopify`], a running server on 127.0.0.1 for Rust tests.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State as AxState};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::ops::{answer, requested_cost};
use crate::state::{NewOrder, State};

/// The access token the fake accepts.
pub const TOKEN: &str = "shpat_test_mostrador";

/// `PUT /admin/test/faults`: all optional, 0 = off.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Share of requests answered 503 before anything is done.
    pub error_rate: f64,
    /// Share of requests answered 429 with `Retry-After`.
    pub rate_limit_rate: f64,
    /// Share of mutations whose connection is dropped after they applied.
    pub drop_after_commit_rate: f64,
    /// Delay of every request.
    pub latency_ms: u64,
    /// `Retry-After` seconds on 429/503 (default 1).
    pub retry_after_s: Option<u64>,
    /// The cost bucket's size (default 2000, a standard plan's).
    pub bucket_max: Option<f64>,
    /// Points restored per second (default 100, a standard plan's).
    pub restore_rate: Option<f64>,
    /// Polls a cancel job needs (default 2).
    pub job_polls: Option<u32>,
    /// Seed of the fault generator.
    pub seed: u64,
}

struct Bucket {
    available: f64,
    at: Instant,
}

struct Shared {
    state: Mutex<State>,
    faults: Mutex<(Faults, u64)>,
    bucket: Mutex<Bucket>,
    requests: Mutex<HashMap<String, u32>>,
    dump: Option<PathBuf>,
}

type App = Arc<Shared>;

const MUTATIONS: &[&str] = &[
    "ReportProgress",
    "PreparedForPickup",
    "FulfillmentCreate",
    "FulfillmentDelivered",
    "OrderNote",
    "OrderCancel",
    "RefundCreate",
    "MarkPaid",
];

fn now() -> DateTime<Utc> {
    // Shopify's timestamps have one-second resolution.
    let t = Utc::now();
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

fn chance(faults: &mut (Faults, u64), rate: f64) -> bool {
    if rate <= 0.0 {
        return false;
    }
    // xorshift64*: seeded, repeatable.
    let s = &mut faults.1;
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    let x = s.wrapping_mul(0x2545_F491_4F6C_DD1D);
    ((x >> 11) as f64 / (1u64 << 53) as f64) < rate
}

fn json_response(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

async fn graphql(AxState(app): AxState<App>, headers: HeaderMap, body: String) -> Response {
    if headers
        .get("x-shopify-access-token")
        .and_then(|v| v.to_str().ok())
        != Some(TOKEN)
    {
        return json_response(
            StatusCode::UNAUTHORIZED,
            json!({ "errors": "[API] Invalid API key or access token (unrecognized login or wrong password)" }),
        );
    }
    let request: Value = match serde_json::from_str(&body) {
        Ok(v) => v,
        Err(e) => {
            return json_response(StatusCode::BAD_REQUEST, json!({ "errors": e.to_string() }));
        }
    };
    let operation = request["operationName"].as_str().unwrap_or("").to_string();
    let variables = request["variables"].clone();
    let (latency, fail, limit, drop, retry_after) = {
        let mut f = app.faults.lock().unwrap_or_else(|e| e.into_inner());
        let settings = f.0.clone();
        (
            settings.latency_ms,
            chance(&mut f, settings.error_rate),
            chance(&mut f, settings.rate_limit_rate),
            MUTATIONS.contains(&operation.as_str())
                && chance(&mut f, settings.drop_after_commit_rate),
            settings.retry_after_s.unwrap_or(1),
        )
    };
    if latency > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(latency)).await;
    }
    *app.requests
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(operation.clone())
        .or_default() += 1;
    if fail {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [("retry-after", retry_after.to_string())],
        )
            .into_response();
    }
    if limit {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", retry_after.to_string())],
            axum::Json(json!({ "errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." })),
        )
            .into_response();
    }
    let requested = requested_cost(&operation, &variables);
    let (max, rate) = {
        let f = app.faults.lock().unwrap_or_else(|e| e.into_inner());
        (
            f.0.bucket_max.unwrap_or(2000.0),
            f.0.restore_rate.unwrap_or(100.0),
        )
    };
    let available = {
        let mut b = app.bucket.lock().unwrap_or_else(|e| e.into_inner());
        b.available = (b.available + b.at.elapsed().as_secs_f64() * rate).min(max);
        b.at = Instant::now();
        if b.available >= requested {
            b.available -= requested;
            Ok(b.available)
        } else {
            Err(b.available)
        }
    };
    let cost = |actual: Option<f64>, left: f64| {
        json!({ "cost": {
            "requestedQueryCost": requested,
            "actualQueryCost": actual,
            "throttleStatus": { "maximumAvailable": max, "currentlyAvailable": left, "restoreRate": rate },
        } })
    };
    let left = match available {
        Ok(left) => left,
        Err(left) => {
            *app.requests
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry("THROTTLED".into())
                .or_default() += 1;
            return json_response(
                StatusCode::OK,
                json!({
                    "errors": [{ "message": "Throttled", "extensions": { "code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits" } }],
                    "extensions": cost(None, left),
                }),
            );
        }
    };
    let result = {
        let mut state = app.state.lock().unwrap_or_else(|e| e.into_inner());
        answer(&mut state, &operation, &variables, now())
    };
    match result {
        Ok(data) => {
            if let Some(dir) = &app.dump {
                dump(dir, &app, &operation, &variables, &data);
            }
            if drop {
                let stream = futures_util::stream::once(async {
                    Err::<bytes::Bytes, std::io::Error>(std::io::Error::other(
                        "fault: drop after commit",
                    ))
                });
                return Response::builder()
                    .status(StatusCode::OK)
                    .header("content-type", "application/json")
                    .body(Body::from_stream(stream))
                    .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
            }
            json_response(
                StatusCode::OK,
                json!({ "data": data, "extensions": cost(Some(requested), left) }),
            )
        }
        Err(message) => json_response(
            StatusCode::OK,
            json!({ "errors": [{ "message": message, "extensions": { "code": "BAD_REQUEST" } }] }),
        ),
    }
}

fn dump(dir: &std::path::Path, app: &Shared, operation: &str, variables: &Value, data: &Value) {
    let count = app
        .requests
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(operation)
        .copied()
        .unwrap_or(0);
    if count > 3 {
        return;
    }
    let file = dir.join(format!("{operation}-{count}.json"));
    let body = json!({ "operation": operation, "variables": variables, "data": data });
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(file, body.to_string());
}

async fn create_order(
    AxState(app): AxState<App>,
    axum::Json(new): axum::Json<NewOrder>,
) -> Response {
    let mut state = app.state.lock().unwrap_or_else(|e| e.into_inner());
    let order = state.create(new, now());
    json_response(
        StatusCode::CREATED,
        json!({ "id": order.gid(), "n": order.n }),
    )
}

async fn inspect(AxState(app): AxState<App>, Path(n): Path<u64>) -> Response {
    let state = app.state.lock().unwrap_or_else(|e| e.into_inner());
    match state.orders.iter().find(|o| o.n == n) {
        Some(o) => json_response(
            StatusCode::OK,
            json!({
                "node": o.node(),
                "refunds": o.refunds.iter().map(|r| json!({ "id": r.id, "amount": r.amount, "key": r.key })).collect::<Vec<_>>(),
                "refunded": o.refunded(),
                "received": o.received,
                "effects": o.effects,
                "note": o.note,
            }),
        ),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn touch(AxState(app): AxState<App>, Path(n): Path<u64>) -> Response {
    let mut state = app.state.lock().unwrap_or_else(|e| e.into_inner());
    match state.orders.iter_mut().find(|o| o.n == n) {
        Some(o) => {
            o.new.tags.push("editado".into());
            o.updated_at = now();
            StatusCode::OK.into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn set_faults(
    AxState(app): AxState<App>,
    axum::Json(faults): axum::Json<Faults>,
) -> Response {
    let seed = faults.seed.max(1);
    if let Some(polls) = faults.job_polls {
        app.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .job_polls = polls;
    }
    *app.faults.lock().unwrap_or_else(|e| e.into_inner()) = (faults, seed);
    StatusCode::OK.into_response()
}

async fn counts(AxState(app): AxState<App>) -> Response {
    let requests = app
        .requests
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    json_response(StatusCode::OK, json!(requests))
}

/// The router of the fake (graphql endpoint and test control).
pub fn router(dump: Option<PathBuf>) -> Router {
    let mut state = State::default();
    state.job_polls = 2;
    let app = Arc::new(Shared {
        state: Mutex::new(state),
        faults: Mutex::new((Faults::default(), 1)),
        bucket: Mutex::new(Bucket {
            available: 2000.0,
            at: Instant::now(),
        }),
        requests: Mutex::new(HashMap::new()),
        dump,
    });
    Router::new()
        .route("/admin/api/2026-07/graphql.json", post(graphql))
        .route("/admin/test/orders", post(create_order))
        .route("/admin/test/orders/{n}", get(inspect))
        .route("/admin/test/orders/{n}/touch", post(touch))
        .route("/admin/test/faults", put(set_faults))
        .route("/admin/test/requests", get(counts))
        .with_state(app)
}

/// The fake on 127.0.0.1, on its own thread and runtime; stops on drop.
pub struct FakeShopify {
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FakeShopify {
    /// Starts a fake shop on a free loopback port. Answers are written to the folder in
    /// `MOSTRADOR_SHOPIFY_ANSWERS`, when set, for the schema check.
    pub fn start() -> anyhow::Result<FakeShopify> {
        let dump = std::env::var_os("MOSTRADOR_SHOPIFY_ANSWERS").map(PathBuf::from);
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(format!("shopify-fake-{}", addr.port()))
            .spawn(move || {
                let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                else {
                    return;
                };
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let _ = axum::serve(listener, router(dump))
                        .with_graceful_shutdown(async {
                            let _ = rx.await;
                        })
                        .await;
                });
            })?;
        Ok(FakeShopify {
            addr,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for FakeShopify {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
