//! RFC 9457 problem details and the closed list of error codes the backend can emit.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// Every `code` this backend can put in a problem body. Nothing else constructs one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// 401: missing or wrong bearer token.
    Unauthorized,
    /// 404: unknown order, document or route.
    NotFound,
    /// 405: the route exists but not with this method.
    MethodNotAllowed,
    /// 400: bad query parameter or malformed `Idempotency-Key`.
    InvalidParameter,
    /// 422: body not JSON or wrong field types.
    InvalidBody,
    /// 400: a POST without `Idempotency-Key`.
    MissingIdempotencyKey,
    /// 422: same key, different method/path/body.
    IdempotencyKeyReused,
    /// 409: same key while the first request still runs.
    RequestInProgress,
    /// 409: `expected_version` differs; carries `current`.
    VersionConflict,
    /// 409: move not allowed from the current status; carries `current`.
    InvalidTransition,
    /// 422: cancel reason empty after trimming or over 500 characters.
    ReasonRequired,
    /// 422: refund amount negative or not an integer.
    InvalidAmount,
    /// 422: refund above `paid - refunded`; carries `refundable`.
    RefundExceedsPaid,
    /// 422: now is past `created_at + cancel_window_days`.
    CancelWindowExpired,
    /// 409: retry of a document that is not in `error`.
    DocumentNotRetryable,
    /// 422: payment above `total - paid`; carries `due`.
    PaymentExceedsDue,
    /// 422: staff note empty after trimming or over 1000 characters.
    NoteRequired,
    /// 429: injected rate limit, with `Retry-After`.
    RateLimited,
    /// 500: injected or unexpected server error.
    InternalError,
    /// 503: injected maintenance, with `Retry-After`.
    ServiceUnavailable,
}

impl ErrorCode {
    /// All codes, for the documentation check.
    pub const ALL: [ErrorCode; 20] = [
        ErrorCode::Unauthorized,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::InvalidParameter,
        ErrorCode::InvalidBody,
        ErrorCode::MissingIdempotencyKey,
        ErrorCode::IdempotencyKeyReused,
        ErrorCode::RequestInProgress,
        ErrorCode::VersionConflict,
        ErrorCode::InvalidTransition,
        ErrorCode::ReasonRequired,
        ErrorCode::InvalidAmount,
        ErrorCode::RefundExceedsPaid,
        ErrorCode::CancelWindowExpired,
        ErrorCode::DocumentNotRetryable,
        ErrorCode::PaymentExceedsDue,
        ErrorCode::NoteRequired,
        ErrorCode::RateLimited,
        ErrorCode::InternalError,
        ErrorCode::ServiceUnavailable,
    ];

    /// The wire string.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::InvalidParameter => "invalid_parameter",
            ErrorCode::InvalidBody => "invalid_body",
            ErrorCode::MissingIdempotencyKey => "missing_idempotency_key",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::RequestInProgress => "request_in_progress",
            ErrorCode::VersionConflict => "version_conflict",
            ErrorCode::InvalidTransition => "invalid_transition",
            ErrorCode::ReasonRequired => "reason_required",
            ErrorCode::InvalidAmount => "invalid_amount",
            ErrorCode::RefundExceedsPaid => "refund_exceeds_paid",
            ErrorCode::CancelWindowExpired => "cancel_window_expired",
            ErrorCode::DocumentNotRetryable => "document_not_retryable",
            ErrorCode::PaymentExceedsDue => "payment_exceeds_due",
            ErrorCode::NoteRequired => "note_required",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::InternalError => "internal_error",
            ErrorCode::ServiceUnavailable => "service_unavailable",
        }
    }

    /// The HTTP status that goes with the code.
    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::InvalidParameter | ErrorCode::MissingIdempotencyKey => {
                StatusCode::BAD_REQUEST
            }
            ErrorCode::InvalidBody
            | ErrorCode::IdempotencyKeyReused
            | ErrorCode::ReasonRequired
            | ErrorCode::InvalidAmount
            | ErrorCode::RefundExceedsPaid
            | ErrorCode::CancelWindowExpired
            | ErrorCode::PaymentExceedsDue
            | ErrorCode::NoteRequired => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::RequestInProgress
            | ErrorCode::VersionConflict
            | ErrorCode::InvalidTransition
            | ErrorCode::DocumentNotRetryable => StatusCode::CONFLICT,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::InternalError => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn title(self) -> &'static str {
        match self {
            ErrorCode::Unauthorized => "Missing or invalid token",
            ErrorCode::NotFound => "Not found",
            ErrorCode::MethodNotAllowed => "Method not allowed",
            ErrorCode::InvalidParameter => "Invalid parameter",
            ErrorCode::InvalidBody => "Invalid body",
            ErrorCode::MissingIdempotencyKey => "Idempotency-Key required",
            ErrorCode::IdempotencyKeyReused => "Idempotency-Key reused with another request",
            ErrorCode::RequestInProgress => "A request with this Idempotency-Key is running",
            ErrorCode::VersionConflict => "The order changed",
            ErrorCode::InvalidTransition => "Transition not allowed",
            ErrorCode::ReasonRequired => "A cancel reason is required",
            ErrorCode::InvalidAmount => "Invalid amount",
            ErrorCode::RefundExceedsPaid => "Refund exceeds the refundable amount",
            ErrorCode::CancelWindowExpired => "The cancel window has expired",
            ErrorCode::DocumentNotRetryable => "Document not retryable",
            ErrorCode::PaymentExceedsDue => "Payment exceeds the amount due",
            ErrorCode::NoteRequired => "A note text is required",
            ErrorCode::RateLimited => "Too many requests",
            ErrorCode::InternalError => "Internal error",
            ErrorCode::ServiceUnavailable => "Service unavailable",
        }
    }
}

/// One problem response: a code, a human detail, optional extra members and `Retry-After`.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The code clients branch on.
    pub code: ErrorCode,
    /// Human-readable detail (never branched on).
    pub detail: String,
    /// Extra members (`current`, `refundable`).
    pub extra: Map<String, Value>,
    /// Seconds for a `Retry-After` header.
    pub retry_after_s: Option<u64>,
}

impl Problem {
    /// A problem with a detail message.
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            code,
            detail: detail.into(),
            extra: Map::new(),
            retry_after_s: None,
        }
    }

    /// Adds an extra member.
    pub fn with(mut self, name: &str, value: Value) -> Self {
        self.extra.insert(name.into(), value);
        self
    }

    /// Adds a `Retry-After` header.
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after_s = Some(seconds);
        self
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        let mut body = json!({
            "type": format!("https://mostrador.dev/problems/{}", self.code.as_str()),
            "title": self.code.title(),
            "status": self.code.status().as_u16(),
            "detail": self.detail,
            "code": self.code.as_str(),
        });
        if let Value::Object(map) = &mut body {
            map.extend(self.extra.clone());
        }
        body
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.body()).unwrap_or_default();
        let mut response = (self.code.status(), body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = self.retry_after_s {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<rusqlite::Error> for Problem {
    fn from(err: rusqlite::Error) -> Self {
        Problem::new(ErrorCode::InternalError, format!("database: {err}"))
    }
}

impl From<serde_json::Error> for Problem {
    fn from(err: serde_json::Error) -> Self {
        Problem::new(ErrorCode::InternalError, format!("stored JSON: {err}"))
    }
}
