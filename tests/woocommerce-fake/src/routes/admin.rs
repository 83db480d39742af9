//! Admin control (`/mostrador-fake/*`, bearer admin token, loopback only): create orders,
//! change them as the shop would in wp-admin, faults, the clock, the approval page's answer.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::orders::{apply_update, create_in};
use crate::db::{gmt, parse_gmt};
use crate::faults::FaultSettings;
use crate::render;
use crate::server::AppState;

/// `POST /mostrador-fake/orders`: one order from a spec (line items may carry their own
/// `name`, `sku` and `price`), or `{"count": n, "spec": {…}}` for n of them.
pub async fn create(State(state): State<AppState>, Json(body): Json<Value>) -> Response {
    let base = state.base();
    if let Some(n) = body["count"].as_u64() {
        let mut out = Vec::new();
        for _ in 0..n {
            match create_in(&state, &body["spec"]) {
                Ok(o) => out.push(json!(o["id"])),
                Err(e) => return e.into_response(),
            }
        }
        return (StatusCode::CREATED, Json(json!({ "ids": out }))).into_response();
    }
    match create_in(&state, &body) {
        Ok(o) => (StatusCode::CREATED, Json(render::order_out(&base, &o))).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `PUT /mostrador-fake/orders/{id}`: a change by the shop (status, meta, set_paid), with
/// no faults; bumps `date_modified` like any save. `raw` writes fields as they are.
pub async fn shop_change(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Json(body): Json<Value>,
) -> Response {
    let result = {
        let conn = state.db.conn();
        apply_update(&state, &conn, id, &body, 404).and_then(|mut order| {
            // `raw`: fields written as they are, the way a broken plugin would (tests of
            // malformed orders).
            if let Some(raw) = body["raw"].as_object() {
                for (k, v) in raw {
                    order[k.as_str()] = v.clone();
                }
                crate::db::put_order(&conn, &order)?;
            }
            Ok(order)
        })
    };
    match result {
        Ok(o) => Json(render::order_out(&state.base(), &o)).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /mostrador-fake/faults`.
pub async fn get_faults(State(state): State<AppState>) -> Json<FaultSettings> {
    Json(state.faults.get())
}

/// `PUT /mostrador-fake/faults`.
pub async fn set_faults(
    State(state): State<AppState>,
    Json(settings): Json<FaultSettings>,
) -> Json<FaultSettings> {
    state.faults.set(settings);
    Json(state.faults.get())
}

/// The body of `POST /mostrador-fake/clock`.
#[derive(Debug, Deserialize)]
pub struct ClockChange {
    /// Freeze at this GMT time (`null`: run with the machine's clock).
    #[serde(default)]
    pub frozen_at: Option<Option<String>>,
    /// Then move forward by this many seconds.
    #[serde(default)]
    pub advance_s: Option<i64>,
}

fn clock_json(state: &AppState) -> Value {
    json!({ "now": gmt(state.clock.now()), "frozen": state.clock.is_frozen() })
}

/// `GET /mostrador-fake/clock`.
pub async fn get_clock(State(state): State<AppState>) -> Json<Value> {
    Json(clock_json(&state))
}

/// `POST /mostrador-fake/clock`.
pub async fn set_clock(State(state): State<AppState>, Json(change): Json<ClockChange>) -> Response {
    if let Some(frozen) = change.frozen_at {
        match frozen.as_deref().map(parse_gmt) {
            None => state.clock.set(None),
            Some(Some(at)) => state.clock.set(Some(at)),
            Some(None) => {
                return (StatusCode::BAD_REQUEST, "frozen_at: not a date").into_response();
            }
        }
    }
    if let Some(s) = change.advance_s {
        state.clock.advance(chrono::Duration::seconds(s));
    }
    Json(clock_json(&state)).into_response()
}

/// `GET /mostrador-fake/approval`: whether the approval page refuses, and what it issued
/// (passwords left out).
pub async fn get_approval(State(state): State<AppState>) -> Json<Value> {
    let approvals = state.approvals();
    Json(json!({ "approve": !approvals.refuse, "issued": approvals.issued }))
}

/// `PUT /mostrador-fake/approval {"approve": false}`: the stand-in owner refuses from now on.
pub async fn set_approval(State(state): State<AppState>, Json(body): Json<Value>) -> Json<Value> {
    state.approvals().refuse = body["approve"].as_bool() == Some(false);
    get_approval(State(state)).await
}
