//! `/orders`: the list with its quirks, one order, updates, trash and force-delete, batch.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde_json::{Value, json};

use super::{Params, written};
use crate::db::{self, ListQuery, gmt, parse_gmt};
use crate::error::WcError;
use crate::lifecycle;
use crate::render::{self, is_writable_status};
use crate::server::AppState;

fn out_of_bounds(param: &str, lo: i64, hi: i64) -> WcError {
    WcError::invalid_param(
        param,
        &format!("{param} must be between {lo} (inclusive) and {hi} (inclusive)"),
        "rest_out_of_bounds",
    )
}

fn int_param(p: &Params, name: &str, default: i64, lo: i64, hi: i64) -> Result<i64, WcError> {
    match p.get(name) {
        None => Ok(default),
        Some(text) => match text.parse::<i64>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(n),
            Ok(_) => Err(out_of_bounds(name, lo, hi)),
            Err(_) => Err(WcError::invalid_param(
                name,
                &format!("{name} is not of type integer."),
                "rest_invalid_type",
            )),
        },
    }
}

/// A `modified_after`-style date as a GMT second: read as GMT with `dates_are_gmt`, else in
/// the site's time zone (an explicit offset or `Z` always wins).
fn date_param(state: &AppState, p: &Params, name: &str) -> Result<Option<String>, WcError> {
    let Some(text) = p.get(name) else {
        return Ok(None);
    };
    let invalid = || WcError::invalid_param(name, "Invalid date.", "rest_invalid_date");
    let has_zone = text.ends_with('Z') || text.get(19..).is_some_and(|t| t.contains(['+', '-']));
    let at = if has_zone || p.flag("dates_are_gmt") {
        parse_gmt(text).ok_or_else(invalid)?
    } else {
        let local = NaiveDateTime::parse_from_str(text, db::DATE_FMT).map_err(|_| invalid())?;
        state.config.tz().to_utc(local).ok_or_else(invalid)?
    };
    Ok(Some(gmt(at)))
}

fn parse_list_query(state: &AppState, p: &Params) -> Result<ListQuery, WcError> {
    let per_page = int_param(p, "per_page", 10, 1, 100)?;
    let page = int_param(p, "page", 1, 1, i64::MAX)?;
    let statuses = match p.list("status") {
        None => None,
        Some(list) if list.iter().any(|s| s == "any") => None,
        Some(list) => {
            if let Some(bad) = list
                .iter()
                .find(|s| *s != "trash" && !is_writable_status(s))
            {
                let _ = bad;
                return Err(WcError::invalid_param(
                    "status",
                    "status[0] is not one of any, trash, auto-draft, pending, processing, \
                     on-hold, completed, cancelled, refunded, failed, and checkout-draft.",
                    "rest_not_in_enum",
                ));
            }
            Some(list)
        }
    };
    let orderby = p.get("orderby").unwrap_or("date").to_string();
    if !matches!(
        orderby.as_str(),
        "date" | "id" | "include" | "title" | "slug" | "modified"
    ) {
        return Err(WcError::invalid_param(
            "orderby",
            "orderby is not one of date, id, include, title, slug, and modified.",
            "rest_not_in_enum",
        ));
    }
    let asc = match p.get("order").unwrap_or("desc") {
        "asc" => true,
        "desc" => false,
        _ => {
            return Err(WcError::invalid_param(
                "order",
                "order is not one of asc and desc.",
                "rest_not_in_enum",
            ));
        }
    };
    let include = p
        .list("include")
        .map(|ids| ids.iter().filter_map(|i| i.parse().ok()).collect());
    Ok(ListQuery {
        statuses,
        modified_after: date_param(state, p, "modified_after")?,
        modified_before: date_param(state, p, "modified_before")?,
        include,
        search: p
            .get("search")
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        orderby,
        asc,
        per_page,
        page,
    })
}

/// `GET /orders`.
pub async fn list(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let p = Params::new(raw.as_deref());
    let query = match parse_list_query(&state, &p) {
        Ok(q) => q,
        Err(e) => return e.into_response(),
    };
    let result = db::list(&state.db.conn(), &query);
    let (total, orders) = match result {
        Ok(r) => r,
        Err(e) => return WcError::from(e).into_response(),
    };
    let fields = p.list("_fields");
    let base = state.base();
    let body: Vec<Value> = orders
        .iter()
        .map(|o| render::only_fields(render::order_out(&base, o), fields.as_deref()))
        .collect();
    let pages = (total + query.per_page - 1) / query.per_page;
    let mut headers = HeaderMap::new();
    headers.insert("X-WP-Total", HeaderValue::from(total));
    headers.insert("X-WP-TotalPages", HeaderValue::from(pages));
    (headers, Json(Value::Array(body))).into_response()
}

fn load(conn: &Connection, id: i64, missing: u16) -> Result<Value, WcError> {
    db::order(conn, id)?.ok_or_else(|| WcError::invalid_order(missing))
}

/// `GET /orders/{id}` (a trashed order comes back with `status: trash`).
pub async fn get_one(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = Params::new(raw.as_deref());
    let result = load(&state.db.conn(), id, 404);
    match result {
        Ok(order) => Json(render::only_fields(
            render::order_out(&state.base(), &order),
            p.list("_fields").as_deref(),
        ))
        .into_response(),
        Err(e) => e.into_response(),
    }
}

