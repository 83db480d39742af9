//! The HTTP layer: reqwest + rustls with connect/read/total timeouts, no redirects, capped
//! answers, HTTP Basic with the REST key and secret, HTTPS only (loopback aside), an optional
//! extra CA (never turning certificate checks off), and WordPress errors decoded.

use std::time::Duration;

use reqwest::header::{self, HeaderMap};
use reqwest::{Client, Method, Response, redirect};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::wire::ErrorBody;
use crate::platforms::PlatformError;
use crate::text::Text;

/// The environment variable naming a PEM file with an extra CA to trust (tests against a
/// real store on loopback with its own CA).
pub const CA_ENV: &str = "MOSTRADOR_WOO_CA";

/// How to reach a store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WooConfig {
    /// The store URL, e.g. `https://tienda.cl`.
    pub url: String,
    /// REST consumer key (`ck_…`) or WordPress user.
    pub key: String,
    /// REST consumer secret (`cs_…`) or Application Password.
    pub secret: String,
    /// PEM of an extra CA to trust, besides the system's.
    pub extra_ca_pem: Option<Vec<u8>>,
    /// Opening a connection.
    pub connect_timeout: Duration,
    /// Between two reads.
    pub read_timeout: Duration,
    /// A whole request.
    pub total_timeout: Duration,
    /// Largest answer accepted.
    pub max_body: usize,
    /// Pages fetched at once on the first sync.
    pub concurrency: usize,
    /// Orders a page (WooCommerce allows at most 100).
    pub per_page: u32,
    /// Seconds re-read before the cursor (WooCommerce misses same-second changes otherwise).
    pub overlap_s: i64,
}

impl WooConfig {
    /// Defaults for `url` with `key` and `secret`.
    pub fn new(url: &str, key: &str, secret: &str) -> WooConfig {
        WooConfig {
            url: url.to_string(),
            key: key.to_string(),
            secret: secret.to_string(),
            extra_ca_pem: None,
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(45),
            max_body: 32 * 1024 * 1024,
            concurrency: 4,
            per_page: 100,
            overlap_s: 2,
        }
    }

    /// Reads the extra CA from the file named by [`CA_ENV`], when set.
    pub fn with_ca_from_env(mut self) -> Result<WooConfig, PlatformError> {
        if let Some(path) = std::env::var_os(CA_ENV).filter(|p| !p.is_empty()) {
            let pem = std::fs::read(&path).map_err(|e| {
                PlatformError::Certificate(format!("{}: {e}", path.to_string_lossy()))
            })?;
            self.extra_ca_pem = Some(pem);
        }
        Ok(self)
    }
}

fn invalid(url: &str, es: &str, en: &str) -> PlatformError {
    PlatformError::InvalidUrl(Text::new(format!("{url}: {es}"), format!("{url}: {en}")))
}

/// `https://host[:port][/path]` without a trailing slash; `http://` only for loopback.
pub fn normalize_url(url: &str) -> Result<String, PlatformError> {
    let url = url.trim().trim_end_matches('/');
    let (secure, rest) = if let Some(rest) = url.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = url.strip_prefix("http://") {
        (false, rest)
    } else {
        return Err(invalid(
            url,
            "la dirección debe empezar con https://",
            "the address must start with https://",
        ));
    };
    let host_port = rest.split('/').next().unwrap_or_default();
    if host_port.is_empty() || rest.contains(char::is_whitespace) || rest.contains(['?', '#']) {
        return Err(invalid(
            url,
            "no es la dirección de una tienda",
            "is not a store address",
        ));
    }
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if !secure && !loopback {
        return Err(invalid(
            url,
            "WooCommerce necesita https:// (sin cifrado las claves viajarían a la vista)",
            "WooCommerce needs https:// (without it the keys would travel in the clear)",
        ));
    }
    Ok(url.to_string())
}

/// An answer: status, headers, body.
#[derive(Debug)]
pub struct Answer {
    /// Headers.
    pub headers: HeaderMap,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Answer {
    /// The body decoded.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, PlatformError> {
        serde_json::from_slice(&self.body).map_err(|e| PlatformError::Decode(e.to_string()))
    }

    /// A numeric header (`X-WP-TotalPages`).
    pub fn header_u32(&self, name: &str) -> Option<u32> {
        self.headers.get(name)?.to_str().ok()?.trim().parse().ok()
    }

    /// The `Date` header as UTC.
    pub fn date(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let text = self.headers.get(header::DATE)?.to_str().ok()?;
        chrono::DateTime::parse_from_rfc2822(text)
            .ok()
            .map(|d| d.with_timezone(&chrono::Utc))
    }
}

/// The HTTP client of one store.
#[derive(Clone)]
pub struct Http {
    client: Client,
    base: String,
    key: String,
    secret: String,
    max_body: usize,
}

