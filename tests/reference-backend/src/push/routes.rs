//! `POST /v1/devices`, `DELETE /v1/devices/{id}` and `GET /v1/admin/pushes`.

use axum::body::Bytes;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::idempotency::{Applied, PostRequest, run_post};
use crate::problem::{ErrorCode, Problem};
use crate::routes::{PathParams, RawBody, parse_body};
use crate::server::AppState;

#[derive(Debug, Deserialize)]
struct Registration {
    name: String,
    platform: String,
    token: String,
    #[serde(default)]
    lang: Option<String>,
}

fn invalid(detail: impl Into<String>) -> Problem {
    Problem::new(ErrorCode::InvalidBody, detail)
}

/// Checks a registration; the device's language (`es` unless `en`).
fn validate(r: &Registration) -> Result<String, Problem> {
    let name = r.name.trim();
    let printable = name.chars().all(|c| !c.is_control());
    if name.is_empty() || name.chars().count() > 64 || !printable {
        return Err(invalid("name must be 1–64 printable characters"));
    }
    if !matches!(r.platform.as_str(), "apns" | "fcm" | "unifiedpush") {
        return Err(invalid("platform must be apns, fcm or unifiedpush"));
    }
    let token = r.token.trim();
    if token.is_empty() || token.len() > 4096 {
        return Err(invalid("token must be 1–4096 characters"));
    }
    if r.platform == "unifiedpush"
        && !(token.starts_with("http://") || token.starts_with("https://"))
    {
        return Err(invalid(
            "a unifiedpush token is the endpoint URL (http:// or https://)",
        ));
    }
    match r.lang.as_deref() {
        None | Some("es") => Ok("es".into()),
        Some("en") => Ok("en".into()),
        Some(other) => Err(invalid(format!("lang must be es or en, got {other:?}"))),
    }
}

/// `POST /v1/devices`: `201 { "id" }`. The same platform and token again is the same device
/// (its name and language are updated), so a phone never gets a push twice.
pub async fn register(
    State(state): State<AppState>,
    uri: OriginalUri,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let request = PostRequest {
        method: Method::POST,
        path: uri.0.path().to_string(),
        body: body.clone(),
        key_required: true,
        faults: true,
    };
    run_post(state, &headers, request, move |tx, ctx| {
        let r: Registration = parse_body(&body)?;
        let lang = validate(&r)?;
        let token = r.token.trim();
        let known: Option<String> = tx
            .query_row(
                "SELECT id FROM devices WHERE platform = ?1 AND token = ?2",
                params![r.platform, token],
                |row| row.get(0),
            )
            .optional()?;
        let id =
            match known {
                Some(id) => {
                    tx.execute(
                        "UPDATE devices SET name = ?1, lang = ?2 WHERE id = ?3",
                        params![r.name.trim(), lang, id],
                    )?;
                    id
                }
                None => {
                    let id = new_id(&body, ctx.now.timestamp_micros());
                    let since: i64 =
                        tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM orders", [], |row| {
                            row.get(0)
                        })?;
                    tx.execute(
                    "INSERT INTO devices (id, name, platform, token, lang, created_at, since_seq)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![id, r.name.trim(), r.platform, token, lang, ctx.now.timestamp(), since],
                )?;
                    id
                }
            };
        Ok(Applied {
            status: StatusCode::CREATED,
            body: serde_json::to_vec(&json!({ "id": id }))?,
            changes: Vec::new(),
        })
    })
    .await
}

/// An id that does not repeat: a hash of the body and the time.
fn new_id(body: &Bytes, micros: i64) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(body);
    h.update(micros.to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    let digest = h.finalize();
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("dev_{hex}")
}

/// `DELETE /v1/devices/{id}`: `204`, or `404 not_found`.
pub async fn delete(State(state): State<AppState>, PathParams(id): PathParams<String>) -> Response {
    let removed = tokio::task::spawn_blocking(move || {
        state
            .db
            .writer()
            .execute("DELETE FROM devices WHERE id = ?1", [&id])
    })
    .await;
    match removed {
        Ok(Ok(0)) => Problem::new(ErrorCode::NotFound, "no such device").into_response(),
        Ok(Ok(_)) => StatusCode::NO_CONTENT.into_response(),
        Ok(Err(err)) => Problem::from(err).into_response(),
        Err(err) => Problem::new(ErrorCode::InternalError, err.to_string()).into_response(),
    }
}

/// `GET /v1/admin/pushes`: every push (APNs/FCM ones are only recorded here), the devices, and
/// the e-mail escalations, oldest first.
pub async fn admin_pushes(State(state): State<AppState>) -> Response {
    let read = tokio::task::spawn_blocking(move || -> rusqlite::Result<Value> {
        let conn = state.db.reader();
        let mut stmt = conn.prepare(
            "SELECT id, device_id, platform, order_id, kind, payload, status, attempts, at
             FROM pushes ORDER BY id",
        )?;
        let pushes = stmt
            .query_map([], |r| {
                let payload: String = r.get(5)?;
                let payload: Value = serde_json::from_str(&payload).unwrap_or(Value::Null);
                Ok(json!({
                    "id": r.get::<_, i64>(0)?,
                    "device_id": r.get::<_, String>(1)?,
                    "platform": r.get::<_, String>(2)?,
                    "order_id": r.get::<_, String>(3)?,
                    "kind": r.get::<_, String>(4)?,
                    "title": payload["title"],
                    "body": payload["body"],
                    "seq": payload["seq"],
                    "status": r.get::<_, String>(6)?,
                    "attempts": r.get::<_, i64>(7)?,
                    "at": r.get::<_, String>(8)?,
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt =
            conn.prepare("SELECT id, name, platform, lang FROM devices ORDER BY created_at, id")?;
        let devices = stmt
            .query_map([], |r| {
                Ok(json!({
                    "id": r.get::<_, String>(0)?,
                    "name": r.get::<_, String>(1)?,
                    "platform": r.get::<_, String>(2)?,
                    "lang": r.get::<_, String>(3)?,
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt =
            conn.prepare("SELECT order_id, to_addr, status, at FROM escalations ORDER BY at")?;
        let emails = stmt
            .query_map([], |r| {
                Ok(json!({
                    "order_id": r.get::<_, String>(0)?,
                    "to": r.get::<_, String>(1)?,
                    "status": r.get::<_, String>(2)?,
                    "at": r.get::<_, String>(3)?,
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(json!({ "pushes": pushes, "devices": devices, "emails": emails }))
    })
    .await;
    match read {
        Ok(Ok(body)) => axum::Json(body).into_response(),
        Ok(Err(err)) => Problem::from(err).into_response(),
        Err(err) => Problem::new(ErrorCode::InternalError, err.to_string()).into_response(),
    }
}
