//! The HTTP client of API.md: [`ApiClient`] over reqwest + rustls with connect, read and total
//! timeouts, no redirects, size-capped answers, `User-Agent: mostrador/<version>`, and
//! problem+json errors mapped to [`ApiError`]s that know their outcome [`Bucket`].
//!
//! It also keeps the backend's clock offset (from the `Date` header of every answer) so the
//! cancel window is judged by the backend's clock, not the device's alone.

mod devices;
mod error;
mod page;
mod retry;
mod sse;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::header::{self, HeaderMap};
use reqwest::{Client, Response, StatusCode, redirect};

pub use devices::DeviceRegistration;
pub use error::{ApiError, Bucket, Problem, bucket_of, decode_problem};
pub use page::{BadOrder, OrdersPage};
pub use retry::{RetryPolicy, parse_http_date, parse_retry_after};
pub use sse::{SseEvent, SseParser};

use crate::clock::Clock;
use crate::model::{Order, Shop};

/// Timeouts and limits of the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiConfig {
    /// Opening a connection.
    pub connect_timeout: Duration,
    /// Between two reads of an answer.
    pub read_timeout: Duration,
    /// A whole request, answer included (not the event stream).
    pub total_timeout: Duration,
    /// Between two reads of the event stream (the backend pings every 15 s).
    pub stream_read_timeout: Duration,
    /// Largest answer accepted.
    pub max_body: usize,
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(15),
            total_timeout: Duration::from_secs(30),
            stream_read_timeout: Duration::from_secs(45),
            max_body: 16 * 1024 * 1024,
        }
    }
}

/// The backend client. Cheap to clone (connections are pooled and shared).
#[derive(Clone)]
pub struct ApiClient {
    http: Client,
    stream_http: Client,
    base: String,
    token: Arc<str>,
    clock: Arc<dyn Clock>,
    config: ApiConfig,
    offset_ms: Arc<AtomicI64>,
    has_offset: Arc<AtomicBool>,
    /// `Device-Name` of every POST; shared by every clone.
    device: Arc<std::sync::RwLock<Option<String>>>,
}

impl std::fmt::Debug for ApiClient {
    // The token is never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiClient")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

/// `http://host:port` or `https://…`, without a trailing slash; anything else is refused.
pub fn normalize_base_url(url: &str) -> Result<String, ApiError> {
    let url = url.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            ApiError::InvalidUrl(format!("{url:?} must start with http:// or https://"))
        })?;
    if rest.is_empty() || rest.contains(char::is_whitespace) || rest.contains(['?', '#']) {
        return Err(ApiError::InvalidUrl(format!(
            "{url:?} is not a server address"
        )));
    }
    Ok(url.to_string())
}

/// Percent-encodes an opaque id for one path segment.
pub fn encode_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn build_http(
    config: &ApiConfig,
    total: Option<Duration>,
    read: Duration,
) -> Result<Client, ApiError> {
    let mut builder = Client::builder()
        .connect_timeout(config.connect_timeout)
        .read_timeout(read)
        .redirect(redirect::Policy::none())
        .user_agent(concat!("mostrador/", env!("CARGO_PKG_VERSION")))
        .tcp_nodelay(true)
        .pool_idle_timeout(Duration::from_secs(90));
    if let Some(total) = total {
        builder = builder.timeout(total);
    }
    builder
        .build()
        .map_err(|e| ApiError::InvalidUrl(e.to_string()))
}

/// `Content-Type: text/html` (or XHTML): a web page, not the API.
fn is_html_type(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_ascii_lowercase())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/xhtml"))
}

