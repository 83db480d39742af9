//! Test control (`/v1/admin/*`, admin token only): create orders, cancel as the customer,
//! move the clock, inject faults, read the audit log of applied effects.

use axum::body::Bytes;
use axum::extract::{OriginalUri, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::db;
use crate::demo;
use crate::faults::FaultSettings;
use crate::idempotency::{PostRequest, json_response, run_post};
use crate::model::{Order, rfc3339};
use crate::problem::{ErrorCode, Problem};
use crate::routes::orders::not_found;
use crate::routes::{PathParams, RawBody, order_applied, parse_body, query_param};
use crate::seed;
use crate::server::AppState;

fn admin_post(uri: &OriginalUri, body: Bytes) -> PostRequest {
    PostRequest {
        method: Method::POST,
        path: uri.0.path().to_string(),
        body,
        key_required: false,
        faults: false,
    }
}

fn invalid(detail: impl Into<String>) -> Problem {
    Problem::new(ErrorCode::InvalidBody, detail)
}

/// Overlays the given fields on a generated order and makes the result consistent.
fn build_order(
    base: &Order,
    input: &Map<String, Value>,
    config: &Config,
) -> Result<Order, Problem> {
    let mut value = serde_json::to_value(base)?;
    let obj = value.as_object_mut().ok_or_else(|| invalid("order"))?;
    // Deterministic by default: no random error, a receipt only when paid (set below).
    obj.insert("error".into(), Value::Null);
    obj.insert("documents".into(), json!([]));
    for (key, field) in input {
        if matches!(key.as_str(), "id" | "number" | "version" | "seq") {
            continue;
        }
        match (obj.get_mut(key), field) {
            (Some(Value::Object(existing)), Value::Object(given))
                if matches!(key.as_str(), "payment" | "customer") =>
            {
                existing.extend(given.clone());
            }
            _ => {
                obj.insert(key.clone(), field.clone());
            }
        }
    }
    let given = |k: &str| input.contains_key(k);
    if let Some(Value::Array(items)) = obj.get_mut("items") {
        for item in items.iter_mut().filter_map(Value::as_object_mut) {
            if !item.contains_key("total") {
                let q = item.get("quantity").and_then(Value::as_i64).unwrap_or(0);
                let p = item.get("unit_price").and_then(Value::as_i64).unwrap_or(0);
                let total = q
                    .checked_mul(p)
                    .ok_or_else(|| invalid("an item's quantity × unit_price is out of range"))?;
                item.insert("total".into(), json!(total));
            }
        }
        if !given("total") {
            let sum = items
                .iter()
                .filter_map(|i| i.get("total")?.as_i64())
                .try_fold(0i64, i64::checked_add)
                .ok_or_else(|| invalid("the items' totals add up beyond range"))?;
            obj.insert("total".into(), json!(sum));
        }
    }
    let pay_status_given = input.get("payment").and_then(|p| p.get("status")).is_some();
    let unpaid = obj["payment"]["status"] == "unpaid";
    if !given("paid") {
        let paid = if unpaid {
            json!(0)
        } else {
            obj["total"].clone()
        };
        obj.insert("paid".into(), paid);
    } else if !pay_status_given {
        let status = if obj["paid"].as_i64().unwrap_or(0) > 0 {
            "paid"
        } else {
            "unpaid"
        };
        obj["payment"]["status"] = json!(status);
    }
    if !given("documents") && obj["paid"].as_i64().unwrap_or(0) > 0 {
        let number = &base.number;
        obj.insert(
            "documents".into(),
            json!([{"id": format!("doc_{number}_1"), "kind": "receipt",
                    "number": format!("B-{number}"), "status": "issued", "error": null}]),
        );
    }
    if let Some(Value::Array(docs)) = obj.get_mut("documents") {
        for (i, doc) in docs.iter_mut().filter_map(Value::as_object_mut).enumerate() {
            if !doc.contains_key("id") {
                doc.insert("id".into(), json!(format!("doc_{}_{}", base.number, i + 1)));
            }
        }
        let in_error = docs.iter().any(|d| d["status"] == "error");
        if in_error && !given("error") {
            obj.insert(
                "error".into(),
                json!({"code": "document_error",
                       "message": "No se pudo emitir el documento tributario",
                       "retryable": true}),
            );
        }
    }
    if !given("currency") {
        obj.insert("currency".into(), json!(config.currency.code()));
    }
    // Deterministic by default: not scheduled, no staff notes, unless given.
    if !given("scheduled_for") {
        obj.insert("scheduled_for".into(), Value::Null);
    }
    if !given("staff_notes") {
        obj.insert("staff_notes".into(), json!([]));
    }
    let mut order: Order =
        serde_json::from_value(value).map_err(|e| invalid(format!("order fields: {e}")))?;
    check_amounts(&order)?;
    if !given("updated_at") {
        order.updated_at = order.created_at;
    }
    fill_v1(&mut order, &given, config);
    if !given("history") {
        order.history[0].at = order.created_at;
        if order.status != crate::model::Status::Pending {
            order.history.push(crate::model::HistoryEntry {
                status: order.status,
                at: order.updated_at,
                by: crate::model::Actor::System,
                device: None,
            });
        }
    }
    if order.status == crate::model::Status::Pending {
        if !given("auto_cancel_at") {
            let after = i64::try_from(config.attention.auto_cancel_after_s).unwrap_or(1200);
            order.auto_cancel_at = Some(order.created_at + Duration::seconds(after));
        }
    } else {
        order.auto_cancel_at = None;
    }
    Ok(order)
}

/// Amounts are never negative, and what was refunded is never more than what was paid.
fn check_amounts(order: &Order) -> Result<(), Problem> {
    let negative = [
        ("total", order.total),
        ("paid", order.paid),
        ("refunded", order.refunded),
    ]
    .into_iter()
    .chain(order.items.iter().flat_map(|i| {
        [
            ("items[].quantity", i.quantity),
            ("items[].unit_price", i.unit_price),
            ("items[].total", i.total),
        ]
    }))
    .find(|(_, v)| *v < 0);
    if let Some((field, value)) = negative {
        return Err(invalid(format!("{field} must be ≥ 0, got {value}")));
    }
    if order.refunded > order.paid {
        return Err(invalid(format!(
            "refunded {} is above paid {}",
            order.refunded, order.paid
        )));
    }
    Ok(())
}

/// Keeps the v1 additions consistent with the given fields: `payments` sum to `paid`
/// (one payment of the whole `paid` unless given), an address on delivery and parcel
/// orders only (a fixed one unless given).
fn fill_v1(order: &mut Order, given: &dyn Fn(&str) -> bool, config: &Config) {
    if !given("payments") {
        order.payments.clear();
        if order.paid > 0 {
            order.payments.push(crate::model::PaymentRecord {
                id: format!("pay_{}_1", order.number),
                amount: order.paid,
                method: order.payment.method,
                at: order.created_at,
                reference: None,
                device: None,
            });
        }
    }
    if !given("shipping_address") {
        order.shipping_address = match order.fulfillment {
            crate::model::Fulfillment::Pickup => None,
            _ => Some(crate::addresses::address(
                &mut crate::rng::Rng::new(config.rng_seed),
                config.currency,
            )),
        };
    }
}

/// `POST /v1/admin/orders`: 201 with the created order.
pub async fn create_order(
    State(state): State<AppState>,
    uri: OriginalUri,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let request = admin_post(&uri, body.clone());
    let inner = state.clone();
    run_post(state, &headers, request, move |conn, ctx| {
        let input: Value = parse_body(&body)?;
        let input = input
            .as_object()
            .ok_or_else(|| invalid("expected a JSON object"))?;
        let number = db::take_numbers(conn, 1)?;
        let base = demo::random_order(&mut inner.lock_rng(), &inner.config, number, ctx.now);
        let mut order = build_order(&base, input, &inner.config)?;
        let change = db::insert_order(conn, &mut order)?;
        let detail = json!({"by": "admin"});
        db::record_effect(
            conn,
            &order.id,
            "created",
            ctx.key.as_deref(),
            &detail,
            ctx.now,
        )?;
        order_applied(StatusCode::CREATED, &order, change)
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
struct CustomerCancelBody {
    #[serde(default)]
    reason: Option<String>,
}

/// `POST /v1/admin/orders/{id}/customer-cancellation`: cancels as the customer, full refund.
pub async fn customer_cancellation(
    State(state): State<AppState>,
    PathParams(id): PathParams<String>,
    uri: OriginalUri,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let request = admin_post(&uri, body.clone());
    let inner = state.clone();
    run_post(state, &headers, request, move |conn, ctx| {
        let parsed: CustomerCancelBody = parse_body(&body)?;
        let key = ctx.key.as_deref();
        let (change, order) =
            seed::customer_cancel(conn, &inner, &id, parsed.reason, key, ctx.now)?
                .ok_or_else(|| not_found(&id))?;
        order_applied(StatusCode::OK, &order, change)
    })
    .await
}

#[derive(Debug, Deserialize)]
struct ClockBody {
    advance_s: i64,
}

fn clock_body(state: &AppState) -> Vec<u8> {
    let body =
        json!({"now": rfc3339(state.clock.now()), "offset_s": state.clock.offset_ms() / 1000});
    body.to_string().into_bytes()
}

/// `POST /v1/admin/clock {advance_s}`: moves the clock, then runs the auto-cancel and push
/// passes before answering, so a test sees their effect at once.
pub async fn advance_clock(State(state): State<AppState>, RawBody(body): RawBody) -> Response {
    let parsed: ClockBody = match parse_body(&body) {
        Ok(parsed) => parsed,
        Err(problem) => return problem.into_response(),
    };
    if parsed.advance_s < 0 {
        return invalid("advance_s must be ≥ 0: the clock only moves forward").into_response();
    }
    let task_state = state.clone();
    let result = tokio::task::spawn_blocking(move || -> Result<_, Problem> {
        let state = task_state;
        let offset = state.clock.advance_s(parsed.advance_s);
        db::meta_set(&state.db.writer(), "clock_offset_ms", offset)?;
        seed::auto_cancel_pass(&state)?;
        // The attention steps the jump reached are pushed now, not at the next tick.
        let outgoing = crate::push::pass(&state)?;
        Ok((clock_body(&state), outgoing))
    })
    .await;
    match result {
        Ok(Ok((body, outgoing))) => {
            crate::push::send(&state, outgoing);
            json_response(StatusCode::OK, body, false)
        }
        Ok(Err(problem)) => problem.into_response(),
        Err(err) => Problem::new(ErrorCode::InternalError, err.to_string()).into_response(),
    }
}

/// `GET /v1/admin/clock`.
pub async fn get_clock(State(state): State<AppState>) -> Response {
    json_response(StatusCode::OK, clock_body(&state), false)
}

/// `PUT /v1/admin/faults`: replaces every knob (absent = 0) and reseeds.
pub async fn set_faults(State(state): State<AppState>, RawBody(body): RawBody) -> Response {
    let settings: FaultSettings = match parse_body(&body) {
        Ok(settings) => settings,
        Err(problem) => return problem.into_response(),
    };
    let rates = [
        settings.error_rate,
        settings.rate_limit_rate,
        settings.drop_after_commit_rate,
        settings.document_retry_fail_rate,
    ];
    if rates.iter().any(|r| !(0.0..=1.0).contains(r)) {
        return invalid("rates must be between 0 and 1").into_response();
    }
    state.faults.set(settings);
    get_faults(State(state)).await
}

/// `GET /v1/admin/faults`.
pub async fn get_faults(State(state): State<AppState>) -> Response {
    let body = serde_json::to_vec(&state.faults.get()).unwrap_or_default();
    json_response(StatusCode::OK, body, false)
}

/// `GET /v1/admin/effects?order_id=`: the audit log of applied effects.
pub async fn effects(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let order_id = query_param(query.as_deref(), "order_id").map(str::to_string);
    let rows =
        tokio::task::spawn_blocking(move || db::effects(&state.db.reader(), order_id.as_deref()))
            .await;
    match rows {
        Ok(Ok(rows)) => {
            let body = json!({"effects": rows}).to_string().into_bytes();
            json_response(StatusCode::OK, body, false)
        }
        Ok(Err(err)) => Problem::from(err).into_response(),
        Err(err) => Problem::new(ErrorCode::InternalError, err.to_string()).into_response(),
    }
}
