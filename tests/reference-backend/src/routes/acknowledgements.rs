//! `POST /v1/orders/{id}/acknowledgements`: someone at the shop has seen the order (API.md v1
//! additions). The first call sets `acknowledged_at`/`acknowledged_by` and announces the change
//! as `kind: "acknowledged"`; later calls change nothing and answer the order as it is.

use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::db;
use crate::idempotency::{Applied, run_post};
use crate::routes::orders::{merchant_post, not_found};
use crate::routes::{PathParams, RawBody, order_applied};
use crate::server::AppState;

/// The `Device-Name` header when it is 1–64 printable characters (API.md), else `None`.
pub fn device_name(headers: &HeaderMap) -> Option<String> {
    let name = headers.get("device-name")?.to_str().ok()?.trim();
    let ok = (1..=64).contains(&name.chars().count()) && !name.chars().any(char::is_control);
    ok.then(|| name.to_string())
}

/// `POST /v1/orders/{id}/acknowledgements` (body `{}`, ignored).
pub async fn acknowledge(
    State(state): State<AppState>,
    PathParams(id): PathParams<String>,
    uri: OriginalUri,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let request = merchant_post(&uri, body);
    let device = device_name(&headers);
    run_post(state, &headers, request, move |conn, ctx| {
        let mut order = db::load_order(conn, &id)?.ok_or_else(|| not_found(&id))?;
        if order.acknowledged_at.is_some() {
            return Ok(Applied {
                status: StatusCode::OK,
                body: serde_json::to_vec(&order)?,
                changes: Vec::new(),
            });
        }
        order.acknowledged_at = Some(ctx.now);
        order.acknowledged_by = device.clone();
        let mut change = db::update_order(conn, &mut order, ctx.now)?;
        change.kind = "acknowledged";
        let detail = json!({"device": device, "version": order.version});
        db::record_effect(
            conn,
            &id,
            "acknowledgement",
            ctx.key.as_deref(),
            &detail,
            ctx.now,
        )?;
        order_applied(StatusCode::OK, &order, change)
    })
    .await
}
