//! Orders, refunds and notes as the real store writes them (see the recordings), and the
//! side effects of a status change: `date_completed`, `date_paid`, `_reduced_stock`, the
//! system note.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::db::{self, gmt};
use crate::error::WcError;
use crate::lifecycle::{derive, set_paid, set_status};
use crate::money;

/// Every status the store has, with its name, in `GET /reports/orders/totals` order.
pub const STATUSES: &[(&str, &str)] = &[
    ("pending", "Pending payment"),
    ("processing", "Processing"),
    ("on-hold", "On hold"),
    ("completed", "Completed"),
    ("cancelled", "Cancelled"),
    ("refunded", "Refunded"),
    ("failed", "Failed"),
    ("checkout-draft", "Draft"),
];

/// Whether `status` may be written (`auto-draft` too, as the schema's enum says).
pub fn is_writable_status(status: &str) -> bool {
    status == "auto-draft" || STATUSES.iter().any(|(s, _)| *s == status)
}

/// The name of a status, as its notes write it ("Pending payment").
pub fn status_name(status: &str) -> &str {
    STATUSES
        .iter()
        .find(|(s, _)| *s == status)
        .map_or(status, |(_, n)| n)
}

const BILLING: &[&str] = &[
    "first_name",
    "last_name",
    "company",
    "address_1",
    "address_2",
    "city",
    "state",
    "postcode",
    "country",
    "email",
    "phone",
];
const SHIPPING: &[&str] = &[
    "first_name",
    "last_name",
    "company",
    "address_1",
    "address_2",
    "city",
    "state",
    "postcode",
    "country",
    "phone",
];

fn address(fields: &[&str], given: &Value) -> Value {
    let mut out = Map::new();
    for f in fields {
        let v = given.get(*f).and_then(Value::as_str).unwrap_or_default();
        out.insert((*f).into(), json!(v));
    }
    Value::Object(out)
}

fn order_key(id: i64, at: DateTime<Utc>) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut z = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ at.timestamp() as u64;
    let mut out = String::from("wc_order_");
    for _ in 0..13 {
        z = z
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push(ALPHABET[(z >> 58) as usize % ALPHABET.len()] as char);
    }
    out
}

/// Amount in minor units of a decimal-string field (0 when absent or unreadable).
pub fn amount(v: &Value, decimals: u32) -> i64 {
    match v {
        Value::String(s) => money::parse(s, decimals).unwrap_or(0),
        Value::Number(n) => n.as_i64().map_or(0, |n| n * 10_i64.pow(decimals)),
        _ => 0,
    }
}

/// Meta rows from a request's `meta_data`, merged into `existing` by key (or id).
pub fn merge_meta(conn: &Connection, existing: &mut Value, given: &Value) -> Result<(), WcError> {
    let Some(given) = given.as_array() else {
        return Ok(());
    };
    if !existing.is_array() {
        *existing = json!([]);
    }
    for m in given {
        let Some(key) = m.get("key").and_then(Value::as_str) else {
            continue;
        };
        let value = m.get("value").cloned().unwrap_or(Value::Null);
        let rows = existing.as_array_mut().expect("an array");
        if let Some(row) = rows.iter_mut().find(|r| r["key"] == key) {
            row["value"] = value;
        } else {
            let id = db::next_id(conn, "meta")?;
            rows.push(json!({ "id": id, "key": key, "value": value }));
        }
    }
    Ok(())
}

