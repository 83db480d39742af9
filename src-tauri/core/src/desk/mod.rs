//! [`Desk`]: the facade the Tauri shell and the CLI call (docs/architecture.md). It owns the
//! store, the backend client, the sync loop, the outbox sender and the attention scheduler,
//! and publishes [`DeskEvent`]s.

mod ack;
mod actions;
mod alerts;
mod approval;
mod counter;
mod phone;
mod platform_cycle;
mod quick;
mod reads;
mod runner;
mod status;
mod storage;
mod stores;
mod sync_cycle;
mod tokens;
mod update;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{Notify, broadcast};

pub use actions::MAX_UNDO_WINDOW;
pub use alerts::OLD_MONEY_ACTION;
pub use approval::KEY_PENDING_APPROVAL;
pub use phone::{KEY_DEVICE, KEY_SCHEDULED, PushDevice, PushPlatform};
pub use quick::QuickOutcome;
pub use reads::{KEY_SETTINGS, cancel_availability, resolve_order};
pub use status::{Board, KEY_CLOCK_OFFSET, KEY_DEMO, KEY_PLATFORM, KEY_URL, state_after_error};
pub use sync_cycle::CycleReport;
#[cfg(any(test, feature = "testing"))]
pub use tokens::MemoryTokenStore;
pub use tokens::TokenStore;

use crate::api::{ApiClient, ApiConfig};
use crate::attention::{Attention, Notifier};
use crate::clock::Clock;
use crate::error::Result;
use crate::outbox::{OutboxConfig, Sender};
use crate::store::Store;
use crate::sync::SyncConfig;
use crate::view::{NoticeOpened, OrdersChanged, SyncStatus};

/// What [`Desk::open`] needs.
pub struct DeskConfig {
    /// Holds `mostrador.db` (the cache) and `mostrador.state.db` (outbox, ledger, settings).
    pub data_dir: PathBuf,
    /// Time source.
    pub clock: Arc<dyn Clock>,
    /// Where notices go.
    pub notifier: Arc<dyn Notifier>,
    /// Where the token lives (the shell: the OS keychain; CLI and tests: memory).
    pub token_store: Arc<dyn TokenStore>,
}

/// Timeouts, page sizes and backoffs; tests shorten them (see [`Desk::open_tuned`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tuning {
    /// HTTP client.
    pub api: ApiConfig,
    /// Pull.
    pub sync: SyncConfig,
    /// Push.
    pub outbox: OutboxConfig,
}

#[cfg(any(test, feature = "testing"))]
impl Tuning {
    /// Everything in milliseconds, for tests against a local backend (the `testing` feature).
    pub fn fast() -> Tuning {
        let retry = crate::api::RetryPolicy::fast();
        Tuning {
            api: ApiConfig {
                connect_timeout: std::time::Duration::from_millis(500),
                read_timeout: std::time::Duration::from_secs(2),
                total_timeout: std::time::Duration::from_secs(5),
                stream_read_timeout: std::time::Duration::from_secs(30),
                ..ApiConfig::default()
            },
            sync: SyncConfig {
                retry,
                poll_every: std::time::Duration::from_millis(200),
                ..SyncConfig::default()
            },
            outbox: OutboxConfig {
                retry,
                ..OutboxConfig::default()
            },
        }
    }
}

/// Events for the UI.
// A status is larger than the other payloads, but events are few and short-lived; boxing it
// would only make the shell's `match` noisier.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum DeskEvent {
    /// `orders://changed`.
    OrdersChanged(OrdersChanged),
    /// `sync://status`.
    SyncStatus(SyncStatus),
    /// `notice://opened`.
    NoticeOpened(NoticeOpened),
    /// `print://failed`: an automatic slip did not print.
    PrintFailed(crate::view::PrintFailed),
    /// `woocommerce://approval`: a WordPress approval link connected the store, or why not.
    Approval(crate::platforms::woocommerce::approval::ApprovalFinished),
}

/// The cache file inside the data directory; the state file is beside it
/// (`mostrador.state.db`, see [`crate::store::state_path`]).
pub const DB_FILE: &str = "mostrador.db";

pub(crate) struct Inner {
    pub(crate) store: Arc<Store>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) tokens: Arc<dyn TokenStore>,
    pub(crate) events: broadcast::Sender<DeskEvent>,
    pub(crate) tuning: Tuning,
    pub(crate) sender: Sender,
    pub(crate) api: Mutex<Option<ApiClient>>,
    /// A WooCommerce or Shopify shop, when that is what is connected (then `api` is `None`).
    pub(crate) platform: Mutex<Option<crate::platforms::AnyPlatform>>,
    /// When the platform's id-only reconciliation last ran.
    pub(crate) reconciled_at: Mutex<Option<chrono::DateTime<chrono::Utc>>>,
    pub(crate) board: Mutex<Board>,
    pub(crate) wake: Arc<Notify>,
    /// Fired to cut the event stream's reconnect backoff short.
    pub(crate) stream_retry: Arc<Notify>,
    /// The event stream is down (set by its watcher).
    pub(crate) stream_down: std::sync::atomic::AtomicBool,
    /// One pull/flush cycle at a time.
    pub(crate) cycle: tokio::sync::Mutex<()>,
    pub(crate) attention: Arc<Attention>,
    pub(crate) tasks: Mutex<Vec<tokio::task::JoinHandle<()>>>,
    pub(crate) stream: Mutex<Option<tokio::task::JoinHandle<()>>>,
    /// The machine's host name, handed in by the shell: the default device name.
    pub(crate) host_name: Mutex<Option<String>>,
    /// The language a front end asked for (the CLI's `--lang`), over the owner's setting.
    pub(crate) language: Mutex<Option<crate::text::Language>>,
    /// An order a notification asked to open, until the UI takes it.
    pub(crate) opened: Mutex<Option<String>>,
}

