//! The token goes to the OS keychain or nowhere: with no Secret Service the owner gets
//! `keychain_unavailable`, never a silent plain-text fallback.

use std::process::Command;

use mostrador_core::ErrorCode;
use mostrador_core::desk::TokenStore;
use mostrador_lib::keychain::KeychainTokenStore;

/// Set in the child process that runs without a session bus.
const CHILD: &str = "MOSTRADOR_KEYCHAIN_CHILD";
const NAME: &str =
    "keychain::without_a_secret_service_the_token_is_refused_as_keychain_unavailable";

#[test]
fn without_a_secret_service_the_token_is_refused_as_keychain_unavailable() {
    if std::env::var_os(CHILD).is_some() {
        return in_child();
    }
    // keyring connects once per process, so the bus-less case runs in a child process whose
    // session bus address leads nowhere.
    let output = Command::new(std::env::current_exe().expect("the test binary's path"))
        .args(["--exact", NAME, "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/mostrador-bus",
        )
        .output()
        .expect("the child test runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the child passes: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("child: keychain_unavailable"),
        "the child really ran the bus-less case: {stdout}"
    );
}

fn in_child() {
    let store = KeychainTokenStore::with_user("mx.mostrador.desk.test", "probe");
    let err = store
        .set("secret-token")
        .expect_err("with no Secret Service the token cannot be kept");
    assert_eq!(
        err.code,
        ErrorCode::KeychainUnavailable,
        "the UI branches on this code"
    );
    assert!(
        err.text.es.contains("texto plano") && err.text.en.contains("plain text"),
        "the owner is told the token is not kept in plain text: {err:?}"
    );
    let read = store.get().expect_err("nor read back");
    assert_eq!(
        read.code,
        ErrorCode::KeychainUnavailable,
        "reading fails the same way"
    );
    println!("child: keychain_unavailable");
}