/// A new order from a `POST /orders` body (line items by `product_id`, or with their own
/// `name`, `sku` and `price` through admin control).
pub fn new_order(
    conn: &Connection,
    config: &Config,
    now: DateTime<Utc>,
    spec: &Value,
) -> Result<Value, WcError> {
    let d = config.decimals;
    let tz = config.tz();
    let status = spec["status"].as_str().unwrap_or("pending");
    if !is_writable_status(status) {
        return Err(WcError::bad_status());
    }
    let id = db::next_id(conn, "post")?;
    let mut items_total = 0;
    let mut line_items = Vec::new();
    for item in spec["line_items"].as_array().into_iter().flatten() {
        // A line item names its product by id or by SKU (an unknown SKU leaves a line of no
        // product, its SKU dropped); one with neither is refused, as a real WooCommerce 9.4.3
        // does (seen on loopback, 2026-12-01). `price` is the admin control's own way in.
        let by_sku = item["sku"]
            .as_str()
            .filter(|_| item["product_id"].as_i64().unwrap_or(0) == 0);
        if item["product_id"].as_i64().unwrap_or(0) == 0
            && by_sku.is_none()
            && item["price"].is_null()
        {
            return Err(WcError::new(
                400,
                "woocommerce_rest_required_product_reference",
                "Product ID or SKU is required.",
            ));
        }
        let product = match by_sku {
            Some(sku) => config.products.iter().find(|p| p.sku == sku),
            None => item["product_id"]
                .as_i64()
                .and_then(|pid| config.products.iter().find(|p| p.id == pid)),
        };
        let quantity = item["quantity"].as_i64().unwrap_or(1).max(1);
        let unit = match (&item["price"], product) {
            (Value::Null, Some(p)) => p.price,
            (Value::Null, None) if !item["total"].is_null() => amount(&item["total"], d) / quantity,
            (Value::Null, None) => {
                return Err(WcError::new(
                    400,
                    "woocommerce_rest_invalid_product_id",
                    "Product ID provided is not associated with product.",
                ));
            }
            (v, _) => amount(v, d),
        };
        let total = unit * quantity;
        items_total += total;
        let name = item["name"]
            .as_str()
            .map(str::to_string)
            .or_else(|| product.map(|p| p.name.clone()))
            .unwrap_or_default();
        // An unknown SKU comes back as `sku: null`, outside the schema's string.
        let sku = match (product, by_sku) {
            (Some(p), _) => json!(p.sku),
            (None, Some(_)) => Value::Null,
            (None, None) => json!(item["sku"].as_str().unwrap_or_default()),
        };
        line_items.push(json!({
            "id": db::next_id(conn, "item")?,
            "name": name,
            "product_id": product.map_or(0, |p| p.id),
            "variation_id": 0,
            "quantity": quantity,
            "tax_class": "",
            "subtotal": money::format(total, d),
            "subtotal_tax": money::format(0, d),
            "total": money::format(total, d),
            "total_tax": money::format(0, d),
            "taxes": [],
            "meta_data": [],
            "sku": sku,
            "price": money::price_number(total, quantity, d),
            "image": { "id": "", "src": "" },
            "parent_name": null,
        }));
    }
    let mut shipping_total = 0;
    let mut shipping_lines = Vec::new();
    for line in spec["shipping_lines"].as_array().into_iter().flatten() {
        let total = amount(&line["total"], d);
        shipping_total += total;
        shipping_lines.push(json!({
            "id": db::next_id(conn, "item")?,
            "method_title": line["method_title"].as_str().unwrap_or_default(),
            "method_id": line["method_id"].as_str().unwrap_or_default(),
            "instance_id": line["instance_id"].as_str().unwrap_or_default(),
            "total": money::format(total, d),
            "total_tax": money::format(0, d),
            "taxes": [],
            "meta_data": [],
        }));
    }
    let method = spec["payment_method"].as_str().unwrap_or_default();
    let title = spec["payment_method_title"]
        .as_str()
        .map(str::to_string)
        .or_else(|| config.gateway(method).map(|g| g.title.clone()))
        .unwrap_or_default();
    let zero = money::format(0, d);
    let mut order = json!({
        "id": id,
        "parent_id": 0,
        "status": "pending",
        "currency": config.currency,
        "version": "9.4.3",
        "prices_include_tax": false,
        "date_created": tz.local(now),
        "date_modified": tz.local(now),
        "discount_total": zero,
        "discount_tax": zero,
        "shipping_total": money::format(shipping_total, d),
        "shipping_tax": zero,
        "cart_tax": zero,
        "total": money::format(items_total + shipping_total, d),
        "total_tax": zero,
        "customer_id": 0,
        "order_key": order_key(id, now),
        "billing": address(BILLING, &spec["billing"]),
        "shipping": address(SHIPPING, &spec["shipping"]),
        "payment_method": method,
        "payment_method_title": title,
        "transaction_id": "",
        "customer_ip_address": "",
        "customer_user_agent": "",
        "created_via": spec["created_via"].as_str().unwrap_or("rest-api"),
        "customer_note": spec["customer_note"].as_str().unwrap_or_default(),
        "date_completed": null,
        "date_paid": null,
        "cart_hash": "",
        "number": id.to_string(),
        "meta_data": [],
        "line_items": line_items,
        "tax_lines": [],
        "shipping_lines": shipping_lines,
        "fee_lines": [],
        "coupon_lines": [],
        "refunds": [],
        "is_editable": true,
        "needs_payment": true,
        "needs_processing": true,
        "date_created_gmt": gmt(now),
        "date_modified_gmt": gmt(now),
        "date_completed_gmt": null,
        "date_paid_gmt": null,
        "currency_symbol": "$",
    });
    merge_meta(conn, &mut order["meta_data"], &spec["meta_data"])?;
    // The REST controller sets the status, saves, and only then completes the payment.
    if status != "pending" {
        set_status(conn, config, &mut order, status, now)?;
    }
    if spec["set_paid"].as_bool() == Some(true) {
        set_paid(conn, config, &mut order, now)?;
    }
    derive(&mut order, d);
    Ok(order)
}

