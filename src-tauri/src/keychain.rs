//! The API token in the OS keychain (keyring 4): the Secret Service on Linux, Keychain on
//! macOS, the Credential Manager on Windows; on a phone the iOS Keychain or the Android
//! Keystore through keyring-core ([`crate::token_backend`]). Never a plain-text file: when no
//! keychain can be reached the owner is told so ([`ErrorCode::KeychainUnavailable`]).

#[cfg(desktop)]
use keyring::Entry;
use keyring::Error as KeyringError;
#[cfg(mobile)]
use keyring_core::Entry;
use mostrador_core::desk::TokenStore;
use mostrador_core::{Error, ErrorCode, Result};

/// The token of the backend, under the app's identifier.
#[derive(Debug, Clone)]
pub struct KeychainTokenStore {
    service: String,
    user: String,
}

impl KeychainTokenStore {
    /// An entry named `service` (the app identifier) / `api-token`.
    pub fn new(service: impl Into<String>) -> KeychainTokenStore {
        KeychainTokenStore {
            service: service.into(),
            user: "api-token".to_string(),
        }
    }

    /// An entry named `service` / `user` (a separate profile).
    pub fn with_user(service: impl Into<String>, user: impl Into<String>) -> KeychainTokenStore {
        KeychainTokenStore {
            service: service.into(),
            user: user.into(),
        }
    }

    fn entry(&self) -> Result<Entry> {
        #[cfg(mobile)]
        crate::token_backend::install_mobile_store()
            .map_err(|e| unavailable(KeyringError::Invalid("store".into(), e)))?;
        Entry::new(&self.service, &self.user).map_err(unavailable)
    }
}

/// What to do on this platform when the keychain cannot be used: (Spanish, English).
pub const HOW_TO_FIX: (&str, &str) = if cfg!(target_os = "macos") {
    (
        "En macOS, desbloquea el Llavero (Keychain) con tu contraseña de usuario",
        "On macOS, unlock the Keychain with your user password",
    )
} else if cfg!(windows) {
    (
        "En Windows, revisa que el Administrador de credenciales esté disponible para tu usuario",
        "On Windows, check that the Credential Manager is available to your user",
    )
} else {
    (
        "En Linux, instala y desbloquea un servicio de secretos (GNOME Keyring o KWallet)",
        "On Linux, install and unlock a Secret Service provider (GNOME Keyring or KWallet)",
    )
};

/// The keychain cannot be used: say what to do, in both languages.
pub fn unavailable(err: KeyringError) -> Error {
    let (fix_es, fix_en) = HOW_TO_FIX;
    Error::new(
        ErrorCode::KeychainUnavailable,
        format!(
            "No hay un llavero del sistema disponible para guardar el token ({err}). {fix_es} y \
             vuelve a conectar. El token no se guarda en texto plano."
        ),
        format!(
            "No system keychain is available to keep the token ({err}). {fix_en} and connect \
             again. The token is never stored in plain text."
        ),
    )
}

impl TokenStore for KeychainTokenStore {
    fn get(&self) -> Result<Option<String>> {
        match self.entry()?.get_password() {
            Ok(token) => Ok(Some(token)),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(err) => Err(unavailable(err)),
        }
    }

    fn set(&self, token: &str) -> Result<()> {
        self.entry()?.set_password(token).map_err(unavailable)
    }

    fn clear(&self) -> Result<()> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(err) => Err(unavailable(err)),
        }
    }
}
