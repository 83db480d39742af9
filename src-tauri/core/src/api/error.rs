//! What can go wrong talking to the backend, and which of the three outcome buckets of
//! DESIGN.md ("Reliability and security rules") each failure falls in.

use std::time::Duration;

use serde_json::Value;

use crate::model::Order;

/// A problem+json answer (RFC 9457), or any non-2xx answer decoded as well as it could be.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// HTTP status.
    pub status: u16,
    /// The API.md `code` clients branch on (`"http_<status>"` when the body had none).
    pub code: String,
    /// The backend's human text (never branched on).
    pub detail: String,
    /// The order as it is now, on `version_conflict` / `invalid_transition`.
    pub current: Option<Box<Order>>,
    /// What can still be refunded, on `refund_exceeds_paid`.
    pub refundable: Option<i64>,
    /// `Retry-After`, parsed (not clamped).
    pub retry_after: Option<Duration>,
}

/// A failed call to the backend.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The backend answered with an error status.
    #[error("the backend answered {} {}: {}", .0.status, .0.code, .0.detail)]
    Problem(Problem),
    /// No answer in time (connect, read or total timeout).
    #[error("the backend did not answer in time")]
    Timeout,
    /// The connection could not be opened.
    #[error("could not connect to the backend: {0}")]
    Connect(String),
    /// The connection broke mid-request or mid-answer (outcome unknown).
    #[error("the connection to the backend broke: {0}")]
    Transport(String),
    /// The answer was larger than the cap.
    #[error("the backend's answer exceeded {0} bytes")]
    TooLarge(usize),
    /// A 2xx answer that is not what API.md says.
    #[error("the backend's answer could not be read: {0}")]
    Decode(String),
    /// The backend URL is unusable.
    #[error("invalid backend URL: {0}")]
    InvalidUrl(String),
    /// A redirect, which is never followed.
    #[error("the backend redirected to {0}; redirects are not followed")]
    Redirect(String),
    /// A web page (HTML) where the API was expected, on a 2xx or a redirect: a captive portal
    /// (hotel, café, airport Wi-Fi) wants the owner to sign in to the network first. The
    /// request never reached the backend.
    #[error("the network answered with a web page (a sign-in portal?) instead of the backend")]
    SignIn,
}

/// Where the outcome of a request falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bucket {
    /// A definite refusal (4xx other than 401, 408, 409 `request_in_progress`, 429): never
    /// retried.
    Rejected,
    /// Timeout, broken connection, 5xx, 408, 429, `request_in_progress`, a sign-in portal:
    /// retried with the same key.
    Unknown,
    /// 401: the token was refused; everything pauses until the owner reconnects.
    Unauthorized,
}

impl ApiError {
    /// Which bucket the failure falls in.
    pub fn bucket(&self) -> Bucket {
        match self {
            ApiError::Problem(p) => bucket_of(p.status, &p.code),
            // A redirect or an unusable URL will not fix itself by retrying.
            ApiError::InvalidUrl(_) | ApiError::Redirect(_) => Bucket::Rejected,
            // The portal kept the request from the backend: try again once signed in.
            ApiError::SignIn => Bucket::Unknown,
            // Too large or undecodable: the request may have been applied; keep the key.
            ApiError::Timeout
            | ApiError::Connect(_)
            | ApiError::Transport(_)
            | ApiError::TooLarge(_)
            | ApiError::Decode(_) => Bucket::Unknown,
        }
    }

    /// Whether retrying (with the same key and body) may succeed.
    pub fn is_retryable(&self) -> bool {
        self.bucket() == Bucket::Unknown
    }

    /// Whether the backend could not be reached at all (shown as "offline").
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            ApiError::Timeout | ApiError::Connect(_) | ApiError::Transport(_)
        )
    }

    /// The problem body, when the backend answered with one.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Problem(p) => Some(p),
            _ => None,
        }
    }

    /// A stable name for an error that is not a problem body (for messages and logs).
    pub fn code(&self) -> &str {
        match self {
            ApiError::Problem(p) => &p.code,
            ApiError::Timeout => "timeout",
            ApiError::Connect(_) => "connect",
            ApiError::Transport(_) => "transport",
            ApiError::TooLarge(_) => "too_large",
            ApiError::Decode(_) => "bad_answer",
            ApiError::InvalidUrl(_) => "invalid_url",
            ApiError::Redirect(_) => "redirect",
            ApiError::SignIn => "network_sign_in",
        }
    }

    /// `Retry-After` of the answer, when it had one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.problem().and_then(|p| p.retry_after)
    }
}

/// The bucket of an error status and its `code`.
pub fn bucket_of(status: u16, code: &str) -> Bucket {
    match status {
        401 => Bucket::Unauthorized,
        409 if code == "request_in_progress" => Bucket::Unknown,
        // 408: the server gave up waiting for the request; whether it acted is not known.
        408 | 429 => Bucket::Unknown,
        400..=499 => Bucket::Rejected,
        // 5xx and anything odd (1xx, 3xx that slipped through): the outcome is not known.
        _ => Bucket::Unknown,
    }
}

/// Decodes an error answer's body; any body, even not JSON, becomes a [`Problem`].
pub fn decode_problem(status: u16, body: &[u8], retry_after: Option<Duration>) -> Problem {
    let value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let text = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_string);
    let current = value
        .get("current")
        .and_then(|c| serde_json::from_value::<Order>(c.clone()).ok())
        .map(Box::new);
    Problem {
        status,
        code: text("code").unwrap_or_else(|| format!("http_{status}")),
        detail: text("detail")
            .or_else(|| text("title"))
            .unwrap_or_else(|| String::from_utf8_lossy(&body[..body.len().min(200)]).into()),
        current,
        refundable: value.get("refundable").and_then(Value::as_i64),
        retry_after,
    }
}
