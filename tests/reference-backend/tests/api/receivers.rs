//! What the backend pushes to and mails to, started by the test on 127.0.0.1: a UnifiedPush
//! endpoint (a tiny axum server that records each POST and answers from a script) and an SMTP
//! sink (records each message's envelope and DATA). Both stop when dropped.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// One POST the endpoint received.
#[derive(Debug, Clone)]
pub struct Received {
    /// The last path segment (`/up/{name}`): which device it was for.
    pub device: String,
    /// The JSON body.
    pub body: Value,
}

#[derive(Default)]
struct Shared {
    got: Mutex<Vec<Received>>,
    /// Statuses to answer, in order; 200 once empty.
    script: Mutex<VecDeque<u16>>,
}

/// A UnifiedPush endpoint on 127.0.0.1.
pub struct PushReceiver {
    base: String,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

async fn receive(
    State(shared): State<Arc<Shared>>,
    Path(device): Path<String>,
    body: Bytes,
) -> StatusCode {
    let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
    shared
        .got
        .lock()
        .expect("lock")
        .push(Received { device, body });
    let status = shared
        .script
        .lock()
        .expect("lock")
        .pop_front()
        .unwrap_or(201);
    StatusCode::from_u16(status).unwrap_or(StatusCode::OK)
}

impl PushReceiver {
    /// Starts the endpoint; it answers `script` in order, then 201.
    pub async fn start(script: &[u16]) -> PushReceiver {
        let shared = Arc::new(Shared::default());
        shared.script.lock().expect("lock").extend(script);
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let app = Router::new()
            .route("/up/{device}", post(receive))
            .with_state(shared.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        PushReceiver {
            base: format!("http://{addr}"),
            shared,
            task,
        }
    }

    /// The endpoint URL of device `name`.
    pub fn endpoint(&self, name: &str) -> String {
        format!("{}/up/{name}", self.base)
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        self.shared.got.lock().expect("lock").clone()
    }

    /// Waits until `n` POSTs arrived (or 10 s passed); returns what arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.received().len() < n && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.received()
    }
}

impl Drop for PushReceiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// One message the SMTP sink accepted.
#[derive(Debug, Clone)]
pub struct Mail {
    /// `MAIL FROM` address.
    pub from: String,
    /// `RCPT TO` address.
    pub to: String,
    /// The DATA, dot-unstuffed, CRLF line ends kept.
    pub data: String,
}

/// An SMTP server on 127.0.0.1 that accepts everything and records it.
pub struct SmtpSink {
    addr: String,
    mails: Arc<Mutex<Vec<Mail>>>,
    task: JoinHandle<()>,
}

impl SmtpSink {
    /// Starts the sink.
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr").to_string();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let sink = mails.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, sink.clone()));
            }
        });
        SmtpSink { addr, mails, task }
    }

    /// `host:port` for `--smtp`.
    pub fn addr(&self) -> String {
        self.addr.clone()
    }

    /// Messages so far.
    pub fn mails(&self) -> Vec<Mail> {
        self.mails.lock().expect("lock").clone()
    }

    /// Waits until `n` messages arrived (or 10 s passed).
    pub async fn wait_for(&self, n: usize) -> Vec<Mail> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.mails().len() < n && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.mails()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn session(stream: tokio::net::TcpStream, mails: Arc<Mutex<Vec<Mail>>>) {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    let mut mail = Mail {
        from: String::new(),
        to: String::new(),
        data: String::new(),
    };
    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
    loop {
        let mut line = String::new();
        if read.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-sink greets you\r\n250 8BITMIME\r\n"
        } else if let Some(rest) = upper.strip_prefix("MAIL FROM:") {
            mail.from = line[line.len() - rest.len()..]
                .trim()
                .trim_matches(['<', '>'])
                .into();
            b"250 OK\r\n"
        } else if let Some(rest) = upper.strip_prefix("RCPT TO:") {
            mail.to = line[line.len() - rest.len()..]
                .trim()
                .trim_matches(['<', '>'])
                .into();
            b"250 OK\r\n"
        } else if upper.starts_with("DATA") {
            let _ = write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await;
            loop {
                let mut data = String::new();
                if read.read_line(&mut data).await.unwrap_or(0) == 0 {
                    return;
                }
                if data == ".\r\n" {
                    break;
                }
                let data = data.strip_prefix('.').unwrap_or(&data);
                mail.data.push_str(data);
            }
            mails.lock().expect("lock").push(mail.clone());
            b"250 queued\r\n"
        } else if upper.starts_with("QUIT") {
            let _ = write.write_all(b"221 bye\r\n").await;
            return;
        } else {
            b"502 not here\r\n"
        };
        let _ = write.write_all(reply).await;
    }
}
