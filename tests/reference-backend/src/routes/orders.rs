//! The merchant endpoints: store, listing, one order, transitions, cancellations, retries.

use axum::body::Bytes;
use axum::extract::{OriginalUri, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::db;
use crate::idempotency::{self, PostRequest, run_post};
use crate::model::{Actor, Status};
use crate::problem::{ErrorCode, Problem};
use crate::routes::{PathParams, RawBody, non_negative, order_applied, parse_body, query_param};
use crate::rules::{self, CancelOrder};
use crate::server::AppState;

/// Default page size of the listing.
pub const DEFAULT_LIMIT: i64 = 200;
/// Largest page size of the listing.
pub const MAX_LIMIT: i64 = 1000;

/// `GET /v1/store`.
pub async fn store(State(state): State<AppState>) -> Response {
    let c = &state.config;
    axum::Json(json!({
        "id": c.store_id,
        "name": c.store_name,
        "currency": c.currency.code(),
        "timezone": c.timezone,
        "locale": c.locale,
        "cancel_window_days": c.cancel_window_days,
        "attention": c.attention,
        "status_labels": c.status_labels,
        "refund_fee": c.refund_fee,
        "features": ["acknowledgements"],
    }))
    .into_response()
}

fn listing_params(query: Option<&str>) -> Result<(i64, i64), Problem> {
    let after = match query_param(query, "after") {
        Some(text) => non_negative("after", text)?,
        None => 0,
    };
    let limit = match query_param(query, "limit") {
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => {
                return Err(Problem::new(
                    ErrorCode::InvalidParameter,
                    format!("limit must be an integer from 1 to {MAX_LIMIT}, got {text:?}"),
                ));
            }
        },
        None => DEFAULT_LIMIT,
    };
    Ok((after, limit))
}

/// `GET /v1/orders?after&limit`: the stored JSON of each order is spliced in as is.
pub async fn list(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let (after, limit) = match listing_params(query.as_deref()) {
        Ok(params) => params,
        Err(problem) => return problem.into_response(),
    };
    let page =
        tokio::task::spawn_blocking(move || db::page(&state.db.reader(), after, limit)).await;
    let page = match page {
        Ok(Ok(page)) => page,
        Ok(Err(err)) => return Problem::from(err).into_response(),
        Err(err) => return Problem::new(ErrorCode::InternalError, err.to_string()).into_response(),
    };
    let size: usize = page.orders.iter().map(|o| o.len() + 1).sum();
    let mut body = String::with_capacity(size + 64);
    body.push_str("{\"orders\":[");
    for (i, order) in page.orders.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(order);
    }
    body.push_str(&format!(
        "],\"next_after\":{},\"has_more\":{}}}",
        page.next_after, page.has_more
    ));
    idempotency::json_response(StatusCode::OK, body.into_bytes(), false)
}

/// `GET /v1/orders/{id}`.
pub async fn get_order(
    State(state): State<AppState>,
    PathParams(id): PathParams<String>,
) -> Response {
    let lookup = id.clone();
    let json =
        tokio::task::spawn_blocking(move || db::order_json(&state.db.reader(), &lookup)).await;
    match json {
        Ok(Ok(Some(json))) => idempotency::json_response(StatusCode::OK, json.into_bytes(), false),
        Ok(Ok(None)) => not_found(&id).into_response(),
        Ok(Err(err)) => Problem::from(err).into_response(),
        Err(err) => Problem::new(ErrorCode::InternalError, err.to_string()).into_response(),
    }
}

/// `not_found` for an order id.
pub fn not_found(id: &str) -> Problem {
    Problem::new(ErrorCode::NotFound, format!("no order {id}"))
}

pub(crate) fn merchant_post(uri: &OriginalUri, body: Bytes) -> PostRequest {
    PostRequest {
        method: Method::POST,
        path: uri.0.path().to_string(),
        body,
        key_required: true,
        faults: true,
    }
}

#[derive(Debug, Deserialize)]
struct TransitionBody {
    to: Status,
    #[serde(default)]
    expected_version: Option<i64>,
}

/// `POST /v1/orders/{id}/transitions`.
pub async fn transition(
    State(state): State<AppState>,
    PathParams(id): PathParams<String>,
    uri: OriginalUri,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let request = merchant_post(&uri, body.clone());
    run_post(state, &headers, request, move |conn, ctx| {
        let parsed: TransitionBody = parse_body(&body)?;
        let mut order = db::load_order(conn, &id)?.ok_or_else(|| not_found(&id))?;
        rules::check_version(&order, parsed.expected_version)?;
        let from = order.status;
        rules::transition(&mut order, parsed.to, ctx.now)?;
        let change = db::update_order(conn, &mut order, ctx.now)?;
        let detail = json!({"from": from, "to": parsed.to, "version": order.version});
        db::record_effect(
            conn,
            &id,
            "transition",
            ctx.key.as_deref(),
            &detail,
            ctx.now,
        )?;
        order_applied(StatusCode::OK, &order, change)
    })
    .await
}

#[derive(Debug, Deserialize)]
struct CancelBody {
    #[serde(default)]
    reason: Option<String>,
    refund_amount: Value,
    #[serde(default)]
    expected_version: Option<i64>,
}

/// `POST /v1/orders/{id}/cancellations`.
pub async fn cancel(
    State(state): State<AppState>,
    PathParams(id): PathParams<String>,
    uri: OriginalUri,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let request = merchant_post(&uri, body.clone());
    let config = state.config.clone();
    run_post(state, &headers, request, move |conn, ctx| {
        let parsed: CancelBody = parse_body(&body)?;
        let reason = rules::validate_reason(parsed.reason.as_deref().unwrap_or(""))?;
        let refund_amount = rules::validate_amount(&parsed.refund_amount)?;
        let mut order = db::load_order(conn, &id)?.ok_or_else(|| not_found(&id))?;
        rules::check_version(&order, parsed.expected_version)?;
        let cancel = CancelOrder {
            reason,
            refund_amount,
            by: Actor::Merchant,
            enforce_window: true,
        };
        rules::cancel(&mut order, &cancel, ctx.now, &config)?;
        let change = db::update_order(conn, &mut order, ctx.now)?;
        let detail = json!({
            "by": "merchant",
            "refund_amount": refund_amount,
            "reason": cancel.reason,
            "version": order.version,
        });
        db::record_effect(
            conn,
            &id,
            "cancellation",
            ctx.key.as_deref(),
            &detail,
            ctx.now,
        )?;
        order_applied(StatusCode::OK, &order, change)
    })
    .await
}

/// `POST /v1/orders/{id}/documents/{doc_id}/retry` (the body is ignored).
pub async fn retry_document(
    State(state): State<AppState>,
    PathParams((id, doc_id)): PathParams<(String, String)>,
    uri: OriginalUri,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let request = merchant_post(&uri, body);
    let fail = state.faults.document_retry_fails();
    run_post(state, &headers, request, move |conn, ctx| {
        let mut order = db::load_order(conn, &id)?.ok_or_else(|| not_found(&id))?;
        rules::retry_document(&mut order, &doc_id, fail)?;
        let change = db::update_order(conn, &mut order, ctx.now)?;
        let detail = json!({"document_id": doc_id, "issued": !fail, "version": order.version});
        db::record_effect(
            conn,
            &id,
            "document_retry",
            ctx.key.as_deref(),
            &detail,
            ctx.now,
        )?;
        order_applied(StatusCode::OK, &order, change)
    })
    .await
}
