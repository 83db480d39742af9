//! The backend client: backoff, Retry-After, problem mapping, the event-stream parser, and
//! the real client against the reference backend.

mod client;
mod portal;

use std::time::Duration;

use chrono::{TimeZone, Utc};
use mostrador_core::api::{
    ApiError, Bucket, RetryPolicy, SseParser, bucket_of, decode_problem, normalize_base_url,
    parse_retry_after,
};

fn policy() -> RetryPolicy {
    RetryPolicy {
        base: Duration::from_millis(100),
        cap: Duration::from_secs(10),
        retry_after_min: Duration::from_secs(1),
        retry_after_max: Duration::from_secs(300),
    }
}

#[test]
fn backoff_grows_exponentially_under_full_jitter_and_stops_at_the_cap() {
    let cases = [
        // (attempt, unit, expected)
        (1, 1.0, Duration::from_millis(100)),
        (2, 1.0, Duration::from_millis(200)),
        (3, 1.0, Duration::from_millis(400)),
        (5, 1.0, Duration::from_millis(1600)),
        (8, 1.0, Duration::from_secs(10)),
        (40, 1.0, Duration::from_secs(10)),
        (3, 0.5, Duration::from_millis(200)),
        (3, 0.0, Duration::ZERO),
        (0, 1.0, Duration::from_millis(100)),
        (u32::MAX, 1.0, Duration::from_secs(10)),
    ];
    for (attempt, unit, want) in cases {
        assert_eq!(
            policy().backoff(attempt, unit),
            want,
            "attempt {attempt} with jitter {unit}: full jitter scales min(cap, base·2^(n−1))"
        );
    }
}

#[test]
fn a_retry_after_is_honoured_but_clamped_instead_of_the_backoff() {
    let p = policy();
    let cases = [
        (Some(Duration::from_secs(5)), Duration::from_secs(5)),
        (Some(Duration::ZERO), Duration::from_secs(1)),
        (Some(Duration::from_secs(7200)), Duration::from_secs(300)),
        (None, Duration::ZERO),
    ];
    for (after, want) in cases {
        assert_eq!(
            p.delay(3, after, 0.0),
            want,
            "Retry-After {after:?} must win over the backoff, within 1 s..5 min"
        );
    }
    assert_eq!(
        p.delay(3, None, 1.0),
        Duration::from_millis(400),
        "without Retry-After the backoff's own jitter applies"
    );
    assert_eq!(
        p.delay(3, Some(Duration::from_secs(120)), 1.0),
        Duration::from_secs(132),
        "a Retry-After gets up to 10 % of jitter on top, never less than asked"
    );
}

#[test]
fn retry_after_parses_seconds_and_http_dates() {
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 18, 0, 0).unwrap();
    let cases = [
        ("120", Some(Duration::from_secs(120))),
        (" 3 ", Some(Duration::from_secs(3))),
        ("0", Some(Duration::ZERO)),
        (
            "Fri, 20 Nov 2026 18:01:30 GMT",
            Some(Duration::from_secs(90)),
        ),
        ("Fri, 20 Nov 2026 17:00:00 GMT", Some(Duration::ZERO)),
        ("soon", None),
        ("-5", None),
        ("", None),
        ("1.5", None),
    ];
    for (value, want) in cases {
        assert_eq!(
            parse_retry_after(value, now),
            want,
            "Retry-After {value:?}: seconds or an HTTP date relative to now; garbage is ignored"
        );
    }
}

#[test]
fn error_statuses_fall_in_the_three_outcome_buckets() {
    let cases = [
        (401, "unauthorized", Bucket::Unauthorized),
        (404, "not_found", Bucket::Rejected),
        (409, "version_conflict", Bucket::Rejected),
        (409, "invalid_transition", Bucket::Rejected),
        (409, "request_in_progress", Bucket::Unknown),
        (409, "document_not_retryable", Bucket::Rejected),
        (422, "refund_exceeds_paid", Bucket::Rejected),
        (422, "idempotency_key_reused", Bucket::Rejected),
        (400, "missing_idempotency_key", Bucket::Rejected),
        (429, "rate_limited", Bucket::Unknown),
        // 408 Request Timeout: the server stopped waiting; it may or may not have acted.
        (408, "http_408", Bucket::Unknown),
        (500, "internal_error", Bucket::Unknown),
        (503, "service_unavailable", Bucket::Unknown),
        (502, "http_502", Bucket::Unknown),
    ];
    for (status, code, want) in cases {
        assert_eq!(
            bucket_of(status, code),
            want,
            "{status} {code}: only definite refusals are rejected; unknown outcomes are retried"
        );
    }
}

