//! WordPress REST errors as the real store writes them: `{"code","message","data"}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// An error answer.
#[derive(Debug, Clone, PartialEq)]
pub struct WcError {
    /// HTTP status.
    pub status: u16,
    /// `rest_invalid_param`, `woocommerce_rest_…`.
    pub code: String,
    /// The store's words.
    pub message: String,
    /// `data` as the store sends it (an object, or just the status as a number).
    pub data: Value,
}

impl WcError {
    /// An error whose `data` is `{"status": N}`.
    pub fn new(status: u16, code: &str, message: &str) -> WcError {
        WcError {
            status,
            code: code.into(),
            message: message.into(),
            data: json!({ "status": status }),
        }
    }

    /// 400 `rest_invalid_param` for one parameter, with WordPress's `params` and `details`.
    pub fn invalid_param(param: &str, message: &str, detail_code: &str) -> WcError {
        WcError {
            status: 400,
            code: "rest_invalid_param".into(),
            message: format!("Invalid parameter(s): {param}"),
            data: json!({
                "status": 400,
                "params": { param: message },
                "details": { param: { "code": detail_code, "message": message, "data": null } }
            }),
        }
    }

    /// 400 for a status WooCommerce does not have (e.g. "preparing").
    pub fn bad_status() -> WcError {
        WcError::invalid_param(
            "status",
            "status is not one of auto-draft, pending, processing, on-hold, completed, \
             cancelled, refunded, failed, and checkout-draft.",
            "rest_not_in_enum",
        )
    }

    /// 404 (400 inside a batch) for an order id that does not exist.
    pub fn invalid_order(status: u16) -> WcError {
        WcError::new(
            status,
            "woocommerce_rest_shop_order_invalid_id",
            "Invalid ID.",
        )
    }

    /// 500 `woocommerce_rest_cannot_create_order_refund` with `data: 500`, as recorded.
    pub fn cannot_refund(message: &str) -> WcError {
        WcError {
            status: 500,
            code: "woocommerce_rest_cannot_create_order_refund".into(),
            message: message.into(),
            data: json!(500),
        }
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        json!({ "code": self.code, "message": self.message, "data": self.data })
    }
}

impl From<rusqlite::Error> for WcError {
    fn from(err: rusqlite::Error) -> WcError {
        WcError::new(500, "woocommerce_rest_db_error", &err.to_string())
    }
}

impl IntoResponse for WcError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self.body())).into_response()
    }
}
