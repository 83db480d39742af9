//! Connecting through WordPress's Application Password approval page, as pure functions.
//!
//! The owner types the store URL and presses "Conectar con WordPress"; the app opens
//! [`authorize_url`] in the system browser. WordPress (after the owner logs in and approves)
//! redirects to `mostrador://woocommerce/connected?state=…&site_url=…&user_login=…&password=…`
//! or, when the owner refuses, to `mostrador://woocommerce/rejected?state=…&success=false`.
//! The OS hands that link to the app; [`check_callback`] turns it into the credentials to
//! connect with (HTTP Basic `user_login:password`, which WooCommerce's REST accepts like a
//! key and secret) or an error in the owner's words.
//!
//! A stray or replayed link cannot connect another store: the desk keeps one
//! [`PendingApproval`] (the store the owner started with, the app id, a random `state` that
//! goes out in both callback URLs and must come back), which expires after [`APPROVAL_TTL`].
//! `site_url` must be the store the owner started with. WordPress itself only accepts an
//! `http` callback for a `local` site; the app's own scheme is accepted
//! (../shared/PLATFORMS.md).

use chrono::{DateTime, Duration, Utc};
use reqwest::Url;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, ErrorCode};

pub use super::site::{same_origin, same_site};

/// The name WordPress shows on the approval page and in the user's Application Passwords.
pub const APP_NAME: &str = "Mostrador";
/// Mostrador's app id for WordPress (`app_id`, a UUID): the same on every install, so the
/// owner's Application Passwords list shows which ones are Mostrador's.
pub const APP_ID: &str = "6f1d5c8e-3b0a-4c7e-9a41-8e2d7b5f0c13";
/// The app's URL scheme (declared in tauri.conf.json, `plugins.deep-link.desktop.schemes`).
pub const SCHEME: &str = "mostrador";
/// The host part of the callback links.
pub const CALLBACK_HOST: &str = "woocommerce";
/// Where WordPress sends the owner after approving.
pub const SUCCESS_URL: &str = "mostrador://woocommerce/connected";
/// Where WordPress sends the owner after refusing.
pub const REJECT_URL: &str = "mostrador://woocommerce/rejected";
/// How long an approval may take (logging in to WordPress included).
pub const APPROVAL_TTL: Duration = Duration::minutes(30);

/// The approval the desk is waiting for (kept in the state file, so an app that was closed
/// meanwhile and is started by the link still finds it).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingApproval {
    /// The store URL the owner typed, normalized (`https://tienda.cl`).
    pub store_url: String,
    /// The `app_id` sent to WordPress.
    pub app_id: String,
    /// The random value that must come back in the callback link.
    pub state: String,
    /// When the owner pressed the button.
    pub started_at: DateTime<Utc>,
    /// The page opened in the browser.
    pub authorize_url: String,
}

impl std::fmt::Debug for PendingApproval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingApproval")
            .field("store_url", &self.store_url)
            .field("started_at", &self.started_at)
            .finish_non_exhaustive()
    }
}

impl PendingApproval {
    /// After this, the link is refused and the owner starts again.
    pub fn expires_at(&self) -> DateTime<Utc> {
        self.started_at + APPROVAL_TTL
    }

    /// What the UI shows while waiting.
    pub fn view(&self) -> ApprovalView {
        ApprovalView {
            store_url: self.store_url.clone(),
            started_at: self.started_at,
            expires_at: self.expires_at(),
            authorize_url: self.authorize_url.clone(),
        }
    }
}

/// "Esperando la aprobación en el navegador…": which store, since when, until when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApprovalView {
    /// The store URL the owner started with.
    pub store_url: String,
    /// When the owner pressed the button.
    pub started_at: DateTime<Utc>,
    /// When the approval stops being accepted.
    pub expires_at: DateTime<Utc>,
    /// The page opened in the browser (to open it again).
    pub authorize_url: String,
}

/// How an approval ended, for the UI's toast (`woocommerce://approval`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApprovalFinished {
    /// Connected (then syncing).
    pub connected: bool,
    /// The store.
    pub store_url: String,
    /// What happened, in Spanish.
    pub message: String,
    /// What happened, in English.
    pub message_en: String,
}

/// What a callback link says, before it is checked against the pending approval.
#[derive(Clone, PartialEq, Eq)]
pub enum Callback {
    /// The owner approved: WordPress handed back a user and an Application Password.
    Approved {
        /// The `state` of the link (empty when missing).
        state: String,
        /// `site_url` (WordPress's own address).
        site_url: Option<String>,
        /// `user_login`.
        user_login: Option<String>,
        /// `password` (the Application Password).
        password: Option<String>,
    },
    /// The owner refused (`reject_url`, or `success=false`).
    Rejected {
        /// The `state` of the link.
        state: String,
    },
}