/// The order desk. Cheap to clone; every clone is the same desk.
#[derive(Clone)]
pub struct Desk {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("store", &self.inner.store)
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Desk {
    /// Opens (creating and migrating) the database in `data_dir`; the outbox resumes where
    /// it stopped once [`Desk::start`] runs or [`Desk::sync_now`] is called.
    pub async fn open(config: DeskConfig) -> Result<Desk> {
        Desk::open_tuned(config, Tuning::default()).await
    }

    /// [`Desk::open`] with other timeouts and backoffs (tests).
    pub async fn open_tuned(config: DeskConfig, tuning: Tuning) -> Result<Desk> {
        std::fs::create_dir_all(&config.data_dir).map_err(crate::Error::storage)?;
        let path = config.data_dir.join(DB_FILE);
        let now = config.clock.now();
        let store = tokio::task::spawn_blocking(move || {
            let store = Store::open_at(path, now)?;
            // The overlays read the cache: a damaged page there is met now, before the full
            // check runs, so check it at once and go on with a fresh cache.
            if let Err(err) = store.write(|tx| stores::reconcile(tx)) {
                tracing::warn!(%err, "the cache failed at open; checking it now");
                store.check_cache(now)?;
                store.write(|tx| stores::reconcile(tx))?;
            }
            Ok::<_, crate::Error>(store)
        })
        .await
        .map_err(crate::Error::internal)??;
        Desk::from_store(Arc::new(store), config, tuning)
    }

    /// A desk over an already open store (tests, benchmarks; the `testing` feature).
    #[cfg(any(test, feature = "testing"))]
    pub fn with_store(store: Arc<Store>, config: DeskConfig, tuning: Tuning) -> Result<Desk> {
        Desk::from_store(store, config, tuning)
    }

    fn from_store(store: Arc<Store>, config: DeskConfig, tuning: Tuning) -> Result<Desk> {
        let (events, _) = broadcast::channel(1024);
        let attention = Arc::new(Attention::new(
            store.clone(),
            config.notifier.clone(),
            config.clock.clone(),
        ));
        let inner = Inner {
            sender: Sender::new(store.clone(), config.clock.clone(), tuning.outbox),
            store,
            clock: config.clock,
            tokens: config.token_store,
            events,
            tuning,
            api: Mutex::new(None),
            platform: Mutex::new(None),
            reconciled_at: Mutex::new(None),
            board: Mutex::new(Board::default()),
            wake: Arc::new(Notify::new()),
            stream_retry: Arc::new(Notify::new()),
            stream_down: std::sync::atomic::AtomicBool::new(false),
            cycle: tokio::sync::Mutex::new(()),
            attention,
            tasks: Mutex::new(Vec::new()),
            stream: Mutex::new(None),
            host_name: Mutex::new(None),
            language: Mutex::new(None),
            opened: Mutex::new(None),
        };
        let desk = Desk {
            inner: Arc::new(inner),
        };
        if let Err(err) = desk.inner.store.write(|tx| stores::reconcile(tx)) {
            tracing::warn!(%err, "overlays could not be recomputed from the outbox");
        }
        desk.restore_connection()?;
        if let Ok(settings) = desk.read_settings() {
            desk.inner.attention.set_settings(&settings);
        }
        Ok(desk)
    }

    /// The store (tests, benchmarks, the CLI's audits).
    pub fn store(&self) -> &Arc<Store> {
        &self.inner.store
    }

    /// Events for the UI.
    pub fn subscribe(&self) -> broadcast::Receiver<DeskEvent> {
        self.inner.events.subscribe()
    }

    pub(crate) fn emit(&self, event: DeskEvent) {
        let _ = self.inner.events.send(event);
    }

    pub(crate) fn api(&self) -> Option<ApiClient> {
        lock(&self.inner.api).clone()
    }

    pub(crate) fn platform(&self) -> Option<crate::platforms::AnyPlatform> {
        lock(&self.inner.platform).clone()
    }

    pub(crate) fn board(&self) -> std::sync::MutexGuard<'_, Board> {
        lock(&self.inner.board)
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        for task in lock(&self.tasks).drain(..) {
            task.abort();
        }
        if let Some(stream) = lock(&self.stream).take() {
            stream.abort();
        }
    }
}
