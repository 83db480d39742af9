//! App updates (issue 20): when it is safe to install one, where the update feed is, and what
//! the owner is told. The shell wires tauri-plugin-updater (download, signature check,
//! install); every decision and every sentence is here.
//!
//! An update restarts the app, so it is never installed while an owner action waits in the
//! outbox: a queued "Listo" or a refund goes out first. Failed actions do not block (nothing
//! more will be sent for them).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};
use crate::text::{Language, Text};

/// Where the settings table keeps the owner's (or the platform's) update feed URL.
pub const KEY_UPDATE_FEED: &str = "update_feed_url";

/// Whether an update can be installed now, and why not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UpdateSafety {
    /// Installing now interrupts nothing.
    pub safe: bool,
    /// Actions still waiting in the outbox.
    pub pending_actions: u32,
    /// In words for the owner (always set: "Puedes actualizar ahora." when safe).
    pub reason: String,
}

/// "Safe to update now?": only when no owner action is waiting to be sent.
pub fn update_safety(pending_actions: u32, language: Language) -> UpdateSafety {
    let reason = match pending_actions {
        0 => Text::new("Puedes actualizar ahora.", "You can update now."),
        1 => Text::new(
            "Hay 1 acción en cola sin enviar: actualiza cuando se haya enviado, para no \
             interrumpirla.",
            "1 queued action has not been sent yet: update once it has gone out, so it is not \
             interrupted.",
        ),
        n => Text::new(
            format!(
                "Hay {n} acciones en cola sin enviar: actualiza cuando se hayan enviado, para \
                 no interrumpirlas."
            ),
            format!(
                "{n} queued actions have not been sent yet: update once they have gone out, so \
                 they are not interrupted."
            ),
        ),
    }
    .into_string(language);
    UpdateSafety {
        safe: pending_actions == 0,
        pending_actions,
        reason,
    }
}

/// An update the feed offers, as the owner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UpdateOffer {
    /// The version installed now.
    pub current_version: String,
    /// The version on offer.
    pub version: String,
    /// Release notes from the feed, as given.
    pub notes: Option<String>,
    /// "Hay una versión nueva" (a notification's title, the banner's heading).
    pub title: String,
    /// "Hay una versión nueva de Mostrador (0.2.0)…".
    pub message: String,
    /// Whether it can be installed now.
    pub safety: UpdateSafety,
}

/// Builds the offer the owner sees.
pub fn offer(
    current_version: &str,
    version: &str,
    notes: Option<String>,
    pending_actions: u32,
    language: Language,
) -> UpdateOffer {
    let title = language.pick("Hay una versión nueva", "A new version is available");
    let message = language.pick(
        format!(
            "Hay una versión nueva de Mostrador ({version}; tienes la {current_version}). \
             Actualiza cuando te convenga: la app se reinicia al terminar."
        ),
        format!(
            "A new version of Mostrador is available ({version}; you have {current_version}). \
             Update when it suits you: the app restarts when done."
        ),
    );
    UpdateOffer {
        current_version: current_version.to_string(),
        version: version.to_string(),
        notes,
        title: title.to_string(),
        message,
        safety: update_safety(pending_actions, language),
    }
}

/// Why an update did not install. The installed version keeps working in every case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateFailure {
    /// No feed is configured.
    NoFeed,
    /// The feed could not be reached or read.
    Feed,
    /// The package could not be downloaded.
    Download,
    /// The package's signature is missing, wrong, or from another key.
    Signature,
    /// The package is not one this installation can install (e.g. not a `.deb`).
    Format,
    /// The system installer refused or failed (no permission, dpkg error).
    Install,
    /// Owner actions are still waiting in the outbox.
    Busy,
}

impl UpdateFailure {
    /// Exit code of `mostrador --update` for this failure.
    pub fn exit_code(self) -> i32 {
        match self {
            UpdateFailure::NoFeed => 2,
            UpdateFailure::Busy => 4,
            UpdateFailure::Signature => 5,
            UpdateFailure::Feed | UpdateFailure::Download | UpdateFailure::Format => 6,
            UpdateFailure::Install => 7,
        }
    }

    /// The owner-facing sentence; `current_version` is what keeps running.
    pub fn message(self, current_version: &str, language: Language) -> String {
        self.to_error(current_version).text.into_string(language)
    }

    /// As a core error (both languages), for the IPC.
    pub fn to_error(self, current_version: &str) -> Error {
        let code = match self {
            UpdateFailure::NoFeed => ErrorCode::NotConnected,
            UpdateFailure::Feed | UpdateFailure::Download => ErrorCode::Network,
            UpdateFailure::Signature | UpdateFailure::Format => ErrorCode::InvalidInput,
            UpdateFailure::Install | UpdateFailure::Busy => ErrorCode::NotAllowed,
        };
        let (es, en) = match self {
            UpdateFailure::NoFeed => (
                "No hay una dirección de actualizaciones configurada.",
                "No update address is configured.",
            ),
            UpdateFailure::Feed => (
                "No se pudo consultar si hay una versión nueva (sin conexión o la dirección no \
                 responde).",
                "Could not check for a new version (offline, or the address does not answer).",
            ),
            UpdateFailure::Download => (
                "No se pudo descargar la versión nueva.",
                "Could not download the new version.",
            ),
            UpdateFailure::Signature => (
                "La versión nueva no está firmada por Mostrador o fue alterada: no se instaló.",
                "The new version is not signed by Mostrador or was altered: it was not installed.",
            ),
            UpdateFailure::Format => (
                "El paquete de la versión nueva no sirve para esta instalación.",
                "The new version's package does not fit this installation.",
            ),
            UpdateFailure::Install => (
                "El sistema no instaló la versión nueva (¿falta el permiso de administrador?).",
                "The system did not install the new version (administrator permission missing?).",
            ),
            UpdateFailure::Busy => (
                "Hay acciones en cola sin enviar: la actualización espera a que salgan.",
                "Queued actions have not been sent yet: the update waits until they go out.",
            ),
        };
        Error::new(
            code,
            format!("{es} Sigues con la versión {current_version}."),
            format!("{en} You still have version {current_version}."),
        )
    }
}

/// Exit code of `mostrador --update` when the feed offers nothing newer.
pub const EXIT_UP_TO_DATE: i32 = 3;

/// "Ya tienes la última versión".
pub fn up_to_date_message(current_version: &str, language: Language) -> String {
    language.pick(
        format!("Ya tienes la última versión ({current_version})."),
        format!("You have the latest version ({current_version})."),
    )
}

/// "Actualizado a la 0.2.0".
pub fn installed_message(version: &str, language: Language) -> String {
    language.pick(
        format!("Mostrador se actualizó a la versión {version}."),
        format!("Mostrador was updated to version {version}."),
    )
}

/// Checks an update feed URL: `https://…`, or `http://` only to this machine (a feed the
/// shop serves on the counter PC itself, tests). Returns it trimmed.
pub fn validate_feed_url(url: &str) -> Result<String> {
    let url = url.trim();
    let invalid = || {
        Error::new(
            ErrorCode::InvalidInput,
            "La dirección de actualizaciones debe empezar con https:// (o http:// solo hacia \
             este equipo).",
            "The update address must start with https:// (or http:// only to this computer).",
        )
    };
    let parsed = reqwest::Url::parse(url).map_err(|_| invalid())?;
    let host = parsed.host_str().unwrap_or_default();
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" if !host.is_empty() => Ok(url.to_string()),
        "http" if loopback => Ok(url.to_string()),
        _ => Err(invalid()),
    }
}