impl std::fmt::Debug for Callback {
    // The password is never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Callback::Approved {
                site_url,
                user_login,
                ..
            } => f
                .debug_struct("Approved")
                .field("site_url", site_url)
                .field("user_login", user_login)
                .finish_non_exhaustive(),
            Callback::Rejected { .. } => f.write_str("Rejected"),
        }
    }
}

/// What to connect with once a link checks out.
#[derive(Clone, PartialEq, Eq)]
pub struct Approved {
    /// The store URL the owner started with (the one connected to, not `site_url`).
    pub store_url: String,
    /// The WordPress user (HTTP Basic user).
    pub user_login: String,
    /// The Application Password, without the spaces WordPress shows it with.
    pub password: String,
}

impl std::fmt::Debug for Approved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Approved")
            .field("store_url", &self.store_url)
            .field("user_login", &self.user_login)
            .finish_non_exhaustive()
    }
}

/// Why a callback link was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a `mostrador://woocommerce/connected|rejected` link.
    NotOurs,
    /// No approval is being waited for.
    NothingPending,
    /// Another `state` than the one sent (a stray or old link).
    OtherState,
    /// The approval took longer than [`APPROVAL_TTL`].
    Expired,
    /// The owner refused in WordPress.
    Rejected,
    /// `site_url`, `user_login` or `password` is missing or unusable.
    Missing,
    /// `site_url` is not the store the owner started with.
    OtherSite,
}

impl Refusal {
    /// Whether the approval keeps waiting after this link (it was not the awaited one).
    pub fn keeps_waiting(self) -> bool {
        matches!(
            self,
            Refusal::NotOurs | Refusal::NothingPending | Refusal::OtherState
        )
    }
}

/// A refused link: why, and what to tell the owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// Why.
    pub kind: Refusal,
    /// In the owner's words.
    pub error: Error,
}

impl From<Refused> for Error {
    fn from(refused: Refused) -> Error {
        refused.error
    }
}

fn refused(kind: Refusal, error: Error) -> Refused {
    Refused { kind, error }
}

/// `{store}/wp-admin/authorize-application.php`: where WordPress keeps the page when its
/// index does not say otherwise.
pub fn default_endpoint(store_url: &str) -> String {
    format!(
        "{}/wp-admin/authorize-application.php",
        store_url.trim_end_matches('/')
    )
}

/// The approval page for `endpoint` (WordPress's authorization endpoint), with Mostrador's
/// name and `app_id`, and both callback links carrying `state`.
pub fn authorize_url(endpoint: &str, app_id: &str, state: &str) -> Result<String, Error> {
    let mut url = Url::parse(endpoint).map_err(|_| {
        Error::new(
            ErrorCode::InvalidInput,
            format!("{endpoint}: no es una dirección válida."),
            format!("{endpoint}: is not a valid address."),
        )
    })?;
    let with_state = |base: &str| format!("{base}?state={state}");
    url.query_pairs_mut()
        .append_pair("app_name", APP_NAME)
        .append_pair("app_id", app_id)
        .append_pair("success_url", &with_state(SUCCESS_URL))
        .append_pair("reject_url", &with_state(REJECT_URL));
    Ok(url.to_string())
}

fn not_ours(link: &str) -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        format!("Mostrador no reconoce este enlace: {}", redact(link)),
        format!("Mostrador does not recognise this link: {}", redact(link)),
    )
}

/// The link without its query (which may hold a password), for messages and logs.
pub fn redact(link: &str) -> String {
    let cut = link.find(['?', '#']).unwrap_or(link.len());
    link[..cut].chars().take(120).collect()
}

/// Reads a `mostrador://woocommerce/…` link: which answer it is and its fields. Anything
/// else (another scheme, host or path) is refused.
pub fn parse_callback(link: &str) -> Result<Callback, Error> {
    let url = Url::parse(link.trim()).map_err(|_| not_ours(link))?;
    if url.scheme() != SCHEME || url.host_str() != Some(CALLBACK_HOST) {
        return Err(not_ours(link));
    }
    let get = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let state = get("state").unwrap_or_default();
    match url.path().trim_end_matches('/') {
        "/rejected" => Ok(Callback::Rejected { state }),
        "/connected" if get("success").as_deref() == Some("false") => {
            Ok(Callback::Rejected { state })
        }
        "/connected" => Ok(Callback::Approved {
            state,
            site_url: get("site_url"),
            user_login: get("user_login"),
            password: get("password"),
        }),
        _ => Err(not_ours(link)),
    }
}

