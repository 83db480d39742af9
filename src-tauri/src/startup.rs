//! What happens once at start: logging, the Desk on the app-data directory, the tray, the
//! notification checks, the background tasks, and the demo connection.

use std::path::PathBuf;
use std::sync::Arc;

use mostrador_core::clock::SystemClock;
use mostrador_core::desk::{Desk, DeskConfig};
use mostrador_core::view::SyncState;
use tauri::{AppHandle, Manager, Runtime};

use crate::keychain::KeychainTokenStore;
use crate::notifier::{Alarms, ShellNotifier};

/// Overrides the data directory (tests, the smoke test, a second profile).
pub const DATA_DIR_ENV: &str = "MOSTRADOR_DATA_DIR";
/// With [`BACKEND_TOKEN_ENV`]: connect to this backend when none is configured.
pub const BACKEND_URL_ENV: &str = "MOSTRADOR_BACKEND_URL";
/// The backend's token (goes to the keychain like one typed in Ajustes).
pub const BACKEND_TOKEN_ENV: &str = "MOSTRADOR_BACKEND_TOKEN";
/// With [`DEMO_TOKEN_ENV`]: connect to this backend in demo mode when none is configured
/// (set by `scripts/app.sh`).
pub const DEMO_URL_ENV: &str = "MOSTRADOR_DEMO_URL";
/// The demo backend's token.
pub const DEMO_TOKEN_ENV: &str = "MOSTRADOR_DEMO_TOKEN";

/// Logs to stderr; `RUST_LOG` overrides the default `info,zbus=warn`. Each command is a debug-level
/// span logged when it closes, with its duration
/// (`RUST_LOG=info,mostrador_lib::commands=debug`).
pub fn init_tracing() {
    use tracing_subscriber::fmt::format::FmtSpan;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,zbus=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(FmtSpan::CLOSE)
        // Plain text when logging to a file, so the log can be searched.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
}

/// Where the database lives: `$MOSTRADOR_DATA_DIR`, else the platform's app-data directory
/// (e.g. `~/.local/share/mx.mostrador.desk` on Linux).
pub fn data_dir<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => app.path().app_data_dir(),
    }
}

/// The keychain entry: one per data directory, so a demo or test profile never overwrites the
/// owner's real token.
fn token_store<R: Runtime>(app: &AppHandle<R>) -> KeychainTokenStore {
    let service = app.config().identifier.clone();
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => {
            KeychainTokenStore::with_user(service, format!("api-token:{}", dir.to_string_lossy()))
        }
        _ => KeychainTokenStore::new(service),
    }
}

/// One app per data directory: a second launch hands over to the first (which comes to the
/// front) and exits before it opens the database, so only one sync loop and one attention
/// scheduler ever run on a desk.
#[cfg(desktop)]
pub fn single_instance<R: Runtime>(identifier: &str) -> tauri::plugin::TauriPlugin<R> {
    let dir = std::env::var(DATA_DIR_ENV).ok().filter(|d| !d.is_empty());
    let id = mostrador_core::instance::single_instance_id(identifier, dir.as_deref());
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(id)
        .callback(|app, _args, _cwd| {
            tracing::info!("a second launch: showing this window instead");
            crate::window::reveal(app);
        })
        .build()
}

