//! App updates (issue 20): wiring of tauri-plugin-updater. The plugin fetches the feed,
//! downloads the package, checks its signature against the public key in `tauri.conf.json`
//! (`plugins.updater.pubkey`) and installs it (`.deb`: `dpkg -i` through pkexec or sudo;
//! Windows: the NSIS/MSI installer; macOS: the `.app`). Whether it is safe to install now,
//! the feed setting and every sentence the owner reads are the core's
//! ([`mostrador_core::update`]).
//!
//! - Desktop start: once a feed is known, checks after a short delay and then twice a day;
//!   an offer raises a notification ("Hay una versión nueva") and `update://available`.
//! - `check_update` / `install_update`: the UI's commands. Installing refuses while owner
//!   actions wait in the outbox, then restarts the app.
//! - `mostrador --update`: check and install once without asking, print the outcome, exit
//!   with the core's code (0 installed, 3 up to date, see `UpdateFailure::exit_code`). Used by
//!   `scripts/package-test.sh`; an administrator can script it too.

use std::sync::Mutex;
use std::time::Duration;

use mostrador_core::desk::Desk;
use mostrador_core::update::{self, UpdateFailure, UpdateOffer};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_updater::{Error as PluginError, Update, UpdaterExt};

use crate::error::{IpcResult, to_ipc};

/// Overrides the feed saved in the settings (tests, an administrator).
pub const FEED_ENV: &str = "MOSTRADOR_UPDATE_FEED";
/// The command-line flag of a one-shot, unattended update.
pub const UPDATE_FLAG: &str = "--update";
/// The event carrying an [`UpdateOffer`].
pub const EVENT_AVAILABLE: &str = "update://available";

const FIRST_CHECK_AFTER: Duration = Duration::from_secs(5);
const CHECK_EVERY: Duration = Duration::from_secs(12 * 60 * 60);

/// The update found by the last check, kept for `install_update`.
#[derive(Default)]
pub struct PendingUpdate(Mutex<Option<Update>>);

/// The updater plugin (desktop only).
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R, tauri_plugin_updater::Config> {
    tauri_plugin_updater::Builder::new().build()
}

/// Was the app started as `mostrador --update`?
pub fn one_shot_requested() -> bool {
    std::env::args().skip(1).any(|arg| arg == UPDATE_FLAG)
}

fn current_version<R: Runtime>(app: &AppHandle<R>) -> String {
    app.package_info().version.to_string()
}

async fn feed(desk: &Desk) -> Option<String> {
    match std::env::var(FEED_ENV) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => desk.update_feed().await.ok().flatten(),
    }
}

/// A plugin error while looking for an update.
fn check_failure(err: &PluginError) -> UpdateFailure {
    match err {
        PluginError::EmptyEndpoints => UpdateFailure::NoFeed,
        _ => UpdateFailure::Feed,
    }
}

/// A plugin error while downloading or installing.
fn install_failure(err: &PluginError) -> UpdateFailure {
    match err {
        PluginError::Minisign(_)
        | PluginError::Base64(_)
        | PluginError::SignatureUtf8(_)
        | PluginError::SignedVersionMismatch { .. }
        | PluginError::MissingSignedVersion => UpdateFailure::Signature,
        PluginError::InvalidUpdaterFormat | PluginError::BinaryNotFoundInArchive => {
            UpdateFailure::Format
        }
        PluginError::Reqwest(_) | PluginError::Network(_) => UpdateFailure::Download,
        _ => UpdateFailure::Install,
    }
}

async fn find<R: Runtime>(
    app: &AppHandle<R>,
    desk: &Desk,
) -> Result<Option<Update>, UpdateFailure> {
    let mut builder = app.updater_builder();
    if let Some(feed) = feed(desk).await {
        let url = update::validate_feed_url(&feed)
            .ok()
            .and_then(|url| url.parse().ok())
            .ok_or(UpdateFailure::Feed)?;
        builder = builder
            .endpoints(vec![url])
            .map_err(|e| check_failure(&e))?;
    }
    let updater = builder.build().map_err(|e| check_failure(&e))?;
    updater.check().await.map_err(|err| {
        tracing::warn!(%err, "update check failed");
        check_failure(&err)
    })
}

