//! [`TestServer`]: the fake on 127.0.0.1, on its own thread and runtime, for Rust tests.

use std::net::{SocketAddr, TcpListener};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::oneshot;

use crate::config::Config;
use crate::server::{AppState, serve};

/// A running fake. Stops (and frees its port) on drop.
#[derive(Debug)]
pub struct TestServer {
    config: Config,
    _dir: Option<tempfile::TempDir>,
    addr: SocketAddr,
    state: AppState,
    running: Option<(oneshot::Sender<()>, JoinHandle<()>)>,
}

impl TestServer {
    /// Starts on 127.0.0.1:0. Panics when it cannot (it is a test helper).
    pub fn spawn(config: Config) -> TestServer {
        match Self::try_spawn(config) {
            Ok(server) => server,
            Err(err) => panic!("woocommerce fake failed to start: {err:#}"),
        }
    }

    /// Starts on 127.0.0.1:0.
    pub fn try_spawn(config: Config) -> anyhow::Result<TestServer> {
        let (dir, db_path) = match &config.db_path {
            Some(path) => (None, path.clone()),
            None => {
                let dir = tempfile::tempdir()?;
                let path = dir.path().join("woocommerce-fake.db");
                (Some(dir), path)
            }
        };
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let state = AppState::open(config.clone(), &db_path)?;
        let served = state.clone();
        let (shutdown, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(format!("woocommerce-fake-{}", addr.port()))
            .spawn(move || {
                let Ok(runtime) = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                else {
                    eprintln!("woocommerce-fake: no runtime");
                    return;
                };
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        eprintln!("woocommerce-fake: no listener");
                        return;
                    };
                    tokio::select! {
                        result = serve(served, listener) => {
                            if let Err(err) = result {
                                eprintln!("woocommerce-fake: {err}");
                            }
                        }
                        _ = stopped => {}
                    }
                });
                runtime.shutdown_timeout(Duration::from_secs(2));
            })?;
        Ok(TestServer {
            config,
            _dir: dir,
            addr,
            state,
            running: Some((shutdown, thread)),
        })
    }

    /// `http://127.0.0.1:PORT`, no trailing slash: the store URL.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The REST consumer key.
    pub fn key(&self) -> &str {
        &self.config.key
    }

    /// The REST consumer secret.
    pub fn secret(&self) -> &str {
        &self.config.secret
    }

    /// The admin token, if admin control is on.
    pub fn admin_token(&self) -> Option<&str> {
        self.config.admin_token.as_deref()
    }

    /// The shared state (clock, faults, database), for tests in this process.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Stops serving. Idempotent.
    pub fn stop(&mut self) {
        if let Some((shutdown, thread)) = self.running.take() {
            let _ = shutdown.send(());
            let _ = thread.join();
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop();
    }
}
