//! HTTP handlers and the small parsing helpers they share.

pub mod acknowledgements;
pub mod admin;
pub mod counter;
pub mod orders;

use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::db::Change;
use crate::idempotency::Applied;
use crate::model::Order;
use crate::problem::{ErrorCode, Problem};

/// The last value of `name` in a raw query string (values here never need decoding).
pub fn query_param<'a>(query: Option<&'a str>, name: &str) -> Option<&'a str> {
    query?
        .rsplit('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// An integer ≥ 0, or `invalid_parameter`.
pub fn non_negative(name: &str, text: &str) -> Result<i64, Problem> {
    match text.parse::<i64>() {
        Ok(n) if n >= 0 => Ok(n),
        _ => Err(Problem::new(
            ErrorCode::InvalidParameter,
            format!("{name} must be an integer ≥ 0, got {text:?}"),
        )),
    }
}

/// Parses a JSON body; anything malformed or mistyped is `invalid_body` (never a 500).
pub fn parse_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, Problem> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    serde_json::from_slice(body)
        .map_err(|err| Problem::new(ErrorCode::InvalidBody, format!("invalid JSON body: {err}")))
}

/// A 200/201 with the order, announcing its change.
pub fn order_applied(
    status: StatusCode,
    order: &Order,
    change: Change,
) -> Result<Applied, Problem> {
    Ok(Applied {
        status,
        body: serde_json::to_vec(order)?,
        changes: vec![change],
    })
}

/// Path parameters whose rejection is a problem (`not_found`), never axum's plain text.
#[derive(Debug)]
pub struct PathParams<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for PathParams<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Problem> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| PathParams(value))
            .map_err(|err| Problem::new(ErrorCode::NotFound, err.body_text()))
    }
}

/// The raw body, whose rejection (too large, broken stream) is `invalid_body`.
#[derive(Debug)]
pub struct RawBody(pub axum::body::Bytes);

impl<S: Send + Sync> axum::extract::FromRequest<S> for RawBody {
    type Rejection = Problem;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, Problem> {
        axum::body::Bytes::from_request(request, state)
            .await
            .map(RawBody)
            .map_err(|err| Problem::new(ErrorCode::InvalidBody, err.body_text()))
    }
}
