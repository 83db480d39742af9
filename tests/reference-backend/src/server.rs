//! Wiring: shared state, the router (built from [`ROUTES`]), auth, and the background tasks.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use tokio::sync::broadcast;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::{self, Change, Db};
use crate::faults::{self, Faults};
use crate::idempotency::{self, InFlight};
use crate::problem::{ErrorCode, Problem};
use crate::rng::Rng;
use crate::routes::{acknowledgements, admin, counter, orders};
use crate::{push, seed, sse};

/// Paths of every route, shared by the router and the documentation check.
pub mod paths {
    /// Store settings.
    pub const STORE: &str = "/v1/store";
    /// Incremental listing.
    pub const ORDERS: &str = "/v1/orders";
    /// One order.
    pub const ORDER: &str = "/v1/orders/{id}";
    /// Status transitions.
    pub const TRANSITIONS: &str = "/v1/orders/{id}/transitions";
    /// Cancellations.
    pub const CANCELLATIONS: &str = "/v1/orders/{id}/cancellations";
    /// Acknowledgements (someone at the shop has seen the order).
    pub const ACKNOWLEDGEMENTS: &str = "/v1/orders/{id}/acknowledgements";
    /// Document retry.
    pub const DOCUMENT_RETRY: &str = "/v1/orders/{id}/documents/{doc_id}/retry";
    /// Payments taken at the counter (v1 addition).
    pub const PAYMENTS: &str = "/v1/orders/{id}/payments";
    /// Staff notes (v1 addition).
    pub const NOTES: &str = "/v1/orders/{id}/notes";
    /// Wake-up stream.
    pub const EVENTS: &str = "/v1/events";
    /// Admin: create an order.
    pub const ADMIN_ORDERS: &str = "/v1/admin/orders";
    /// Admin: cancel as the customer.
    pub const ADMIN_CUSTOMER_CANCELLATION: &str = "/v1/admin/orders/{id}/customer-cancellation";
    /// Admin: move the clock.
    pub const ADMIN_CLOCK: &str = "/v1/admin/clock";
    /// Admin: fault injection.
    pub const ADMIN_FAULTS: &str = "/v1/admin/faults";
    /// Admin: audit log of applied effects.
    pub const ADMIN_EFFECTS: &str = "/v1/admin/effects";
    /// Register a device for pushes.
    pub const DEVICES: &str = "/v1/devices";
    /// One registered device.
    pub const DEVICE: &str = "/v1/devices/{id}";
    /// Admin: pushes made and recorded, devices, e-mail escalations.
    pub const ADMIN_PUSHES: &str = "/v1/admin/pushes";
}

/// Every (method, path) the router serves.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", paths::STORE),
    ("get", paths::ORDERS),
    ("get", paths::ORDER),
    ("post", paths::TRANSITIONS),
    ("post", paths::CANCELLATIONS),
    ("post", paths::DOCUMENT_RETRY),
    ("post", paths::PAYMENTS),
    ("post", paths::NOTES),
    ("post", paths::ACKNOWLEDGEMENTS),
    ("get", paths::EVENTS),
    ("post", paths::ADMIN_ORDERS),
    ("post", paths::ADMIN_CUSTOMER_CANCELLATION),
    ("get", paths::ADMIN_CLOCK),
    ("post", paths::ADMIN_CLOCK),
    ("get", paths::ADMIN_FAULTS),
    ("put", paths::ADMIN_FAULTS),
    ("get", paths::ADMIN_EFFECTS),
    ("post", paths::DEVICES),
    ("delete", paths::DEVICE),
    ("get", paths::ADMIN_PUSHES),
];

/// State shared by every handler.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Configuration.
    pub config: Arc<Config>,
    /// Storage.
    pub db: Arc<Db>,
    /// Backend clock.
    pub clock: Arc<Clock>,
    /// Fault injection.
    pub faults: Arc<Faults>,
    /// Keys being processed.
    pub inflight: InFlight,
    /// Live change events (sent after commit, in seq order).
    pub events: broadcast::Sender<Change>,
    rng: Arc<Mutex<Rng>>,
}

impl AppState {
    /// Opens the database at `db_path`, restores the clock offset and seeds when empty.
    pub fn open(config: Config, db_path: &Path) -> anyhow::Result<Self> {
        let db = Db::open(db_path)?;
        db.writer().execute_batch(crate::push::SCHEMA)?;
        let offset = db::meta_get(&db.writer(), "clock_offset_ms")?.unwrap_or(0);
        let clock = Clock::with_offset_ms(offset);
        if config.seed > 0 {
            let took = seed::seed_history(&db, &config, config.seed, clock.now())
                .map_err(|p| anyhow::anyhow!(p.detail))?;
            if let Some(took) = took {
                eprintln!(
                    "seeded {} orders in {:.2} s",
                    config.seed,
                    took.as_secs_f64()
                );
            }
        }
        let (events, _) = broadcast::channel(4096);
        Ok(Self {
            rng: Arc::new(Mutex::new(Rng::new(config.rng_seed))),
            config: Arc::new(config),
            db: Arc::new(db),
            clock: Arc::new(clock),
            faults: Arc::new(Faults::default()),
            inflight: InFlight::default(),
            events,
        })
    }