/// A private (or customer) note, stored.
pub fn add_note(
    conn: &Connection,
    config: &Config,
    order_id: i64,
    text: &str,
    customer_note: bool,
    now: DateTime<Utc>,
) -> Result<Value, WcError> {
    let note = json!({
        "id": db::next_id(conn, "comment")?,
        "author": "WooCommerce",
        "date_created": config.tz().local(now),
        "date_created_gmt": gmt(now),
        "note": text,
        "customer_note": customer_note,
    });
    db::put_child(conn, "notes", order_id, &note)?;
    Ok(note)
}

/// An order as answered: with `payment_url` and `_links`.
pub fn order_out(base: &str, order: &Value) -> Value {
    let mut out = order.clone();
    let id = order["id"].as_i64().unwrap_or_default();
    let key = order["order_key"].as_str().unwrap_or_default();
    out["payment_url"] = json!(format!(
        "{base}/checkout/order-pay/{id}/?pay_for_order=true&key={key}"
    ));
    out["_links"] = json!({
        "self": [{ "href": format!("{base}/wp-json/wc/v3/orders/{id}") }],
        "collection": [{ "href": format!("{base}/wp-json/wc/v3/orders") }],
    });
    out
}

/// A refund or note as answered, with `_links` (`kind` is `refunds` or `notes`).
pub fn child_out(base: &str, kind: &str, order_id: i64, child: &Value) -> Value {
    let mut out = child.clone();
    let id = child["id"].as_i64().unwrap_or_default();
    let order = format!("{base}/wp-json/wc/v3/orders/{order_id}");
    out["_links"] = json!({
        "self": [{ "href": format!("{order}/{kind}/{id}") }],
        "collection": [{ "href": format!("{order}/{kind}") }],
        "up": [{ "href": order }],
    });
    out
}

/// Keeps only the top-level fields of `_fields=a,b,c` (all when `None`).
pub fn only_fields(value: Value, fields: Option<&[String]>) -> Value {
    match (fields, value) {
        (Some(fields), Value::Object(map)) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| fields.iter().any(|f| f == k))
                .collect(),
        ),
        (_, value) => value,
    }
}
