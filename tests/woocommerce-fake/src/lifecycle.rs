//! What a status change does on WooCommerce: `date_paid`, `date_completed`, stock
//! (`_reduced_stock` item meta), `is_editable` / `needs_payment`, and the system note.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde_json::{Value, json};

use crate::config::Config;
use crate::db::{self, gmt};
use crate::error::WcError;
use crate::render::{add_note, amount, status_name};

/// `set_paid: true` (`WC_Order::payment_complete`): only on an order `pending`, `on-hold`,
/// `failed` or `cancelled` — `date_paid` now and the status a payment completes it to
/// ([`payment_complete_status`]); on any other order nothing.
pub fn set_paid(
    conn: &Connection,
    config: &Config,
    order: &mut Value,
    now: DateTime<Utc>,
) -> Result<(), WcError> {
    let status = order["status"].as_str().unwrap_or_default().to_string();
    if !matches!(
        status.as_str(),
        "pending" | "on-hold" | "failed" | "cancelled"
    ) {
        return Ok(());
    }
    if order["date_paid_gmt"].is_null() {
        order["date_paid"] = json!(config.tz().local(now));
        order["date_paid_gmt"] = json!(gmt(now));
    }
    let to = payment_complete_status(order);
    set_status(conn, config, order, to, now)
}

/// `WC_Order::needs_processing`: a line item of a product (the fake's products are neither
/// virtual nor downloadable). Lines of no product need none.
pub fn needs_processing(order: &Value) -> bool {
    order["line_items"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|i| i["product_id"].as_i64().unwrap_or(0) > 0)
}

/// The status a payment completes an order to (`woocommerce_payment_complete_order_status`):
/// `processing` when it needs processing, else `completed` — and always `completed` for cash
/// on delivery, whose gateway filters it so (`WC_Gateway_COD`): on a real WooCommerce 9.4.3 a
/// `POST /orders` with `set_paid: true` and `payment_method: "cod"` is born `completed`, and a
/// cash-on-delivery order moved to `processing` gets no `date_paid` (seen on loopback,
/// 2026-12-01).
pub fn payment_complete_status(order: &Value) -> &'static str {
    if order["payment_method"] == "cod" || !needs_processing(order) {
        "completed"
    } else {
        "processing"
    }
}

/// Moves an order to `to` with WooCommerce's side effects and its system note.
pub fn set_status(
    conn: &Connection,
    config: &Config,
    order: &mut Value,
    to: &str,
    now: DateTime<Utc>,
) -> Result<(), WcError> {
    let from = order["status"].as_str().unwrap_or_default().to_string();
    if from == to {
        return Ok(());
    }
    order["status"] = json!(to);
    // `WC_Order::maybe_set_date_paid`: paid on reaching the status a payment completes the
    // order to, or on completing one that would have gone to `processing`.
    let paid_at = payment_complete_status(order);
    if order["date_paid_gmt"].is_null() && (to == paid_at || to == "completed") {
        order["date_paid"] = json!(config.tz().local(now));
        order["date_paid_gmt"] = json!(gmt(now));
    }
    if to == "completed" {
        order["date_completed"] = json!(config.tz().local(now));
        order["date_completed_gmt"] = json!(gmt(now));
    }
    if matches!(to, "processing" | "completed") {
        reduce_stock(conn, config, order)?;
    }
    if matches!(to, "cancelled" | "pending") {
        // Stock goes back: WooCommerce drops the `_reduced_stock` item meta.
        for item in order["line_items"].as_array_mut().into_iter().flatten() {
            if let Some(meta) = item["meta_data"].as_array_mut() {
                meta.retain(|m| m["key"] != "_reduced_stock");
            }
        }
    }
    let id = order["id"].as_i64().unwrap_or_default();
    let text = format!(
        "Order status changed from {} to {}.",
        status_name(&from),
        status_name(to)
    );
    add_note(conn, config, id, &text, false, now)?;
    Ok(())
}

fn reduce_stock(conn: &Connection, config: &Config, order: &mut Value) -> Result<(), WcError> {
    for item in order["line_items"].as_array_mut().into_iter().flatten() {
        let managed = item["product_id"]
            .as_i64()
            .and_then(|pid| config.products.iter().find(|p| p.id == pid))
            .is_some_and(|p| p.manage_stock);
        let done = item["meta_data"]
            .as_array()
            .is_some_and(|m| m.iter().any(|r| r["key"] == "_reduced_stock"));
        if managed && !done {
            let q = item["quantity"].as_i64().unwrap_or_default().to_string();
            let id = db::next_id(conn, "meta")?;
            if let Some(meta) = item["meta_data"].as_array_mut() {
                meta.push(json!({
                    "id": id, "key": "_reduced_stock", "value": q,
                    "display_key": "_reduced_stock", "display_value": q,
                }));
            }
        }
    }
    Ok(())
}

/// `is_editable` and `needs_payment`, from the status and total.
pub fn derive(order: &mut Value, decimals: u32) {
    let status = order["status"].as_str().unwrap_or_default().to_string();
    order["is_editable"] = json!(matches!(
        status.as_str(),
        "pending" | "on-hold" | "auto-draft"
    ));
    let total = amount(&order["total"], decimals);
    order["needs_payment"] = json!(matches!(status.as_str(), "pending" | "failed") && total > 0);
}

/// Stamps `date_modified` now.
pub fn touch(config: &Config, order: &mut Value, now: DateTime<Utc>) {
    order["date_modified"] = json!(config.tz().local(now));
    order["date_modified_gmt"] = json!(gmt(now));
}

/// Σ refunds of an order, minor units (positive).
pub fn refunded(order: &Value, decimals: u32) -> i64 {
    order["refunds"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| -amount(&r["total"], decimals))
        .sum()
}