    /// Announces committed changes to the event stream.
    pub fn announce(&self, changes: Vec<Change>) {
        for change in changes {
            let _ = self.events.send(change);
        }
    }

    /// The generator of realistic order contents.
    pub fn lock_rng(&self) -> MutexGuard<'_, Rng> {
        self.rng.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn bearer(request: &Request) -> Option<&str> {
    request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
}

async fn merchant_auth(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if bearer(&request) != Some(state.config.token.as_str()) {
        return Problem::new(
            ErrorCode::Unauthorized,
            "send Authorization: Bearer <store token>",
        )
        .into_response();
    }
    next.run(request).await
}

/// `Date` by this backend's clock (which admin can move), so clients that judge time by the
/// backend's clock (the cancel window) see the moved clock, as they would a real server's.
async fn date_header(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let date = state
        .clock
        .now()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    if let Ok(value) = header::HeaderValue::from_str(&date) {
        response.headers_mut().insert(header::DATE, value);
    }
    response
}

async fn admin_auth(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if bearer(&request).is_none() || bearer(&request) != state.config.admin_token.as_deref() {
        return Problem::new(
            ErrorCode::Unauthorized,
            "send Authorization: Bearer <admin token>",
        )
        .into_response();
    }
    next.run(request).await
}

async fn not_found() -> Response {
    Problem::new(ErrorCode::NotFound, "no such route").into_response()
}

async fn method_not_allowed() -> Response {
    Problem::new(
        ErrorCode::MethodNotAllowed,
        "method not allowed on this route",
    )
    .into_response()
}

/// The application router.
pub fn router(state: AppState) -> Router {
    let merchant = Router::new()
        .route(paths::STORE, get(orders::store))
        .route(paths::ORDERS, get(orders::list))
        .route(paths::ORDER, get(orders::get_order))
        .route(paths::TRANSITIONS, post(orders::transition))
        .route(paths::CANCELLATIONS, post(orders::cancel))
        .route(paths::DOCUMENT_RETRY, post(orders::retry_document))
        .route(paths::PAYMENTS, post(counter::take_payment))
        .route(paths::NOTES, post(counter::add_note))
        .route(paths::ACKNOWLEDGEMENTS, post(acknowledgements::acknowledge))
        .route(paths::EVENTS, get(sse::events))
        .route(paths::DEVICES, post(push::routes::register))
        .route(paths::DEVICE, delete(push::routes::delete))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), merchant_auth));
    let mut app = Router::new().merge(merchant);
    if state.config.admin_token.is_some() {
        let admin = Router::new()
            .route(paths::ADMIN_ORDERS, post(admin::create_order))
            .route(
                paths::ADMIN_CUSTOMER_CANCELLATION,
                post(admin::customer_cancellation),
            )
            .route(
                paths::ADMIN_CLOCK,
                post(admin::advance_clock).get(admin::get_clock),
            )
            .route(
                paths::ADMIN_FAULTS,
                put(admin::set_faults).get(admin::get_faults),
            )
            .route(paths::ADMIN_EFFECTS, get(admin::effects))
            .route(paths::ADMIN_PUSHES, get(push::routes::admin_pushes))
            .layer(middleware::from_fn_with_state(state.clone(), admin_auth));
        app = app.merge(admin);
    }
    app.fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), date_header))
        .with_state(state)
}

/// Starts the background tasks: auto-cancel, key expiry and (if configured) the demo.
pub fn spawn_background(state: &AppState) {
    let tick_state = state.clone();
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(tick_state.config.auto_cancel_tick);
        let mut ticks: u64 = 0;
        loop {
            ticker.tick().await;
            ticks += 1;
            let s = tick_state.clone();
            let outgoing = tokio::task::spawn_blocking(move || {
                let _ = seed::auto_cancel_pass(&s);
                if ticks.is_multiple_of(240) {
                    let _ = idempotency::expire_keys(&s.db.writer(), s.clock.now());
                }
                // After auto-cancel, so the cancellation is pushed in the same tick.
                push::pass(&s)
            })
            .await;
            if let Ok(Ok(outgoing)) = outgoing {
                push::send(&tick_state, outgoing);
            }
        }
    });
    if let Some(rate) = state.config.demo_rate.filter(|r| *r > 0.0) {
        let demo_state = state.clone();
        tokio::spawn(async move {
            let mut ticker = tokio::time::interval(Duration::from_secs_f64(60.0 / rate));
            ticker.tick().await;
            loop {
                ticker.tick().await;
                let s = demo_state.clone();
                let _ = tokio::task::spawn_blocking(move || seed::demo_tick(&s)).await;
            }
        });
    }
}

/// Serves until the listener fails (the caller decides when to stop, by dropping the future).
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    spawn_background(&state);
    axum::serve(listener, router(state)).await
}
