//! Wiring: shared state, the router, HTTP Basic auth with the REST key or an Application
//! Password, the `Date` header
//! from the fake's clock, and admin control on loopback only.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};

use crate::clock::Clock;
use crate::config::{Config, Permissions};
use crate::db::Db;
use crate::error::WcError;
use crate::faults::{self, Faults};
use crate::routes::{admin, authorize, orders, refunds, store};

/// The REST prefix.
pub const WC: &str = "/wp-json/wc/v3";

/// State shared by every handler.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Configuration.
    pub config: Arc<Config>,
    /// Storage.
    pub db: Arc<Db>,
    /// The store's clock.
    pub clock: Arc<Clock>,
    /// Fault injection.
    pub faults: Arc<Faults>,
    approvals: Arc<Mutex<authorize::Approvals>>,
    base: Arc<Mutex<String>>,
}

impl AppState {
    /// Opens the database at `db_path`.
    pub fn open(config: Config, db_path: &Path) -> anyhow::Result<AppState> {
        Ok(AppState {
            db: Arc::new(Db::open(db_path)?),
            config: Arc::new(config),
            clock: Arc::new(Clock::default()),
            faults: Arc::new(Faults::default()),
            approvals: Arc::default(),
            base: Arc::new(Mutex::new("http://127.0.0.1".into())),
        })
    }

    /// The approval page's decision and the Application Passwords it issued.
    pub fn approvals(&self) -> std::sync::MutexGuard<'_, authorize::Approvals> {
        self.approvals.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `http://ADDR`, as the store writes its own links.
    pub fn base(&self) -> String {
        self.base.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Serves until the listener fails.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    if let Ok(addr) = listener.local_addr() {
        *state.base.lock().unwrap_or_else(|e| e.into_inner()) = format!("http://{addr}");
    }
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    // Answers go out at once (no Nagle delay on small writes).
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app).await
}

/// The router.
pub fn router(state: AppState) -> Router {
    let rest = Router::new()
        .route("/orders", get(orders::list).post(orders::create))
        .route("/orders/batch", post(orders::batch))
        .route(
            "/orders/{id}",
            get(orders::get_one)
                .put(orders::update)
                .delete(orders::delete),
        )
        .route(
            "/orders/{id}/notes",
            get(refunds::notes).post(refunds::add_note),
        )
        .route(
            "/orders/{id}/refunds",
            get(refunds::list).post(refunds::create),
        )
        .route("/payment_gateways", get(store::gateways))
        .route("/settings/general", get(store::settings_general))
        .route("/reports/orders/totals", get(store::totals))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), auth));
    let admin = Router::new()
        .route("/orders", post(admin::create))
        .route("/orders/{id}", put(admin::shop_change))
        .route("/faults", get(admin::get_faults).put(admin::set_faults))
        .route("/clock", get(admin::get_clock).post(admin::set_clock))
        .route(
            "/approval",
            get(admin::get_approval).put(admin::set_approval),
        )
        .layer(middleware::from_fn_with_state(state.clone(), admin_auth));
    Router::new()
        .route("/wp-json/", get(store::index))
        .route("/wp-json", get(store::index))
        .route(
            "/wp-admin/authorize-application.php",
            get(authorize::authorize),
        )
        .nest(WC, rest)
        .nest("/mostrador-fake", admin)
        .layer(middleware::from_fn_with_state(state.clone(), date_header))
        .with_state(state)
}

async fn date_header(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let date = state
        .clock
        .now()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    if let Ok(v) = HeaderValue::from_str(&date) {
        response.headers_mut().insert(header::DATE, v);
    }
    response
}

fn b64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.trim().bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

fn credentials(request: &Request) -> Option<(String, String)> {
    if let Some(value) = request.headers().get(header::AUTHORIZATION) {
        let text = value.to_str().ok()?;
        let encoded = text.strip_prefix("Basic ")?;
        let decoded = String::from_utf8(b64_decode(encoded)?).ok()?;
        let (k, s) = decoded.split_once(':')?;
        return Some((k.into(), s.into()));
    }
    let query = request.uri().query()?;
    let pairs = crate::routes::parse_query(query);
    let find = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    Some((find("consumer_key")?, find("consumer_secret")?))
}

async fn auth(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let config = &state.config;
    let Some((key, secret)) = credentials(&request) else {
        return WcError::new(
            401,
            "woocommerce_rest_cannot_view",
            "Sorry, you cannot list resources.",
        )
        .into_response();
    };
    match authorize::check(&state, &key, &secret) {
        Some(true) => return next.run(request).await,
        Some(false) => {
            return WcError::new(
                401,
                "incorrect_password",
                "The provided password is an invalid application password.",
            )
            .into_response();
        }
        None => {}
    }
    if key != config.key {
        return WcError::new(
            401,
            "woocommerce_rest_authentication_error",
            "Consumer key is invalid.",
        )
        .into_response();
    }
    if secret != config.secret {
        return WcError::new(
            401,
            "woocommerce_rest_authentication_error",
            "Consumer secret is invalid.",
        )
        .into_response();
    }
    if config.permissions == Permissions::Read && request.method() != Method::GET {
        return WcError::new(
            401,
            "woocommerce_rest_authentication_error",
            "The API key provided does not have write permissions.",
        )
        .into_response();
    }
    next.run(request).await
}

async fn admin_auth(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let loopback = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_none_or(|c| c.0.ip().is_loopback());
    let expected = state
        .config
        .admin_token
        .as_deref()
        .map(|t| format!("Bearer {t}"));
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    match expected {
        Some(expected) if loopback && given == Some(expected.as_str()) => next.run(request).await,
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}