/// Checks the feed; keeps what it found for [`install`].
async fn check<R: Runtime>(
    app: &AppHandle<R>,
    desk: &Desk,
) -> Result<Option<UpdateOffer>, UpdateFailure> {
    let found = find(app, desk).await?;
    let offer = match &found {
        Some(found) => Some(
            desk.update_offer(&found.current_version, &found.version, found.body.clone())
                .await
                .map_err(|_| UpdateFailure::Feed)?,
        ),
        None => None,
    };
    *app.state::<PendingUpdate>()
        .0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = found;
    Ok(offer)
}

/// Installs the update found by the last check (or checks again), only when the core says
/// it is safe. Returns the version installed.
async fn install<R: Runtime>(app: &AppHandle<R>, desk: &Desk) -> Result<String, UpdateFailure> {
    if !desk.update_safety().await.is_ok_and(|s| s.safe) {
        return Err(UpdateFailure::Busy);
    }
    let kept = app
        .state::<PendingUpdate>()
        .0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take();
    let update = match kept {
        Some(update) => update,
        None => find(app, desk).await?.ok_or(UpdateFailure::Feed)?,
    };
    update
        .download_and_install(|_, _| {}, || {})
        .await
        .map_err(|err| {
            tracing::warn!(%err, version = %update.version, "the update was not installed");
            install_failure(&err)
        })?;
    tracing::info!(version = %update.version, "update installed");
    Ok(update.version)
}

/// Looks for an update: the offer (with whether it can be installed now), or none.
#[tauri::command]
pub async fn check_update<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
) -> IpcResult<Option<UpdateOffer>> {
    let result = check(&app, &desk)
        .await
        .map_err(|f| f.to_error(&current_version(&app)));
    to_ipc(&desk, result).await
}

/// Installs the update on offer and restarts the app; refused while actions are queued.
#[tauri::command]
pub async fn install_update<R: Runtime>(app: AppHandle<R>, desk: State<'_, Desk>) -> IpcResult<()> {
    let result = install(&app, &desk)
        .await
        .map_err(|f| f.to_error(&current_version(&app)));
    to_ipc(&desk, result).await?;
    app.restart()
}

/// At start (after the Desk is managed): the one-shot `--update`, or the periodic check.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    if one_shot_requested() {
        tauri::async_runtime::spawn(async move {
            let desk = app.state::<Desk>().inner().clone();
            let current = current_version(&app);
            let language = desk.language();
            let (code, message) = match check(&app, &desk).await {
                Ok(None) => (
                    update::EXIT_UP_TO_DATE,
                    update::up_to_date_message(&current, language),
                ),
                Ok(Some(_)) => match install(&app, &desk).await {
                    Ok(version) => (0, update::installed_message(&version, language)),
                    Err(failure) => (failure.exit_code(), failure.message(&current, language)),
                },
                Err(failure) => (failure.exit_code(), failure.message(&current, language)),
            };
            println!("{message}");
            app.exit(code);
        });
        return;
    }
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_CHECK_AFTER).await;
        loop {
            let desk = app.state::<Desk>().inner().clone();
            if feed(&desk).await.is_some() {
                match check(&app, &desk).await {
                    Ok(Some(offer)) => announce(&app, &offer),
                    Ok(None) => tracing::info!("no newer version on the update feed"),
                    Err(failure) => tracing::info!(?failure, "update check failed"),
                }
            }
            tokio::time::sleep(CHECK_EVERY).await;
        }
    });
}

fn announce<R: Runtime>(app: &AppHandle<R>, offer: &UpdateOffer) {
    use tauri_plugin_notification::NotificationExt;
    tracing::info!(version = %offer.version, "a new version is available");
    let _ = app.emit(EVENT_AVAILABLE, offer);
    if let Err(err) = app
        .notification()
        .builder()
        .title(&offer.title)
        .body(&offer.message)
        .show()
    {
        tracing::warn!(%err, "could not show the update notification");
    }
}