/// A body whose first non-blank character is `<`: markup (JSON never starts so).
fn starts_like_markup(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

fn map_reqwest(err: reqwest::Error) -> ApiError {
    if err.is_timeout() {
        ApiError::Timeout
    } else if err.is_connect() {
        ApiError::Connect(err.to_string())
    } else if err.is_builder() {
        ApiError::InvalidUrl(err.to_string())
    } else {
        ApiError::Transport(err.to_string())
    }
}

impl ApiClient {
    /// A client for the backend at `base_url` with the store's `token`.
    pub fn new(
        base_url: &str,
        token: &str,
        clock: Arc<dyn Clock>,
        config: ApiConfig,
    ) -> Result<ApiClient, ApiError> {
        Ok(ApiClient {
            http: build_http(&config, Some(config.total_timeout), config.read_timeout)?,
            stream_http: build_http(&config, None, config.stream_read_timeout)?,
            base: normalize_base_url(base_url)?,
            token: Arc::from(token),
            clock,
            config,
            offset_ms: Arc::new(AtomicI64::new(0)),
            has_offset: Arc::new(AtomicBool::new(false)),
            device: Arc::new(std::sync::RwLock::new(None)),
        })
    }

    /// Sends `name` (cleaned, see [`crate::device::clean_device_name`]) as `Device-Name` on
    /// every POST from now on, by this client and all its clones; `None` sends none.
    pub fn set_device_name(&self, name: Option<&str>) {
        let name = name.and_then(crate::device::clean_device_name);
        *self.device.write().unwrap_or_else(|e| e.into_inner()) = name;
    }

    /// The `Device-Name` sent with every POST.
    pub fn device_name(&self) -> Option<String> {
        self.device
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The backend URL.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Backend clock minus device clock, once an answer carried a `Date` header.
    pub fn clock_offset(&self) -> Option<chrono::Duration> {
        self.has_offset
            .load(Ordering::Relaxed)
            .then(|| chrono::Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed)))
    }

    /// Starts from a remembered offset (a fresh process judges the cancel window by the
    /// backend's clock before its first answer); the next answer's `Date` replaces it.
    pub fn assume_clock_offset(&self, offset: chrono::Duration) {
        if !self.has_offset.load(Ordering::Relaxed) {
            self.offset_ms
                .store(offset.num_milliseconds(), Ordering::Relaxed);
            self.has_offset.store(true, Ordering::Relaxed);
        }
    }

    /// Now by the backend's clock (the device's when no offset is known yet).
    pub fn backend_now(&self) -> DateTime<Utc> {
        self.clock.now() + self.clock_offset().unwrap_or_default()
    }

    fn note_date(&self, headers: &HeaderMap) {
        let Some(date) = headers.get(header::DATE).and_then(|v| v.to_str().ok()) else {
            return;
        };
        if let Some(at) = parse_http_date(date) {
            let offset = (at - self.clock.now()).num_milliseconds();
            self.offset_ms.store(offset, Ordering::Relaxed);
            self.has_offset.store(true, Ordering::Relaxed);
        }
    }

    async fn read_capped(&self, mut response: Response) -> Result<Vec<u8>, ApiError> {
        let limit = self.config.max_body;
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(ApiError::TooLarge(limit));
        }
        let mut body = Vec::with_capacity(response.content_length().unwrap_or(0) as usize);
        while let Some(chunk) = response.chunk().await.map_err(map_reqwest)? {
            if body.len() + chunk.len() > limit {
                return Err(ApiError::TooLarge(limit));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// Turns an answer into its body, or the error it stands for. A web page where the API
    /// was expected (on a 2xx or a redirect) is a sign-in portal, not a parser error.
    async fn finish(&self, response: Response) -> Result<Vec<u8>, ApiError> {
        self.note_date(response.headers());
        let status = response.status();
        let html = is_html_type(response.headers());
        if status.is_redirection() {
            let to = response
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("?")
                .to_string();
            let body = self.read_capped(response).await.unwrap_or_default();
            if html || starts_like_markup(&body) {
                return Err(ApiError::SignIn);
            }
            return Err(ApiError::Redirect(to));
        }
        if status.is_success() {
            let body = self.read_capped(response).await?;
            if html || starts_like_markup(&body) {
                return Err(ApiError::SignIn);
            }
            return Ok(body);
        }
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            // Clamped by whoever decides when to retry (see `RetryPolicy::delay`).
            .and_then(|v| parse_retry_after(v, self.backend_now()));
        // An error body that cannot be read still has a status worth reporting.
        let body = self.read_capped(response).await.unwrap_or_default();
        Err(ApiError::Problem(decode_problem(
            status.as_u16(),
            &body,
            retry_after,
        )))
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let send = || {
            self.http
                .get(format!("{}{path}", self.base))
                .bearer_auth(&*self.token)
                .send()
        };
        // A pooled connection the server closed meanwhile fails at once; a GET is safe to
        // send again, once, on a fresh connection.
        let response = match send().await.map_err(map_reqwest) {
            Err(ApiError::Transport(_)) => send().await.map_err(map_reqwest)?,
            other => other?,
        };
        let body = self.finish(response).await?;
        serde_json::from_slice(&body).map_err(|e| ApiError::Decode(e.to_string()))
    }

    /// `GET /v1/store`.
    pub async fn store(&self) -> Result<Shop, ApiError> {
        self.get_json("/v1/store").await
    }

    /// `GET /v1/orders?after=&limit=`.
    pub async fn orders_page(&self, after: i64, limit: u32) -> Result<OrdersPage, ApiError> {
        self.get_json(&format!("/v1/orders?after={after}&limit={limit}"))
            .await
    }

    /// `GET /v1/orders/{id}`.
    pub async fn order(&self, id: &str) -> Result<Order, ApiError> {
        self.get_json(&format!("/v1/orders/{}", encode_segment(id)))
            .await
    }

    /// A POST of an owner action: `path` under the base URL, the action's key, the exact
    /// body bytes. Returns the order the backend answered with — `None` when the backend
    /// accepted the action (2xx) but its order did not decode: the action is applied all the
    /// same, and the next pull reads the order again (or quarantines it).
    pub async fn post_action(
        &self,
        path: &str,
        key: &str,
        body: &[u8],
    ) -> Result<Option<Order>, ApiError> {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&*self.token)
            .header("Idempotency-Key", key)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(device) = self.device_name()
            && let Ok(value) = header::HeaderValue::from_str(&device)
        {
            request = request.header("Device-Name", value);
        }
        let response = request
            .body(body.to_vec())
            .send()
            .await
            .map_err(map_reqwest)?;
        let body = self.finish(response).await?;
        match serde_json::from_slice(&body) {
            Ok(order) => Ok(Some(order)),
            Err(err) => {
                tracing::warn!(%path, %err, "the backend applied an action but its order does not decode; the next pull reads it again");
                Ok(None)
            }
        }
    }

    /// Opens `GET /v1/events`, resuming after `last_event_id`.
    pub async fn events(&self, last_event_id: Option<&str>) -> Result<EventStream, ApiError> {
        let mut request = self
            .stream_http
            .get(format!("{}/v1/events", self.base))
            .bearer_auth(&*self.token)
            .header(header::ACCEPT, "text/event-stream");
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id);
        }
        let response = request.send().await.map_err(map_reqwest)?;
        self.note_date(response.headers());
        if response.status() == StatusCode::OK && is_html_type(response.headers()) {
            return Err(ApiError::SignIn);
        }
        if response.status() != StatusCode::OK {
            return Err(self
                .finish(response)
                .await
                .err()
                .unwrap_or(ApiError::Decode(
                    "the event stream answered without a stream".into(),
                )));
        }
        Ok(EventStream {
            response,
            parser: SseParser::default(),
        })
    }
}

/// An open event stream.
#[derive(Debug)]
pub struct EventStream {
    response: Response,
    parser: SseParser,
}

impl EventStream {
    /// Waits for the next chunk and returns the events it completed (possibly none, for a
    /// ping). `Ok(None)` when the backend closed the stream.
    pub async fn next_events(&mut self) -> Result<Option<Vec<SseEvent>>, ApiError> {
        match self.response.chunk().await.map_err(map_reqwest)? {
            Some(chunk) => Ok(Some(self.parser.feed(&chunk))),
            None => Ok(None),
        }
    }
}