#[test]
fn transport_failures_are_unknown_outcomes_never_rejections() {
    for err in [
        ApiError::Timeout,
        ApiError::Connect("refused".into()),
        ApiError::Transport("reset".into()),
        ApiError::TooLarge(16),
    ] {
        assert_eq!(
            err.bucket(),
            Bucket::Unknown,
            "{err}: the request may have been applied"
        );
        assert!(
            err.is_retryable(),
            "{err}: must be retried with the same key"
        );
    }
    let redirect = ApiError::Redirect("http://elsewhere".into());
    assert_eq!(
        redirect.bucket(),
        Bucket::Rejected,
        "a redirect is never followed nor retried"
    );
}

#[test]
fn a_problem_body_keeps_its_code_current_order_and_refundable() {
    let body = br#"{"type":"x","title":"The order changed","status":409,"detail":"v3 != v4",
        "code":"version_conflict","refundable":1500,
        "current":{"id":"ord_1","number":"1042","version":4,"seq":9,"status":"cancelled",
          "fulfillment":"pickup","created_at":"2026-11-20T18:02:11Z",
          "updated_at":"2026-11-20T18:05:11Z","currency":"MXN","total":45000,
          "payment":{"method":"card","status":"refunded"},"brand_new_field":true}}"#;
    let p = decode_problem(409, body, Some(Duration::from_secs(2)));
    assert_eq!(p.code, "version_conflict", "clients branch on code");
    assert_eq!(
        p.refundable,
        Some(1500),
        "refundable is kept for the message"
    );
    assert_eq!(
        p.retry_after,
        Some(Duration::from_secs(2)),
        "Retry-After travels with it"
    );
    let current = p
        .current
        .expect("current must decode even with unknown fields");
    assert_eq!(
        current.version, 4,
        "current is the backend's order as it is now"
    );
}

#[test]
fn a_non_json_error_body_still_becomes_a_problem() {
    let p = decode_problem(502, b"<html>Bad gateway</html>", None);
    assert_eq!(p.code, "http_502", "no code: the status stands in");
    assert!(
        p.detail.contains("Bad gateway"),
        "the body is kept as detail for logs"
    );
}

#[test]
fn only_http_and_https_backend_urls_are_accepted() {
    let cases = [
        ("http://127.0.0.1:8080/", Some("http://127.0.0.1:8080")),
        ("https://shop.example.com", Some("https://shop.example.com")),
        (
            "  https://shop.example.com//  ",
            Some("https://shop.example.com"),
        ),
        ("ftp://shop", None),
        ("shop.example.com", None),
        ("http://", None),
        ("http://a b", None),
    ];
    for (url, want) in cases {
        assert_eq!(
            normalize_base_url(url).ok().as_deref(),
            want,
            "{url:?}: the client only talks to http(s) servers"
        );
    }
}

#[test]
fn the_event_stream_parser_handles_split_chunks_comments_and_crlf() {
    let mut parser = SseParser::default();
    let mut events = parser.feed(b": ping\n\nid: 11\nevent: order\nda");
    assert!(
        events.is_empty(),
        "nothing is complete before the blank line"
    );
    events.extend(parser.feed(b"ta: {\"seq\":11}\r\n\r\nid: 12\ndata: a\ndata: b\n\n"));
    assert_eq!(events.len(), 2, "two events were completed");
    assert_eq!(
        events[0].id.as_deref(),
        Some("11"),
        "the id resumes the stream"
    );
    assert_eq!(events[0].event, "order", "the event name is kept");
    assert_eq!(
        events[0].data, "{\"seq\":11}",
        "data split across chunks is joined"
    );
    assert_eq!(
        events[1].data, "a\nb",
        "multiple data lines join with a newline"
    );
    assert_eq!(events[1].event, "message", "an unnamed event is a message");
}
