//! `Idempotency-Key` handling: claim, replay, reuse detection, and the one-transaction commit
//! of an effect together with its stored response.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use crate::db::Change;
use crate::problem::{ErrorCode, Problem};
use crate::server::AppState;

/// Header carrying the key.
pub const KEY_HEADER: &str = "idempotency-key";
/// Header set on a replayed response.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";
/// How long a key is kept, in seconds of the backend clock.
pub const KEY_TTL_S: i64 = 24 * 3600;

/// Keys whose first request is still running.
#[derive(Debug, Default, Clone)]
pub struct InFlight(Arc<Mutex<HashSet<String>>>);

/// Holds a key as in flight until dropped.
#[derive(Debug)]
pub struct Claim {
    set: InFlight,
    key: String,
}

impl InFlight {
    /// Claims `key`; `request_in_progress` when another request holds it.
    pub fn claim(&self, key: &str) -> Result<Claim, Problem> {
        let mut set = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if !set.insert(key.to_string()) {
            return Err(Problem::new(
                ErrorCode::RequestInProgress,
                "a request with this Idempotency-Key is still running; retry later",
            ));
        }
        Ok(Claim {
            set: self.clone(),
            key: key.to_string(),
        })
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        let mut set = self.set.0.lock().unwrap_or_else(|p| p.into_inner());
        set.remove(&self.key);
    }
}

/// Reads and validates the key: 1–255 printable ASCII characters.
pub fn parse_key(headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(value) = headers.get(KEY_HEADER) else {
        return Ok(None);
    };
    let bytes = value.as_bytes();
    let printable = bytes.iter().all(|b| (0x20..=0x7e).contains(b));
    if bytes.is_empty() || bytes.len() > 255 || !printable {
        return Err(Problem::new(
            ErrorCode::InvalidParameter,
            "Idempotency-Key must be 1 to 255 printable ASCII characters",
        ));
    }
    Ok(Some(String::from_utf8_lossy(bytes).into_owned()))
}

/// What an effect produced: the response to send and store, and the changes to announce.
#[derive(Debug)]
pub struct Applied {
    /// 2xx status.
    pub status: StatusCode,
    /// JSON body.
    pub body: Vec<u8>,
    /// Changed orders.
    pub changes: Vec<Change>,
}

/// Context handed to an effect inside its transaction.
#[derive(Debug, Clone)]
pub struct EffectCtx {
    /// Backend time of the request.
    pub now: DateTime<Utc>,
    /// The request's key, for the effects log.
    pub key: Option<String>,
}

/// How a POST is run.
#[derive(Debug, Clone)]
pub struct PostRequest {
    /// Method.
    pub method: Method,
    /// Path (no query).
    pub path: String,
    /// Raw body, hashed for reuse detection.
    pub body: Bytes,
    /// Whether the key is required (merchant endpoints) or optional (admin).
    pub key_required: bool,
    /// Whether latency and drop-after-commit faults apply.
    pub faults: bool,
}

enum Outcome {
    Fresh(StatusCode, Vec<u8>),
    Replay(StatusCode, Vec<u8>),
}

struct Stored {
    method: String,
    path: String,
    hash: Vec<u8>,
    status: u16,
    body: Vec<u8>,
    created_at: i64,
}

fn lookup(conn: &Connection, key: &str) -> rusqlite::Result<Option<Stored>> {
    conn.query_row(
        "SELECT method, path, body_hash, status, body, created_at FROM idempotency WHERE key = ?1",
        [key],
        |r| {
            Ok(Stored {
                method: r.get(0)?,
                path: r.get(1)?,
                hash: r.get(2)?,
                status: r.get(3)?,
                body: r.get(4)?,
                created_at: r.get(5)?,
            })
        },
    )
    .optional()
}

/// Runs a POST: validates and claims the key, replays a stored response, or applies `effect`
/// and stores its response in the same SQLite transaction, so an effect never applies twice.
pub async fn run_post<F>(
    state: AppState,
    headers: &HeaderMap,
    req: PostRequest,
    effect: F,
) -> Response
where
    F: FnOnce(&Connection, &EffectCtx) -> Result<Applied, Problem> + Send + 'static,
{
    let key = match parse_key(headers) {
        Ok(Some(key)) => Some(key),
        Ok(None) if req.key_required => {
            return Problem::new(
                ErrorCode::MissingIdempotencyKey,
                "send an Idempotency-Key header with every POST",
            )
            .into_response();
        }
        Ok(None) => None,
        Err(problem) => return problem.into_response(),
    };
    let claim = match key.as_deref().map(|k| state.inflight.claim(k)).transpose() {
        Ok(claim) => claim,
        Err(problem) => return problem.into_response(),
    };
    if req.faults {
        let delay = state.faults.latency();
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
    }
    let hash = Sha256::digest(&req.body).to_vec();
    let task_state = state.clone();
    let method = req.method.to_string();
    let path = req.path.clone();
    let outcome =
        tokio::task::spawn_blocking(move || commit(&task_state, key, method, path, hash, effect))
            .await;
    drop(claim);
    match outcome {
        Ok(Ok(Outcome::Fresh(status, body))) => {
            if req.faults && state.faults.drop_after_commit() {
                return dropped_response(status);
            }
            json_response(status, body, false)
        }
        Ok(Ok(Outcome::Replay(status, body))) => json_response(status, body, true),
        Ok(Err(problem)) => problem.into_response(),
        Err(join) => Problem::new(ErrorCode::InternalError, join.to_string()).into_response(),
    }
}

fn commit<F>(
    state: &AppState,
    key: Option<String>,
    method: String,
    path: String,
    hash: Vec<u8>,
    effect: F,
) -> Result<Outcome, Problem>
where
    F: FnOnce(&Connection, &EffectCtx) -> Result<Applied, Problem>,
{
    let mut conn = state.db.writer();
    let now = state.clock.now();
    if let Some(key) = &key
        && let Some(stored) = lookup(&conn, key)?
    {
        if stored.created_at + KEY_TTL_S >= now.timestamp() {
            if stored.method != method || stored.path != path || stored.hash != hash {
                return Err(Problem::new(
                    ErrorCode::IdempotencyKeyReused,
                    "this Idempotency-Key was used for a different request",
                ));
            }
            let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
            return Ok(Outcome::Replay(status, stored.body));
        }
        conn.execute("DELETE FROM idempotency WHERE key = ?1", [key])?;
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let ctx = EffectCtx {
        now,
        key: key.clone(),
    };
    let applied = effect(&tx, &ctx)?;
    if let Some(key) = &key
        && applied.status.is_success()
    {
        tx.execute(
            "INSERT INTO idempotency (key, method, path, body_hash, status, body, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                key,
                method,
                path,
                hash,
                applied.status.as_u16(),
                applied.body,
                now.timestamp()
            ],
        )?;
    }
    tx.commit()?;
    state.announce(applied.changes);
    Ok(Outcome::Fresh(applied.status, applied.body))
}

/// Deletes keys older than the TTL.
pub fn expire_keys(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM idempotency WHERE created_at + ?1 < ?2",
        params![KEY_TTL_S, now.timestamp()],
    )
}

/// A JSON response, optionally marked as replayed.
pub fn json_response(status: StatusCode, body: Vec<u8>, replayed: bool) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if replayed {
        headers.insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
    }
    response
}

/// A response whose body fails at once: hyper aborts the connection, the client sees a
/// transport error although the effect is committed.
fn dropped_response(status: StatusCode) -> Response {
    let failing = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("fault: drop after commit"))
    });
    let mut response = (status, Body::from_stream(failing)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
