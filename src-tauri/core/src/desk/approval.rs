//! "Conectar con WordPress": the desk's side of WordPress's Application Password approval
//! ([`crate::platforms::woocommerce::approval`] has the pure rules).
//!
//! [`Desk::begin_woo_approval`] checks the store (a WooCommerce site that offers Application
//! Passwords), keeps one [`PendingApproval`] in the state file and gives the page to open in
//! the browser; [`Desk::finish_woo_approval`] takes the `mostrador://` link the OS handed to
//! the app, checks it against that approval and connects with `user_login:password` (kept in
//! the token store like a REST key and secret), then syncs. Every outcome is also published
//! as [`DeskEvent::Approval`] for the UI's toast.

use uuid::Uuid;

use crate::error::{Error, ErrorCode, Result};
use crate::platforms::woocommerce::approval::{
    self, ApprovalFinished, ApprovalView, PendingApproval,
};
use crate::platforms::woocommerce::{WooCommerce, WooConfig, client, words};
use crate::platforms::{Credentials, PlatformKind};
use crate::store::kv;
use crate::view::SyncStatus;

use super::{Desk, DeskEvent};

/// State key of the approval being waited for (JSON of [`PendingApproval`]).
pub const KEY_PENDING_APPROVAL: &str = "woocommerce.pending_approval";

fn store_error(code: ErrorCode, err: &crate::platforms::PlatformError) -> Error {
    let w = words::connect_failure(err);
    Error::new(code, w.es, w.en)
}

impl Desk {
    fn pending_approval(&self) -> Result<Option<PendingApproval>> {
        self.inner
            .store
            .read(|conn| kv::get_json(conn, KEY_PENDING_APPROVAL))
    }

    fn forget_approval(&self) -> Result<()> {
        self.inner
            .store
            .write(|tx| kv::remove(tx, KEY_PENDING_APPROVAL))
    }

    /// Starts connecting to the WooCommerce store at `store_url` through WordPress's
    /// approval page: checks the store first (errors in the owner's words), replaces any
    /// earlier pending approval, and returns what to open in the browser.
    pub async fn begin_woo_approval(&self, store_url: &str) -> Result<ApprovalView> {
        let base = client::normalize_url(store_url)
            .map_err(|e| store_error(ErrorCode::InvalidInput, &e))?;
        let mut config = WooConfig::new(&base, "", "")
            .with_ca_from_env()
            .map_err(|e| store_error(ErrorCode::InvalidInput, &e))?;
        if self.inner.tuning.api.connect_timeout < std::time::Duration::from_secs(1) {
            config.connect_timeout = std::time::Duration::from_millis(500);
            config.total_timeout = std::time::Duration::from_secs(6);
        }
        let site = WooCommerce::new(config, self.inner.clock.clone())
            .map_err(|e| store_error(ErrorCode::InvalidInput, &e))?;
        let advertised = site
            .authorization_endpoint()
            .await
            .map_err(|e| store_error(ErrorCode::NotConnected, &e))?
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::NotAllowed,
                    format!(
                        "{base} no ofrece contraseñas de aplicación de WordPress (están desactivadas, \
                         o el sitio no usa https). Conecta con una clave REST."
                    ),
                    format!(
                        "{base} does not offer WordPress Application Passwords (they are turned off, \
                         or the site is not on https). Connect with a REST key instead."
                    ),
                )
            })?;
        // The page must be on the store's own site; anything else is not trusted.
        let endpoint = if approval::same_origin(&base, &advertised) {
            advertised
        } else {
            tracing::warn!(%advertised, "the advertised approval page is on another site; using the default");
            approval::default_endpoint(&base)
        };
        let state = Uuid::new_v4().simple().to_string();
        let pending = PendingApproval {
            authorize_url: approval::authorize_url(&endpoint, approval::APP_ID, &state)?,
            store_url: base,
            app_id: approval::APP_ID.to_string(),
            state,
            started_at: self.inner.clock.now(),
        };
        self.inner
            .store
            .write(|tx| kv::set_json(tx, KEY_PENDING_APPROVAL, &pending))?;
        tracing::info!(store = %pending.store_url, "waiting for the WordPress approval");
        Ok(pending.view())
    }

    /// The approval being waited for, if any (still within its time).
    pub fn woo_approval(&self) -> Result<Option<ApprovalView>> {
        let now = self.inner.clock.now();
        Ok(self
            .pending_approval()?
            .filter(|p| now <= p.expires_at())
            .map(|p| p.view()))
    }

    /// "Cancelar": stops waiting; a link that arrives later is refused.
    pub fn cancel_woo_approval(&self) -> Result<()> {
        self.forget_approval()
    }

    /// The `mostrador://woocommerce/…` link WordPress sent the owner to (handed over by the
    /// OS): checks it against the pending approval and connects. A link that is not the
    /// awaited one leaves the approval waiting; the owner's refusal, an expired approval or a
    /// failed connection end it. The outcome is also published as [`DeskEvent::Approval`].
    pub async fn finish_woo_approval(&self, link: &str) -> Result<SyncStatus> {
        tracing::info!(link = %approval::redact(link), "a link came back from WordPress");
        let pending = self.pending_approval()?;
        let store_url = pending
            .as_ref()
            .map(|p| p.store_url.clone())
            .unwrap_or_default();
        let result = self.connect_approved(link, pending.as_ref()).await;
        let finished = match &result {
            Ok(_) => ApprovalFinished {
                connected: true,
                store_url: store_url.clone(),
                message: format!("Conectado a {store_url} con WordPress."),
                message_en: format!("Connected to {store_url} through WordPress."),
            },
            Err(err) => {
                tracing::warn!(%err, "the WordPress approval did not connect");
                ApprovalFinished {
                    connected: false,
                    store_url,
                    message: err.text.es.clone(),
                    message_en: err.text.en.clone(),
                }
            }
        };
        self.emit(DeskEvent::Approval(finished));
        result
    }

    async fn connect_approved(
        &self,
        link: &str,
        pending: Option<&PendingApproval>,
    ) -> Result<SyncStatus> {
        let now = self.inner.clock.now();
        let approved = match approval::check_callback(link, pending, now) {
            Ok(approved) => approved,
            // Not the awaited link: the approval keeps waiting for the right one.
            Err(refused) if refused.kind.keeps_waiting() => return Err(refused.error),
            Err(refused) => {
                self.forget_approval()?;
                return Err(refused.error);
            }
        };
        self.forget_approval()?;
        let credentials = Credentials {
            key: approved.user_login,
            secret: approved.password,
        };
        self.connect_platform(PlatformKind::Woocommerce, &approved.store_url, credentials)
            .await
    }
}
