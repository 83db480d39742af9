//! The REST routes (`orders`, `refunds` with notes, `store`), WordPress's approval page
//! (`authorize`) and admin control (`admin`).

pub mod admin;
pub mod authorize;
pub mod orders;
pub mod refunds;
pub mod store;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::server::AppState;

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `a=1&b[]=2&b[]=3` → pairs, names without `[]`, values percent-decoded.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let k = decode(k);
            (k.trim_end_matches("[]").to_string(), decode(v))
        })
        .collect()
}

/// A parsed query string.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// From the raw query.
    pub fn new(raw: Option<&str>) -> Params {
        Params(raw.map(parse_query).unwrap_or_default())
    }

    /// The last value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name`, commas split (`status=a,b` or `status[]=a&status[]=b`).
    pub fn list(&self, name: &str) -> Option<Vec<String>> {
        let values: Vec<String> = self
            .0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(',').map(|s| s.trim().to_string()))
            .filter(|s| !s.is_empty())
            .collect();
        (!values.is_empty()).then_some(values)
    }

    /// A boolean the WordPress way (`true`, `1`).
    pub fn flag(&self, name: &str) -> bool {
        matches!(self.get(name), Some("true" | "1"))
    }
}

/// The answer of a committed write, or — when the fault rolls — a cut connection.
pub fn written(state: &AppState, status: StatusCode, body: Value) -> Response {
    if state.faults.drop_after_commit() {
        return crate::faults::dropped(status);
    }
    (status, Json(body)).into_response()
}
