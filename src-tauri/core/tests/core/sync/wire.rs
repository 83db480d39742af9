//! A tiny HTTP/1.1 server on 127.0.0.1 for edge cases the reference backend does not play:
//! each request is answered by a script (raw status, headers, body) or forwarded to a real
//! backend; every request is counted. One response per connection (`Connection: close`), so
//! an event stream "closes at once" by simply being answered. Stopped when dropped.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the script sees it.
#[derive(Clone, Debug)]
pub struct Seen {
    /// `GET`, `POST`, …
    pub method: String,
    /// Path and query.
    pub path: String,
    /// Request headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// Request body.
    pub body: Vec<u8>,
}

/// What to answer.
pub enum Reply {
    /// This status, headers and body.
    Raw(u16, Vec<(String, String)>, Vec<u8>),
    /// Pass the request to the backend at this base URL and relay its answer.
    Forward(String),
    /// Pass it on, and relay the answer's body changed by the function.
    ForwardWith(String, Box<dyn FnOnce(Vec<u8>) -> Vec<u8> + Send>),
}

impl Reply {
    /// An answer with these headers and a text body.
    pub fn with(status: u16, headers: &[(&str, &str)], body: &str) -> Reply {
        Reply::Raw(
            status,
            headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body.as_bytes().to_vec(),
        )
    }
}

type Script = dyn Fn(&Seen) -> Reply + Send + Sync;

/// The running server.
pub struct Wire {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Wire {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Wire {
    /// Starts a server answering with `script`.
    pub async fn start(script: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Wire {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let log = seen.clone();
        let task = tokio::spawn(async move {
            let http = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client");
            while let Ok((conn, _)) = listener.accept().await {
                let (script, log, http) = (script.clone(), log.clone(), http.clone());
                tokio::spawn(async move {
                    let _ = serve(conn, &*script, &log, &http).await;
                });
            }
        });
        Wire { base, seen, task }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        self.base.clone()
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Requests so far whose method is `method` and whose path starts with `prefix`.
    pub fn count(&self, method: &str, prefix: &str) -> usize {
        self.seen()
            .iter()
            .filter(|s| s.method == method && s.path.starts_with(prefix))
            .count()
    }
}

async fn serve(
    mut conn: TcpStream,
    script: &Script,
    log: &Mutex<Vec<Seen>>,
    http: &reqwest::Client,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_string();
    let path = first.next().unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let mut chunk = [0u8; 4096];
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let seen = Seen {
        method,
        path,
        headers,
        body,
    };
    log.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(seen.clone());
    let (status, headers, body) = match script(&seen) {
        Reply::Raw(status, headers, body) => (status, headers, body),
        Reply::Forward(base) => forward(http, &base, &seen).await,
        Reply::ForwardWith(base, change) => {
            let (status, headers, body) = forward(http, &base, &seen).await;
            (status, headers, change(body))
        }
    };
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in &headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    ));
    conn.write_all(out.as_bytes()).await?;
    conn.write_all(&body).await?;
    conn.shutdown().await
}

async fn forward(
    http: &reqwest::Client,
    base: &str,
    seen: &Seen,
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let method = reqwest::Method::from_bytes(seen.method.as_bytes()).expect("method");
    let mut request = http
        .request(method, format!("{base}{}", seen.path))
        .body(seen.body.clone());
    for (k, v) in &seen.headers {
        if !matches!(k.as_str(), "host" | "content-length" | "connection") {
            request = request.header(k, v);
        }
    }
    let response = request.send().await.expect("the backend answers");
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "content-length" | "connection" | "transfer-encoding"
            )
        })
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    let body = response.bytes().await.expect("the body").to_vec();
    (status, headers, body)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        302 => "Found",
        307 => "Temporary Redirect",
        408 => "Request Timeout",
        409 => "Conflict",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
