//! `/orders/{id}/refunds` and `/orders/{id}/notes`. No idempotency: the same refund posted
//! twice is made twice, as on the real store.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::written;
use crate::db::{self, gmt};
use crate::error::WcError;
use crate::money;
use crate::server::AppState;
use crate::{lifecycle, render};

fn no_order() -> WcError {
    WcError {
        status: 404,
        code: "woocommerce_rest_invalid_order_id".into(),
        message: "Invalid order ID.".into(),
        data: json!(404),
    }
}

fn listed(state: &AppState, kind: &str, id: i64) -> Response {
    let result = {
        let conn = state.db.conn();
        db::order(&conn, id).and_then(|o| Ok((o, db::children(&conn, kind, id)?)))
    };
    match result {
        Ok((Some(_), rows)) => {
            let base = state.base();
            let body: Vec<Value> = rows
                .iter()
                .map(|r| render::child_out(&base, kind, id, r))
                .collect();
            let mut headers = HeaderMap::new();
            headers.insert("X-WP-Total", HeaderValue::from(body.len()));
            headers.insert("X-WP-TotalPages", HeaderValue::from(1));
            (headers, Json(Value::Array(body))).into_response()
        }
        Ok((None, _)) => no_order().into_response(),
        Err(e) => WcError::from(e).into_response(),
    }
}

/// `GET /orders/{id}/refunds`, newest first.
pub async fn list(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    listed(&state, "refunds", id)
}

/// `GET /orders/{id}/notes`, newest first.
pub async fn notes(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    listed(&state, "notes", id)
}

/// `POST /orders/{id}/notes {"note","customer_note"}`.
pub async fn add_note(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Json(body): Json<Value>,
) -> Response {
    let Some(text) = body["note"].as_str().filter(|t| !t.is_empty()) else {
        return WcError::new(
            400,
            "rest_missing_callback_param",
            "Missing parameter(s): note",
        )
        .into_response();
    };
    let result = {
        let conn = state.db.conn();
        match db::order(&conn, id) {
            Ok(Some(_)) => render::add_note(
                &conn,
                &state.config,
                id,
                text,
                body["customer_note"].as_bool().unwrap_or(false),
                state.clock.now(),
            ),
            Ok(None) => Err(no_order()),
            Err(e) => Err(e.into()),
        }
    };
    match result {
        Ok(note) => written(
            &state,
            StatusCode::CREATED,
            render::child_out(&state.base(), "notes", id, &note),
        ),
        Err(e) => e.into_response(),
    }
}

fn create_in(state: &AppState, id: i64, body: &Value) -> Result<Value, WcError> {
    let config = &state.config;
    let d = config.decimals;
    let now = state.clock.now();
    let conn = state.db.conn();
    let mut order = db::order(&conn, id)?.ok_or_else(no_order)?;
    let amount = match &body["amount"] {
        Value::String(s) => money::parse(s, d),
        Value::Number(n) => n.as_i64().map(|n| n * 10_i64.pow(d)),
        _ => Some(0),
    }
    .ok_or_else(|| WcError::cannot_refund("Invalid refund amount."))?;
    if amount <= 0 {
        return Err(WcError {
            status: 400,
            code: "woocommerce_rest_invalid_order_refund".into(),
            message: "Refund amount must be greater than zero.".into(),
            data: json!(400),
        });
    }
    let total = render::amount(&order["total"], d);
    let remaining = total - lifecycle::refunded(&order, d);
    if amount > remaining {
        return Err(WcError::cannot_refund("Invalid refund amount."));
    }
    // WooCommerce's default is to refund through the gateway.
    let api_refund = body["api_refund"].as_bool().unwrap_or(true);
    if api_refund {
        let method = order["payment_method"].as_str().unwrap_or_default();
        if !config.gateway(method).is_some_and(|g| g.refunds) {
            return Err(WcError::cannot_refund(
                "The payment gateway for this order does not support automatic refunds.",
            ));
        }
    }
    let reason = body["reason"].as_str().unwrap_or_default();
    let refund_id = db::next_id(&conn, "post")?;
    let mut refund = json!({
        "id": refund_id,
        "date_created": config.tz().local(now),
        "date_created_gmt": gmt(now),
        "amount": money::format(amount, d),
        "reason": reason,
        "refunded_by": 1,
        "refunded_payment": api_refund,
        "meta_data": [],
        "line_items": [],
        "shipping_lines": [],
        "tax_lines": [],
        "fee_lines": [],
    });
    render::merge_meta(&conn, &mut refund["meta_data"], &body["meta_data"])?;
    db::put_child(&conn, "refunds", id, &refund)?;
    if let Some(list) = order["refunds"].as_array_mut() {
        list.push(json!({ "id": refund_id, "reason": reason, "total": money::format(-amount, d) }));
    }
    if amount == remaining {
        lifecycle::set_status(&conn, config, &mut order, "refunded", now)?;
    }
    lifecycle::touch(config, &mut order, now);
    lifecycle::derive(&mut order, d);
    db::put_order(&conn, &order)?;
    Ok(refund)
}

/// `POST /orders/{id}/refunds {"amount","reason","api_refund","meta_data"}`.
pub async fn create(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Json(body): Json<Value>,
) -> Response {
    match create_in(&state, id, &body) {
        Ok(refund) => {
            let out = render::child_out(&state.base(), "refunds", id, &refund);
            let mut response = written(&state, StatusCode::CREATED, out);
            let location = format!(
                "{}/wp-json/wc/v3/orders/{id}/refunds/{}",
                state.base(),
                refund["id"]
            );
            if let Ok(v) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, v);
            }
            response
        }
        Err(e) => e.into_response(),
    }
}
