//! Where the store's API token lives. Never in SQLite, never in logs.

#[cfg(any(test, feature = "testing"))]
use std::sync::Mutex;

use crate::error::Result;

/// Keeps the token (the shell: the OS keychain; the CLI and tests: memory).
pub trait TokenStore: Send + Sync {
    /// The token, if one is kept.
    fn get(&self) -> Result<Option<String>>;
    /// Keeps `token`.
    fn set(&self, token: &str) -> Result<()>;
    /// Forgets it.
    fn clear(&self) -> Result<()>;
    /// The secret for a connection to `platform` (its token, or WooCommerce's `key:secret`).
    /// One slot serves every platform (the app keeps one connection); a store that reads
    /// another place per platform (the CLI's environment variables) says so here.
    fn get_for(&self, platform: crate::platforms::PlatformKind) -> Result<Option<String>> {
        let _ = platform;
        self.get()
    }
}

/// A token kept in memory only: gone when the process ends (tests, benchmarks; the `testing`
/// feature).
#[cfg(any(test, feature = "testing"))]
#[derive(Default)]
pub struct MemoryTokenStore(Mutex<Option<String>>);

#[cfg(any(test, feature = "testing"))]
impl std::fmt::Debug for MemoryTokenStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemoryTokenStore(..)")
    }
}

#[cfg(any(test, feature = "testing"))]
impl MemoryTokenStore {
    /// Starts with `token` (e.g. read from `MOSTRADOR_TOKEN`).
    pub fn with(token: Option<String>) -> MemoryTokenStore {
        MemoryTokenStore(Mutex::new(token))
    }
}

#[cfg(any(test, feature = "testing"))]
impl TokenStore for MemoryTokenStore {
    fn get(&self) -> Result<Option<String>> {
        Ok(self.0.lock().unwrap_or_else(|e| e.into_inner()).clone())
    }

    fn set(&self, token: &str) -> Result<()> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(token.to_string());
        Ok(())
    }

    fn clear(&self) -> Result<()> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = None;
        Ok(())
    }
}
