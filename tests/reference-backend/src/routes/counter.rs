//! The v1 additions at the counter: `POST /v1/orders/{id}/payments` and `/notes`.

use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::counter::{self, TakePayment};
use crate::db;
use crate::idempotency::run_post;
use crate::model::PaymentMethod;
use crate::routes::orders::{merchant_post, not_found};
use crate::routes::{PathParams, RawBody, order_applied, parse_body};
use crate::server::AppState;

#[derive(Debug, Deserialize)]
struct PaymentBody {
    #[serde(default)]
    amount: Value,
    method: PaymentMethod,
    #[serde(default)]
    reference: Option<String>,
}

/// `POST /v1/orders/{id}/payments`.
pub async fn take_payment(
    State(state): State<AppState>,
    PathParams(id): PathParams<String>,
    uri: OriginalUri,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let request = merchant_post(&uri, body.clone());
    let device = match counter::device_name(&headers) {
        Ok(device) => device,
        Err(problem) => return problem.into_response(),
    };
    run_post(state, &headers, request, move |conn, ctx| {
        let parsed: PaymentBody = parse_body(&body)?;
        let payment = TakePayment {
            amount: counter::validate_payment_amount(&parsed.amount)?,
            method: parsed.method,
            reference: counter::validate_reference(parsed.reference.as_deref())?,
            device: device.clone(),
        };
        let mut order = db::load_order(conn, &id)?.ok_or_else(|| not_found(&id))?;
        counter::take_payment(&mut order, &payment, ctx.now)?;
        let change = db::update_order(conn, &mut order, ctx.now)?;
        let detail = json!({
            "amount": payment.amount,
            "method": payment.method,
            "device": payment.device,
            "paid": order.paid,
            "version": order.version,
        });
        db::record_effect(conn, &id, "payment", ctx.key.as_deref(), &detail, ctx.now)?;
        order_applied(StatusCode::OK, &order, change)
    })
    .await
}

#[derive(Debug, Deserialize)]
struct NoteBody {
    #[serde(default)]
    text: Option<String>,
}

/// `POST /v1/orders/{id}/notes`.
pub async fn add_note(
    State(state): State<AppState>,
    PathParams(id): PathParams<String>,
    uri: OriginalUri,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Response {
    let request = merchant_post(&uri, body.clone());
    let device = match counter::device_name(&headers) {
        Ok(device) => device,
        Err(problem) => return problem.into_response(),
    };
    run_post(state, &headers, request, move |conn, ctx| {
        let parsed: NoteBody = parse_body(&body)?;
        let text = counter::validate_note(parsed.text.as_deref())?;
        let mut order = db::load_order(conn, &id)?.ok_or_else(|| not_found(&id))?;
        counter::add_note(&mut order, text.clone(), device.clone(), ctx.now);
        let change = db::update_order(conn, &mut order, ctx.now)?;
        let detail = json!({"text": text, "device": device, "version": order.version});
        db::record_effect(conn, &id, "note", ctx.key.as_deref(), &detail, ctx.now)?;
        order_applied(StatusCode::OK, &order, change)
    })
    .await
}