/// Opens the Desk and starts everything that runs in the background.
pub fn setup<R: Runtime>(app: &AppHandle<R>) -> Result<(), Box<dyn std::error::Error>> {
    #[cfg(desktop)]
    crate::tray::install(app)?;
    #[cfg(not(desktop))]
    app.manage(crate::tray::TrayText::default());

    app.manage(crate::links::Opener::new(app.clone()));
    let alarms = Arc::new(Alarms::default());
    app.manage(alarms.clone());
    app.manage(crate::alarm::Alarm::new());
    crate::autostart::install(app);
    show_unless_hidden(app);
    let capabilities = Arc::new(crate::notifier::ServerCapabilities::default());
    app.manage(capabilities.clone());
    let notifier = Arc::new(ShellNotifier::new(
        app.clone(),
        alarms,
        capabilities.clone(),
    ));
    std::thread::spawn(move || capabilities.learn());
    let config = DeskConfig {
        data_dir: data_dir(app)?,
        clock: Arc::new(SystemClock),
        notifier,
        token_store: Arc::new(token_store(app)),
    };
    tracing::info!(data_dir = %config.data_dir.display(), "opening the order desk");
    let desk = tauri::async_runtime::block_on(Desk::open(config))?;
    desk.set_host_name(host_name().as_deref());
    crate::attach_desk(app, desk);
    crate::deep_link::install(app);

    crate::notifier::on_tap(app);
    crate::buttons::install(app);
    // A phone asks on first connect instead (src/mobile.rs), not before the shop is known.
    #[cfg(desktop)]
    crate::notifier::ask_permission(app);
    #[cfg(mobile)]
    crate::mobile::setup(app);
    crate::bus::check_notifications(app);

    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let desk = app.state::<Desk>();
        // Inside Tauri's tokio runtime, so the core's tasks land on it.
        desk.start();
        if let Ok(settings) = desk.settings().await {
            // The login entry follows the saved setting (e.g. after the app was moved).
            crate::autostart::follow(&app.state::<crate::autostart::Launch>(), settings.autostart);
        }
        connect_from_env(&desk).await;
        if let Ok(counts) = desk.counts().await {
            crate::tray::show_pending(&app, counts.pending);
        }
    });
    Ok(())
}

/// The window starts hidden (tauri.conf.json) and is shown now, unless this launch came from
/// the login entry or `--hidden`: then the app stays in the tray, syncing and ringing.
fn show_unless_hidden<R: Runtime>(app: &AppHandle<R>) {
    if crate::autostart::starts_hidden(std::env::args()) {
        tracing::info!("started hidden in the tray");
        return;
    }
    crate::window::reveal(app);
}

/// Connects from the environment when asked: `MOSTRADOR_BACKEND_URL`/`_TOKEN` to a real
/// backend when none is configured; `MOSTRADOR_DEMO_URL`/`_TOKEN` (set by `scripts/app.sh`)
/// to the local demo backend when none is configured or the saved one was an earlier demo.
async fn connect_from_env(desk: &Desk) {
    let status = match desk.sync_status().await {
        Ok(status) => status,
        Err(err) => return tracing::error!(%err, "could not read the sync status"),
    };
    let not_connected = matches!(
        status.state,
        SyncState::NotConnected | SyncState::NoKeychain { .. }
    );
    if let Some((url, token)) = env_pair(BACKEND_URL_ENV, BACKEND_TOKEN_ENV)
        && not_connected
    {
        return connect(desk, &url, &token, false).await;
    }
    let Some((url, token)) = env_pair(DEMO_URL_ENV, DEMO_TOKEN_ENV) else {
        return;
    };
    if !not_connected && !status.demo {
        return tracing::info!("a backend is configured; the demo backend is not used");
    }
    let moved = status.backend_url.as_deref().is_some_and(|old| old != url);
    connect(desk, &url, &token, true).await;
    if moved {
        // An earlier demo ran on another port: fetch this one's orders from scratch.
        if let Err(err) = desk.resync_from_scratch().await {
            tracing::warn!(%err, "could not resync from the new demo backend");
        }
    }
}

fn env_pair(url: &str, token: &str) -> Option<(String, String)> {
    let url = std::env::var(url).ok().filter(|v| !v.is_empty())?;
    let token = std::env::var(token).ok().filter(|v| !v.is_empty())?;
    Some((url, token))
}

async fn connect(desk: &Desk, url: &str, token: &str, demo: bool) {
    match desk.connect(url, token, demo).await {
        Ok(_) => tracing::info!(%url, demo, "connected from the environment"),
        Err(err) => tracing::error!(%err, %url, demo, "could not connect from the environment"),
    }
}

/// The machine's host name, the default device name ("Caja 1" once the owner names it).
fn host_name() -> Option<String> {
    std::env::var("COMPUTERNAME")
        .or_else(|_| std::env::var("HOSTNAME"))
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
}