/// Applies a `PUT` body to an order and saves it (the shop's admin changes go through here
/// too). Every save bumps `date_modified`, as WooCommerce's does.
pub fn apply_update(
    state: &AppState,
    conn: &Connection,
    id: i64,
    body: &Value,
    missing: u16,
) -> Result<Value, WcError> {
    let config = &state.config;
    let now = state.clock.now();
    let mut order = load(conn, id, missing)?;
    if let Some(status) = body.get("status").and_then(Value::as_str)
        && !is_writable_status(status)
    {
        return Err(WcError::bad_status());
    }
    for part in ["billing", "shipping"] {
        if let Some(given) = body.get(part).and_then(Value::as_object) {
            for (k, v) in given {
                if order[part].get(k).is_some() && v.is_string() {
                    order[part][k] = v.clone();
                }
            }
        }
    }
    // Plain writable strings of the order schema.
    for field in [
        "customer_note",
        "payment_method",
        "payment_method_title",
        "transaction_id",
    ] {
        if let Some(text) = body.get(field).and_then(Value::as_str) {
            order[field] = json!(text);
        }
    }
    render::merge_meta(conn, &mut order["meta_data"], &body["meta_data"])?;
    if let Some(status) = body.get("status").and_then(Value::as_str) {
        lifecycle::set_status(conn, config, &mut order, status, now)?;
    }
    lifecycle::derive(&mut order, config.decimals);
    // As WooCommerce's REST controller does after the save: `set_paid` runs
    // `payment_complete()` only while the order needs payment (`pending` / `failed` with a
    // total); on a `processing` or `on-hold` order it changes nothing.
    if body["set_paid"].as_bool() == Some(true) && order["needs_payment"].as_bool() == Some(true) {
        lifecycle::set_paid(conn, config, &mut order, now)?;
    }
    lifecycle::touch(config, &mut order, now);
    lifecycle::derive(&mut order, config.decimals);
    db::put_order(conn, &order)?;
    Ok(order)
}

/// `PUT /orders/{id}`.
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Json(body): Json<Value>,
) -> Response {
    let result = {
        let conn = state.db.conn();
        apply_update(&state, &conn, id, &body, 404)
    };
    match result {
        Ok(order) => written(
            &state,
            StatusCode::OK,
            render::order_out(&state.base(), &order),
        ),
        Err(e) => e.into_response(),
    }
}

/// `POST /orders`.
pub async fn create(State(state): State<AppState>, Json(body): Json<Value>) -> Response {
    let result = create_in(&state, &body);
    match result {
        Ok(order) => written(
            &state,
            StatusCode::CREATED,
            render::order_out(&state.base(), &order),
        ),
        Err(e) => e.into_response(),
    }
}

/// Creates and saves one order.
pub fn create_in(state: &AppState, body: &Value) -> Result<Value, WcError> {
    let conn = state.db.conn();
    let order = render::new_order(&conn, &state.config, state.clock.now(), body)?;
    db::put_order(&conn, &order)?;
    Ok(order)
}

fn delete_in(
    state: &AppState,
    conn: &Connection,
    id: i64,
    force: bool,
    missing: u16,
) -> Result<Value, WcError> {
    let order = load(conn, id, missing)?;
    if force {
        db::delete_order(conn, id)?;
        return Ok(order);
    }
    if order["status"] == "trash" {
        return Err(WcError::new(
            410,
            "woocommerce_rest_already_trashed",
            "The order has already been deleted.",
        ));
    }
    // The answer is the order as it was before going to the trash (as recorded).
    let mut trashed = order.clone();
    trashed["status"] = json!("trash");
    lifecycle::touch(&state.config, &mut trashed, state.clock.now());
    db::put_order(conn, &trashed)?;
    Ok(order)
}

/// `DELETE /orders/{id}[?force=true]`.
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let force = Params::new(raw.as_deref()).flag("force");
    let result = {
        let conn = state.db.conn();
        delete_in(&state, &conn, id, force, 404)
    };
    match result {
        Ok(order) => written(
            &state,
            StatusCode::OK,
            render::order_out(&state.base(), &order),
        ),
        Err(e) => e.into_response(),
    }
}

/// `POST /orders/batch {"create":[…],"update":[…],"delete":[…]}`: at most 100 items; a bad
/// item fails alone inside a 200.
pub async fn batch(State(state): State<AppState>, Json(body): Json<Value>) -> Response {
    let count: usize = ["create", "update", "delete"]
        .iter()
        .map(|k| body[*k].as_array().map_or(0, Vec::len))
        .sum();
    if count > 100 {
        return WcError::new(
            413,
            "woocommerce_rest_request_entity_too_large",
            "Unable to accept more than 100 items for this request.",
        )
        .into_response();
    }
    let base = state.base();
    let mut out = serde_json::Map::new();
    let item_error = |id: Value, e: WcError| json!({ "id": id, "error": e.body() });
    if let Some(items) = body["create"].as_array() {
        let done = items
            .iter()
            .map(|spec| match create_in(&state, spec) {
                Ok(o) => render::order_out(&base, &o),
                Err(e) => item_error(json!(0), e),
            })
            .collect();
        out.insert("create".into(), Value::Array(done));
    }
    if let Some(items) = body["update"].as_array() {
        let conn = state.db.conn();
        let done = items
            .iter()
            .map(|spec| {
                let id = spec["id"].as_i64().unwrap_or_default();
                match apply_update(&state, &conn, id, spec, 400) {
                    Ok(o) => render::order_out(&base, &o),
                    Err(e) => item_error(json!(id), e),
                }
            })
            .collect();
        out.insert("update".into(), Value::Array(done));
    }
    if let Some(items) = body["delete"].as_array() {
        let conn = state.db.conn();
        let done = items
            .iter()
            .map(|id| {
                let n = id.as_i64().unwrap_or_default();
                match delete_in(&state, &conn, n, true, 400) {
                    Ok(o) => render::order_out(&base, &o),
                    Err(e) => item_error(json!(n), e),
                }
            })
            .collect();
        out.insert("delete".into(), Value::Array(done));
    }
    written(&state, StatusCode::OK, Value::Object(out))
}