fn missing(field_es: &str, field_en: &str) -> Refused {
    refused(
        Refusal::Missing,
        Error::new(
            ErrorCode::BadAnswer,
            format!(
                "WordPress volvió a Mostrador sin {field_es}. Vuelve a pulsar «Conectar con WordPress», \
             o conecta con una clave REST."
            ),
            format!(
                "WordPress came back to Mostrador without {field_en}. Press \"Connect with WordPress\" \
             again, or connect with a REST key."
            ),
        ),
    )
}

/// No approval is being waited for (none started, cancelled, or already used).
pub fn nothing_pending() -> Error {
    Error::new(
        ErrorCode::NotAllowed,
        "Mostrador no está esperando ninguna aprobación de WordPress: para conectar, pulsa \
         «Conectar con WordPress» en Ajustes › Conexión.",
        "Mostrador is not waiting for any WordPress approval: to connect, press \"Connect with \
         WordPress\" in Settings › Connection.",
    )
}

/// Checks `link` against the approval the desk is waiting for, at `now`.
///
/// Refused, in this order: a link that is not Mostrador's; no approval waiting; a `state`
/// that is not the one sent (a stray or old link); an expired approval; the owner's refusal;
/// a missing `site_url`, `user_login` or `password`; a `site_url` that is not the store the
/// owner started with.
pub fn check_callback(
    link: &str,
    pending: Option<&PendingApproval>,
    now: DateTime<Utc>,
) -> Result<Approved, Refused> {
    let callback = parse_callback(link).map_err(|e| refused(Refusal::NotOurs, e))?;
    let pending = pending.ok_or_else(|| refused(Refusal::NothingPending, nothing_pending()))?;
    let state = match &callback {
        Callback::Approved { state, .. } | Callback::Rejected { state } => state,
    };
    if pending.state.is_empty() || *state != pending.state {
        return Err(refused(
            Refusal::OtherState,
            Error::new(
                ErrorCode::NotAllowed,
                format!(
                    "Este enlace no corresponde a la conexión que iniciaste con {}; no se usó. Si \
                 aprobaste en WordPress, vuelve a pulsar «Conectar con WordPress».",
                    pending.store_url
                ),
                format!(
                    "This link does not belong to the connection you started with {}; it was not \
                 used. If you approved in WordPress, press \"Connect with WordPress\" again.",
                    pending.store_url
                ),
            ),
        ));
    }
    if now > pending.expires_at() {
        return Err(refused(
            Refusal::Expired,
            Error::new(
                ErrorCode::NotAllowed,
                "La aprobación de WordPress tardó demasiado y expiró. Vuelve a pulsar «Conectar con \
             WordPress».",
                "The WordPress approval took too long and expired. Press \"Connect with WordPress\" \
             again.",
            ),
        ));
    }
    let Callback::Approved {
        site_url,
        user_login,
        password,
        ..
    } = callback
    else {
        return Err(refused(
            Refusal::Rejected,
            Error::new(
                ErrorCode::NotConnected,
                format!(
                    "Rechazaste la conexión en WordPress: Mostrador no se conectó a {}.",
                    pending.store_url
                ),
                format!(
                    "You refused the connection in WordPress: Mostrador did not connect to {}.",
                    pending.store_url
                ),
            ),
        ));
    };
    let site_url = site_url.ok_or_else(|| missing("la dirección del sitio", "the site address"))?;
    let user_login = user_login.ok_or_else(|| missing("el usuario", "the user"))?;
    let password: String = password
        .ok_or_else(|| missing("la contraseña de aplicación", "the application password"))?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if user_login.contains(':') || password.is_empty() || !password.is_ascii() {
        return Err(missing(
            "un usuario y una contraseña válidos",
            "a valid user and password",
        ));
    }
    if !same_site(&pending.store_url, &site_url) {
        return Err(refused(
            Refusal::OtherSite,
            Error::new(
                ErrorCode::NotAllowed,
                format!(
                    "WordPress aprobó la conexión para {site_url}, pero la iniciaste con {}: no se \
                 conectó. Revisa la dirección de la tienda y vuelve a intentarlo.",
                    pending.store_url
                ),
                format!(
                    "WordPress approved the connection for {site_url}, but you started it with {}: \
                 nothing was connected. Check the store's address and try again.",
                    pending.store_url
                ),
            ),
        ));
    }
    Ok(Approved {
        store_url: pending.store_url.clone(),
        user_login,
        password,
    })
}
