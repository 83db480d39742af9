//! A stand-in for WordPress's Application Password approval page,
//! `GET /wp-admin/authorize-application.php?app_name=…&app_id=…&success_url=…&reject_url=…`.
//!
//! A real WordPress asks the owner to log in and press "Yes, I approve of this connection";
//! the stand-in plays an owner who is logged in and approves at once (or refuses, after
//! `PUT /mostrador-fake/approval {"approve": false}`). It validates the request as
//! WordPress's `wp_is_authorize_application_password_request_valid` does (an `app_id` that
//! is a UUID; callback URLs that are not `javascript:`/`data:` and not plain `http` outside
//! loopback), then answers as WordPress's no-JS form does: a 302 to `success_url` with
//! `site_url`, `user_login` and `password` added (`?` or `&`, whichever fits), or to
//! `reject_url` with `success=false`. The password it issues is then accepted by the REST
//! API's HTTP Basic auth as `user_login:password`, spaces ignored, as WordPress does.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::parse_query;
use crate::server::AppState;

/// One Application Password the stand-in issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppPassword {
    /// `app_name`.
    pub app_name: String,
    /// `app_id`.
    pub app_id: String,
    /// The user it belongs to.
    pub user_login: String,
    /// The password (24 letters and digits).
    #[serde(skip)]
    pub password: String,
}

/// What the approval page does and what it issued.
#[derive(Clone, Debug, Default)]
pub struct Approvals {
    /// The stand-in owner refuses.
    pub refuse: bool,
    /// Issued passwords, oldest first.
    pub issued: Vec<AppPassword>,
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn password() -> String {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut out = String::new();
    while out.len() < 24 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(SEQ.fetch_add(1, Ordering::Relaxed));
        let mut v = h.finish();
        for _ in 0..8 {
            out.push(ALPHABET[(v % ALPHABET.len() as u64) as usize] as char);
            v /= ALPHABET.len() as u64;
        }
    }
    out.truncate(24);
    out
}

fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// WordPress's rule for a callback URL: any scheme but `javascript`/`data`, and `http` only
/// for loopback.
fn redirect_ok(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    let scheme = scheme.to_ascii_lowercase();
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    match scheme.as_str() {
        "" | "javascript" | "data" => false,
        "http" => matches!(host, "127.0.0.1" | "[::1]" | "localhost"),
        _ => true,
    }
}

fn page(status: StatusCode, text: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=UTF-8")],
        format!("<!DOCTYPE html><html><body><p>{text}</p></body></html>"),
    )
        .into_response()
}

fn redirect(to: String) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to)]).into_response()
}

fn with_query(url: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = url.to_string();
    for (i, (k, v)) in pairs.iter().enumerate() {
        let sep = if i == 0 && !url.contains('?') {
            '?'
        } else {
            '&'
        };
        out.push_str(&format!("{sep}{k}={}", encode(v)));
    }
    out
}

/// `GET /wp-admin/authorize-application.php`.
pub async fn authorize(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let pairs = parse_query(query.as_deref().unwrap_or_default());
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (app_name, app_id) = (get("app_name"), get("app_id"));
    let (success_url, reject_url) = (get("success_url"), get("reject_url"));
    if !app_id.is_empty() && !is_uuid(&app_id) {
        return page(
            StatusCode::BAD_REQUEST,
            "The application ID must be a UUID.",
        );
    }
    for url in [&success_url, &reject_url] {
        if !url.is_empty() && !redirect_ok(url) {
            return page(
                StatusCode::BAD_REQUEST,
                "The URL must be served over a secure connection.",
            );
        }
    }
    if app_name.trim().is_empty() {
        return page(
            StatusCode::BAD_REQUEST,
            "An application name is required for this request.",
        );
    }
    let mut approvals = state.approvals();
    if approvals.refuse {
        let to = if reject_url.is_empty() {
            format!("{}/wp-admin/", state.base())
        } else {
            with_query(&reject_url, &[("success", "false")])
        };
        return redirect(to);
    }
    let issued = AppPassword {
        app_name,
        app_id,
        user_login: state.config.user_login.clone(),
        password: password(),
    };
    approvals.issued.push(issued.clone());
    if success_url.is_empty() {
        return page(
            StatusCode::OK,
            &format!(
                "Your new password for {} is: {}",
                issued.app_name, issued.password
            ),
        );
    }
    let site_url = state.base();
    redirect(with_query(
        &success_url,
        &[
            ("site_url", &site_url),
            ("user_login", &issued.user_login),
            ("password", &issued.password),
        ],
    ))
}

/// Whether `user`/`password` is an issued Application Password (`None`: `user` is not the
/// WordPress user, so the pair is a REST key and secret).
pub fn check(state: &AppState, user: &str, password: &str) -> Option<bool> {
    if user != state.config.user_login {
        return None;
    }
    let given: String = password
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let approvals = state.approvals();
    Some(
        approvals
            .issued
            .iter()
            .any(|p| p.user_login == user && p.password == given),
    )
}
