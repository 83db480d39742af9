//! [`TestServer`]: the backend on 127.0.0.1, on its own thread and runtime, for Rust tests.

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use crate::config::Config;
use crate::server::{AppState, serve};

/// A running backend. Stops (and frees its port) on drop.
///
/// It runs on its own thread with its own tokio runtime, so it works from a plain `#[test]`
/// and from inside any `#[tokio::test]`.
#[derive(Debug)]
pub struct TestServer {
    config: Config,
    db_path: PathBuf,
    _dir: Option<tempfile::TempDir>,
    addr: SocketAddr,
    running: Option<Running>,
}

#[derive(Debug)]
struct Running {
    shutdown: oneshot::Sender<()>,
    thread: JoinHandle<()>,
}

fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    // A restart rebinds the same port; give the old socket a moment to go away.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match TcpListener::bind(addr) {
            Ok(listener) => return Ok(listener),
            Err(err) if Instant::now() < deadline && addr.port() != 0 => {
                let _ = err;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(err) => return Err(err),
        }
    }
}

fn start(
    config: &Config,
    db_path: &Path,
    addr: SocketAddr,
) -> anyhow::Result<(SocketAddr, Running)> {
    let listener = bind(addr)?;
    listener.set_nonblocking(true)?;
    let local = listener.local_addr()?;
    let state = AppState::open(config.clone(), db_path)?;
    let (shutdown, stopped) = oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name(format!("reference-backend-{}", local.port()))
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(err) => {
                    eprintln!("reference-backend: no runtime: {err}");
                    return;
                }
            };
            runtime.block_on(async move {
                let listener = match tokio::net::TcpListener::from_std(listener) {
                    Ok(listener) => listener,
                    Err(err) => {
                        eprintln!("reference-backend: listener: {err}");
                        return;
                    }
                };
                tokio::select! {
                    result = serve(state, listener) => {
                        if let Err(err) = result {
                            eprintln!("reference-backend: {err}");
                        }
                    }
                    _ = stopped => {}
                }
            });
            // Dropping the runtime drops every connection and background task.
            runtime.shutdown_timeout(Duration::from_secs(2));
        })?;
    Ok((local, Running { shutdown, thread }))
}

impl TestServer {
    /// Starts a backend on 127.0.0.1:0. Panics when it cannot (it is a test helper).
    pub fn spawn(config: Config) -> TestServer {
        match Self::try_spawn(config) {
            Ok(server) => server,
            Err(err) => panic!("reference backend failed to start: {err:#}"),
        }
    }

    /// Starts a backend on 127.0.0.1:0.
    pub fn try_spawn(config: Config) -> anyhow::Result<TestServer> {
        let (dir, db_path) = match &config.db_path {
            Some(path) => (None, path.clone()),
            None => {
                let dir = tempfile::tempdir()?;
                let path = dir.path().join("reference-backend.db");
                (Some(dir), path)
            }
        };
        let (addr, running) = start(&config, &db_path, SocketAddr::from(([127, 0, 0, 1], 0)))?;
        Ok(TestServer {
            config,
            db_path,
            _dir: dir,
            addr,
            running: Some(running),
        })
    }

    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address (the same across restarts).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The store's bearer token.
    pub fn token(&self) -> &str {
        &self.config.token
    }

    /// The admin token, if admin control is on.
    pub fn admin_token(&self) -> Option<&str> {
        self.config.admin_token.as_deref()
    }

    /// The configuration it runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The SQLite file (kept across restarts, deleted on drop when temporary).
    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// Whether it is serving.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Stops serving: open connections are dropped and the port is freed. Idempotent.
    pub fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.shutdown.send(());
            let _ = running.thread.join();
        }
    }

    /// Stops if running, then serves again on the same port with the same database.
    /// Panics when the port cannot be bound again.
    pub fn restart(&mut self) {
        self.stop();
        match start(&self.config, &self.db_path, self.addr) {
            Ok((_, running)) => self.running = Some(running),
            Err(err) => panic!(
                "reference backend failed to restart on {}: {err:#}",
                self.addr
            ),
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop();
    }
}