impl std::fmt::Debug for Http {
    // The secret is never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

fn map_reqwest(err: reqwest::Error) -> PlatformError {
    let text = format!("{err:?}");
    if err.is_timeout() {
        PlatformError::Timeout
    } else if text.contains("certificate")
        || text.contains("Certificate")
        || text.contains("UnknownIssuer")
    {
        PlatformError::Certificate(err.to_string())
    } else if err.is_connect() {
        PlatformError::Connect(err.to_string())
    } else {
        PlatformError::Transport(err.to_string())
    }
}

impl Http {
    /// A client for `config`.
    pub fn new(config: &WooConfig) -> Result<Http, PlatformError> {
        let base = normalize_url(&config.url)?;
        let mut builder = Client::builder()
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .timeout(config.total_timeout)
            .redirect(redirect::Policy::none())
            .user_agent(concat!("mostrador/", env!("CARGO_PKG_VERSION")))
            .tcp_nodelay(true)
            .pool_idle_timeout(Duration::from_secs(60));
        if let Some(pem) = &config.extra_ca_pem {
            let cert = reqwest::Certificate::from_pem(pem)
                .map_err(|e| PlatformError::Certificate(e.to_string()))?;
            builder = builder.add_root_certificate(cert);
        }
        let client = builder
            .build()
            .map_err(|e| PlatformError::Certificate(e.to_string()))?;
        Ok(Http {
            client,
            base,
            key: config.key.clone(),
            secret: config.secret.clone(),
            max_body: config.max_body,
        })
    }

    /// The store URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    async fn read_capped(&self, mut response: Response) -> Result<Vec<u8>, PlatformError> {
        let limit = self.max_body;
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(PlatformError::TooLarge(limit));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(map_reqwest)? {
            if body.len() + chunk.len() > limit {
                return Err(PlatformError::TooLarge(limit));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// One request to `path` under the site (`/wp-json/wc/v3/orders?…`).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer, PlatformError> {
        let is_get = method == Method::GET;
        let build = || {
            let mut req = self
                .client
                .request(method.clone(), format!("{}{path}", self.base))
                .header(header::ACCEPT, "application/json");
            // No key: an anonymous read (the site index, before any credentials exist).
            if !self.key.is_empty() {
                req = req.basic_auth(&self.key, Some(&self.secret));
            }
            if let Some(body) = body {
                req = req.json(body);
            }
            req.send()
        };
        // A pooled connection the server closed meanwhile fails at once; a GET is safe to
        // send again, once.
        let response = match build().await.map_err(map_reqwest) {
            Err(PlatformError::Transport(_)) if is_get => build().await.map_err(map_reqwest)?,
            other => other?,
        };
        let status = response.status();
        if status.is_redirection() {
            let to = response
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("?")
                .to_string();
            return Err(PlatformError::Redirect(to));
        }
        let headers = response.headers().clone();
        if status.is_success() {
            let body = self.read_capped(response).await?;
            return Ok(Answer { headers, body });
        }
        let retry_after = headers
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let bytes = self.read_capped(response).await.unwrap_or_default();
        let error: ErrorBody = serde_json::from_slice(&bytes).unwrap_or_default();
        Err(PlatformError::Http {
            status: status.as_u16(),
            code: error.code,
            message: error.message,
            retry_after,
        })
    }

    /// WordPress's Application Password approval page as the site index advertises it
    /// (`authentication["application-passwords"].endpoints.authorization`), read without
    /// credentials. `Ok(None)`: the site offers no Application Passwords (disabled, or not
    /// on HTTPS); [`PlatformError::WrongPlatform`]: it is not a WooCommerce store.
    pub async fn authorization_endpoint(&self) -> Result<Option<String>, PlatformError> {
        let index: Value = self
            .send(Method::GET, "/wp-json/", None)
            .await?
            .json()
            .map_err(|_| PlatformError::WrongPlatform)?;
        let woo = index["namespaces"]
            .as_array()
            .is_some_and(|n| n.iter().any(|n| n == "wc/v3"));
        if !woo {
            return Err(PlatformError::WrongPlatform);
        }
        Ok(
            index["authentication"]["application-passwords"]["endpoints"]["authorization"]
                .as_str()
                .map(str::to_string),
        )
    }

    /// `GET /wp-json/wc/v3{path}`.
    pub async fn get(&self, path: &str) -> Result<Answer, PlatformError> {
        self.send(Method::GET, &format!("/wp-json/wc/v3{path}"), None)
            .await
    }

    /// A write under `/wp-json/wc/v3`.
    pub async fn write(
        &self,
        method: Method,
        path: &str,
        body: &Value,
    ) -> Result<Answer, PlatformError> {
        self.send(method, &format!("/wp-json/wc/v3{path}"), Some(body))
            .await
    }
}
