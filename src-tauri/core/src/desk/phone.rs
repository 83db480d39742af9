//! What a phone needs from the desk: the reminder ladder handed to the OS when the app goes to
//! the background (and taken back when it returns), the device registered for the backend's
//! pushes, and a push that reaches the open app checked against the notice ledger.
//!
//! The shell calls these from its `#[cfg(mobile)]` glue; nothing here is mobile-only, so it is
//! all tested on desktop.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::api::{ApiError, DeviceRegistration};
use crate::attention::ahead::{self, ScheduleDiff, ScheduledNotice};
use crate::attention::load::{self, Extra};
use crate::attention::{PushNotice, PushOutcome};
use crate::error::{Error, ErrorCode, Result};
use crate::store::kv;
use crate::text::Language;

use super::Desk;

/// `kv` key: what was last handed to the OS as scheduled notifications (JSON).
pub const KEY_SCHEDULED: &str = "attention.scheduled";
/// `kv` key: the device registered for pushes (JSON [`PushDevice`]).
pub const KEY_DEVICE: &str = "push.device";

/// How long disconnecting waits for the backend to forget the device.
const UNREGISTER_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Where the platform pushes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PushPlatform {
    /// Apple Push Notification service (iOS).
    Apns,
    /// Firebase Cloud Messaging (Android with Google services).
    Fcm,
    /// UnifiedPush (Android without Google; the token is the endpoint URL).
    Unifiedpush,
}

impl PushPlatform {
    fn wire(self) -> &'static str {
        match self {
            PushPlatform::Apns => "apns",
            PushPlatform::Fcm => "fcm",
            PushPlatform::Unifiedpush => "unifiedpush",
        }
    }
}

/// The device as registered with the backend (kept in `kv`, survives restarts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushDevice {
    /// The backend's id of the device.
    pub id: String,
    /// The backend it is registered with.
    pub backend_url: String,
    /// Its platform.
    pub platform: PushPlatform,
    /// The push token (or UnifiedPush endpoint) it was registered with.
    pub token: String,
}

fn network(err: &ApiError) -> Error {
    Error::new(
        ErrorCode::Network,
        format!("No se pudo registrar el teléfono para avisos: {err}"),
        format!("Could not register the phone for alerts: {err}"),
    )
}

fn not_connected() -> Error {
    Error::new(
        ErrorCode::NotConnected,
        "No hay un servidor conectado. Conecta la tienda primero.",
        "No server is connected. Connect the store first.",
    )
}

impl Desk {
    /// The app goes to the background: plans the coming ladder steps of the pending orders
    /// within `horizon` and returns what the shell must withdraw from and hand to the OS's
    /// scheduler. What was handed over is remembered, so a second call only says what changed.
    pub async fn app_background(&self, horizon: Duration) -> Result<ScheduleDiff> {
        let now = self.inner.clock.now();
        let settings = self.inner.attention.settings();
        let extra = Extra {
            settings,
            failed_actions: Vec::new(),
            first_sync: false,
        };
        let next = match self.inner.store.read(|c| load::input(c, now, extra))? {
            Some(input) => ahead::plan_ahead(&input, now, horizon),
            None => Vec::new(),
        };
        self.inner.store.write(|tx| {
            let previous: Vec<ScheduledNotice> =
                kv::get_json(tx, KEY_SCHEDULED)?.unwrap_or_default();
            kv::set_json(tx, KEY_SCHEDULED, &next)?;
            Ok(ahead::diff(&previous, &next))
        })
    }

    /// The app is back in the foreground: what the OS showed meanwhile goes into the ledger
    /// (never announced again), and the ids still waiting are returned for the shell to
    /// withdraw; the live scheduler takes over.
    pub async fn app_foreground(&self) -> Result<Vec<i32>> {
        let now = self.inner.clock.now();
        let previous: Vec<ScheduledNotice> = self.inner.store.write(|tx| {
            let previous = kv::get_json(tx, KEY_SCHEDULED)?.unwrap_or_default();
            kv::remove(tx, KEY_SCHEDULED)?;
            Ok(previous)
        })?;
        self.inner
            .attention
            .record_external(&ahead::fired(&previous, now))?;
        Ok(ahead::still_pending(&previous, now))
    }

    /// Registers this phone for the backend's pushes with the token the platform gave the
    /// shell. The same token on the same backend is a no-op; a new token (the platform rotated
    /// it) replaces the old registration. Returns the device id.
    pub async fn register_push(
        &self,
        name: &str,
        platform: PushPlatform,
        token: &str,
        lang: Language,
    ) -> Result<String> {
        let api = self.api().ok_or_else(not_connected)?;
        let token = token.trim();
        if token.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "El sistema no entregó un token de avisos.",
                "The system gave no push token.",
            ));
        }
        let known = self.push_device()?;
        if let Some(d) = &known
            && d.backend_url == api.base_url()
            && d.platform == platform
            && d.token == token
        {
            return Ok(d.id.clone());
        }
        if let Some(old) = known.filter(|d| d.backend_url == api.base_url())
            && let Err(err) = api.delete_device(&old.id).await
        {
            tracing::info!(%err, "the old push registration could not be removed");
        }
        let registration = DeviceRegistration {
            name: name.chars().take(64).collect(),
            platform: platform.wire().to_string(),
            token: token.to_string(),
            lang: lang.tag().to_string(),
        };
        let key = uuid::Uuid::new_v4().to_string();
        let id = api
            .register_device(&registration, &key)
            .await
            .map_err(|e| network(&e))?;
        let device = PushDevice {
            id: id.clone(),
            backend_url: api.base_url().to_string(),
            platform,
            token: token.to_string(),
        };
        self.inner
            .store
            .write(|tx| kv::set_json(tx, KEY_DEVICE, &device))?;
        Ok(id)
    }

    /// The device registered for pushes, if any.
    pub fn push_device(&self) -> Result<Option<PushDevice>> {
        self.inner.store.read(|c| kv::get_json(c, KEY_DEVICE))
    }

    /// Stops the backend's pushes to this phone (on disconnect). The registration is forgotten
    /// even when the backend cannot be reached: a device it keeps is dropped when its endpoint
    /// stops answering.
    pub async fn unregister_push(&self) -> Result<()> {
        let Some(device) = self.push_device()? else {
            return Ok(());
        };
        if let Some(api) = self.api().filter(|a| a.base_url() == device.backend_url) {
            // Disconnecting offline must not hang on the network: a short, best-effort try.
            let deleted = tokio::time::timeout(UNREGISTER_WAIT, api.delete_device(&device.id));
            match deleted.await {
                Ok(Ok(())) => {}
                Ok(Err(ApiError::Problem(p))) if p.status == 404 => {}
                Ok(Err(err)) => tracing::info!(%err, "could not unregister the push device"),
                Err(_) => tracing::info!("the backend did not answer the push unregistration"),
            }
        }
        self.inner.store.write(|tx| kv::remove(tx, KEY_DEVICE))
    }

    /// A push reached the open app (the shell passes its JSON payload): shown unless the
    /// ledger already has that step for that order, and a sync is asked for either way.
    pub async fn push_received(&self, payload: &str) -> Result<PushOutcome> {
        let push: PushNotice = serde_json::from_str(payload).map_err(|e| {
            Error::new(
                ErrorCode::InvalidInput,
                format!("Aviso del servidor ilegible: {e}"),
                format!("Unreadable push from the server: {e}"),
            )
        })?;
        let outcome = self.inner.attention.on_push(&push)?;
        self.inner.wake.notify_one();
        Ok(outcome)
    }
}
