//! Which secure store keeps the API token on each platform, and (on a phone) putting it in
//! place. keyring 4's default (`v1`) store refuses iOS and Android, so a phone installs a
//! keyring-core store of its own: the iOS Keychain's protected data store
//! (`apple-native-keyring-store`, `protected`) and the Android Keystore with SharedPreferences
//! (`android-native-keyring-store`). Desktop keeps keyring 4's default, unchanged.
//!
//! The choice is [`token_backend_for`], a pure function of the target OS, tested on desktop.

/// A secure store for the token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenBackend {
    /// Linux and the BSDs: the Secret Service over D-Bus (keyring 4's default).
    SecretService,
    /// macOS: the login Keychain (keyring 4's default).
    MacKeychain,
    /// Windows: the Credential Manager (keyring 4's default).
    WindowsCredentialManager,
    /// iOS: the Keychain's protected data store (keyring-core + apple-native-keyring-store).
    IosKeychain,
    /// Android: the Keystore-encrypted store (keyring-core + android-native-keyring-store).
    AndroidKeystore,
    /// Nothing we know: the owner is told no keychain is available (never plain text).
    Unsupported,
}

/// The store for `target_os` (the values of `std::env::consts::OS` and `cfg(target_os)`).
pub fn token_backend_for(target_os: &str) -> TokenBackend {
    match target_os {
        "linux" | "freebsd" | "openbsd" | "netbsd" | "dragonfly" => TokenBackend::SecretService,
        "macos" => TokenBackend::MacKeychain,
        "windows" => TokenBackend::WindowsCredentialManager,
        "ios" => TokenBackend::IosKeychain,
        "android" => TokenBackend::AndroidKeystore,
        _ => TokenBackend::Unsupported,
    }
}

impl TokenBackend {
    /// The store of the platform this build runs on.
    pub fn current() -> TokenBackend {
        token_backend_for(std::env::consts::OS)
    }

    /// Whether the store is a phone's (installed by `install_mobile_store`, read through
    /// keyring-core) rather than keyring 4's default.
    pub fn is_mobile(self) -> bool {
        matches!(
            self,
            TokenBackend::IosKeychain | TokenBackend::AndroidKeystore
        )
    }
}

/// Installs the phone's store as keyring-core's default, once; later calls return the first
/// outcome. Never compiled on these machines (no Xcode, no NDK): see docs/mobile.md.
#[cfg(mobile)]
pub fn install_mobile_store() -> Result<(), String> {
    use std::sync::OnceLock;
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            #[cfg(target_os = "ios")]
            let store = apple_native_keyring_store::protected::Store::new();
            #[cfg(target_os = "android")]
            let store = android_native_keyring_store::Store::new_with_configuration(
                &std::collections::HashMap::new(),
            );
            let store = store.map_err(|e| e.to_string())?;
            keyring_core::set_default_store(store);
            Ok(())
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_platform_gets_its_own_secure_store() {
        let cases = [
            ("linux", TokenBackend::SecretService, false),
            ("freebsd", TokenBackend::SecretService, false),
            ("macos", TokenBackend::MacKeychain, false),
            ("windows", TokenBackend::WindowsCredentialManager, false),
            ("ios", TokenBackend::IosKeychain, true),
            ("android", TokenBackend::AndroidKeystore, true),
            ("fuchsia", TokenBackend::Unsupported, false),
        ];
        for (os, want, mobile) in cases {
            let got = token_backend_for(os);
            assert_eq!(got, want, "the token store on {os}");
            assert_eq!(got.is_mobile(), mobile, "{os} is a phone: {mobile}");
        }
    }

    #[test]
    fn this_desktop_build_keeps_keyring_4s_default() {
        let here = TokenBackend::current();
        assert!(
            !here.is_mobile(),
            "a desktop build must not use the phone stores: {here:?}"
        );
        assert_ne!(here, TokenBackend::Unsupported, "this machine has a store");
    }
}
