//! The store itself: the WordPress index (name, time zone), general settings (currency,
//! decimals), payment gateways (who can refund), order totals per status.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::db;
use crate::error::WcError;
use crate::render::STATUSES;
use crate::server::AppState;

/// `GET /wp-json/`: the site's name, time zone and namespaces (no auth needed).
pub async fn index(State(state): State<AppState>) -> Json<Value> {
    let c = &state.config;
    let base = state.base();
    let offset = match c.tz() {
        crate::config::SiteTz::Named(tz) => {
            use chrono::Offset;
            let now = state.clock.now();
            now.with_timezone(&tz).offset().fix().local_minus_utc() / 3600
        }
        crate::config::SiteTz::Offset(off) => off.local_minus_utc() / 3600,
    };
    Json(json!({
        "name": c.name,
        "description": "",
        "url": base,
        "home": base,
        "gmt_offset": offset,
        "timezone_string": c.timezone,
        "namespaces": ["oembed/1.0", "wc/store/v1", "wc/v1", "wc/v2", "wc/v3", "wc-analytics", "wp/v2", "wp-site-health/v1"],
        "authentication": {
            "application-passwords": {
                "endpoints": { "authorization": format!("{base}/wp-admin/authorize-application.php") }
            }
        },
        "routes": {},
        "site_logo": 0,
        "site_icon": 0,
        "site_icon_url": "",
    }))
}

fn setting(base: &str, id: &str, label: &str, kind: &str, value: &str) -> Value {
    json!({
        "id": id,
        "label": label,
        "description": "",
        "type": kind,
        "default": "",
        "tip": "",
        "value": value,
        "group_id": "general",
        "_links": {
            "self": [{ "href": format!("{base}/wp-json/wc/v3/settings/general/{id}") }],
            "collection": [{ "href": format!("{base}/wp-json/wc/v3/settings/general") }],
        }
    })
}

/// `GET /settings/general`.
pub async fn settings_general(State(state): State<AppState>) -> Json<Value> {
    let c = &state.config;
    let b = state.base();
    let decimal_sep = if c.decimals == 0 || c.currency == "CLP" {
        ","
    } else {
        "."
    };
    let thousand_sep = if decimal_sep == "," { "." } else { "," };
    Json(json!([
        setting(
            &b,
            "woocommerce_store_address",
            "Address line 1",
            "text",
            "Av. Siempre Viva 123"
        ),
        setting(&b, "woocommerce_store_city", "City", "text", "Santiago"),
        setting(
            &b,
            "woocommerce_default_country",
            "Country / State",
            "select",
            &c.country
        ),
        setting(
            &b,
            "woocommerce_currency",
            "Currency",
            "select",
            &c.currency
        ),
        setting(
            &b,
            "woocommerce_currency_pos",
            "Currency position",
            "select",
            "left"
        ),
        setting(
            &b,
            "woocommerce_price_thousand_sep",
            "Thousand separator",
            "text",
            thousand_sep
        ),
        setting(
            &b,
            "woocommerce_price_decimal_sep",
            "Decimal separator",
            "text",
            decimal_sep
        ),
        setting(
            &b,
            "woocommerce_price_num_decimals",
            "Number of decimals",
            "number",
            &c.decimals.to_string()
        ),
    ]))
}

/// `GET /payment_gateways`.
pub async fn gateways(State(state): State<AppState>) -> Json<Value> {
    let base = state.base();
    let list: Vec<Value> = state
        .config
        .gateways
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let mut supports = vec!["products"];
            if g.refunds {
                supports.push("refunds");
            }
            json!({
                "id": g.id,
                "title": g.title,
                "description": "",
                "order": i,
                "enabled": true,
                "method_title": g.title,
                "method_description": "",
                "method_supports": supports,
                "settings": {},
                "needs_setup": false,
                "post_install_scripts": [],
                "settings_url": format!("{base}/wp-admin/admin.php?page=wc-settings&tab=checkout&section={}", g.id),
                "connection_url": null,
                "setup_help_text": null,
                "required_settings_keys": [],
                "_links": {
                    "self": [{ "href": format!("{base}/wp-json/wc/v3/payment_gateways/{}", g.id) }],
                    "collection": [{ "href": format!("{base}/wp-json/wc/v3/payment_gateways") }],
                }
            })
        })
        .collect();
    Json(Value::Array(list))
}

/// `GET /reports/orders/totals`: every status with its count (trash left out).
pub async fn totals(State(state): State<AppState>) -> Response {
    let counts = db::status_counts(&state.db.conn());
    match counts {
        Ok(counts) => {
            let body: Vec<Value> = STATUSES
                .iter()
                .map(|(slug, name)| {
                    let total = counts
                        .iter()
                        .find(|(s, _)| s == slug)
                        .map_or(0, |(_, n)| *n);
                    json!({ "slug": slug, "name": name, "total": total })
                })
                .collect();
            Json(Value::Array(body)).into_response()
        }
        Err(e) => WcError::from(e).into_response(),
    }
}
