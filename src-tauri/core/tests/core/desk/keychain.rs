//! No OS keychain (issue 11, item 3): the desk still opens on its cache, says what is
//! missing, and the demo works without one.

use std::sync::Arc;

use mostrador_core::attention::RecordingNotifier;
use mostrador_core::clock::SystemClock;
use mostrador_core::desk::{Desk, DeskConfig, MemoryTokenStore, TokenStore, Tuning};
use mostrador_core::view::{OrderQuery, SyncState};
use mostrador_core::{Error, ErrorCode, Result};

use super::harness::Backend;

/// A keychain that is missing or locked: every call fails as the shell's would.
struct NoKeychain;

fn unavailable() -> Error {
    Error::new(
        ErrorCode::KeychainUnavailable,
        "No hay un llavero del sistema disponible.",
        "No Secret Service on the session bus",
    )
}

impl TokenStore for NoKeychain {
    fn get(&self) -> Result<Option<String>> {
        Err(unavailable())
    }
    fn set(&self, _token: &str) -> Result<()> {
        Err(unavailable())
    }
    fn clear(&self) -> Result<()> {
        Err(unavailable())
    }
}

async fn open(dir: &std::path::Path, tokens: Arc<dyn TokenStore>) -> Desk {
    let config = DeskConfig {
        data_dir: dir.to_path_buf(),
        clock: Arc::new(SystemClock),
        notifier: Arc::new(RecordingNotifier::default()),
        token_store: tokens,
    };
    Desk::open_tuned(config, Tuning::fast())
        .await
        .expect("the desk opens whatever the keychain does")
}

#[tokio::test]
async fn a_first_launch_without_a_keychain_opens_not_connected() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open(dir.path(), Arc::new(NoKeychain)).await;
    let status = desk.sync_status().await.expect("status");
    assert_eq!(
        status.state,
        SyncState::NotConnected,
        "with nothing saved the keychain is not even asked"
    );
    let backend = Backend::spawn(0);
    let err = desk
        .connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect_err("a real token is never kept outside the keychain");
    assert_eq!(err.code, ErrorCode::KeychainUnavailable);
    let status = desk.sync_status().await.expect("status");
    assert_eq!(
        status.backend_url, None,
        "a connection without its token is not saved"
    );
    assert!(
        matches!(status.state, SyncState::NoKeychain { .. }),
        "the indicator says the keychain is missing: {:?}",
        status.state
    );
}

#[tokio::test]
async fn a_saved_backend_without_its_keychain_opens_on_the_cache_and_says_why() {
    let backend = Backend::spawn(4);
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let desk = open(dir.path(), Arc::new(MemoryTokenStore::default())).await;
        desk.connect(&backend.server.base_url(), backend.server.token(), false)
            .await
            .expect("connects while the keychain works");
        desk.sync_now().await.expect("first sync");
    }
    let desk = open(dir.path(), Arc::new(NoKeychain)).await;
    let status = desk.sync_status().await.expect("status");
    assert_eq!(
        status.state,
        SyncState::NoKeychain {
            detail: "No Secret Service on the session bus".into()
        },
        "the UI is told the keychain is missing, not 'Sin conectar'"
    );
    assert!(status.backend_url.is_some(), "the backend is still saved");
    let page = desk.list_orders(OrderQuery::default()).await.expect("list");
    assert_eq!(page.orders.len(), 4, "the cached orders still show");
    let err = desk.sync_now().await.expect_err("nothing to sync with");
    assert_eq!(err.code, ErrorCode::NotConnected);
    assert!(
        matches!(
            desk.sync_status().await.expect("status").state,
            SyncState::NoKeychain { .. }
        ),
        "a sync attempt does not hide the reason behind 'Sin conectar'"
    );
    let err = desk
        .connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect_err("a real token is never kept outside the keychain");
    assert_eq!(err.code, ErrorCode::KeychainUnavailable);
    desk.disconnect()
        .await
        .expect("forgetting the backend works without a keychain");
    assert_eq!(desk.sync_status().await.expect("status").backend_url, None);
}

#[tokio::test]
async fn the_demo_connects_and_reconnects_with_no_keychain_at_all() {
    let backend = Backend::spawn(3);
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let desk = open(dir.path(), Arc::new(NoKeychain)).await;
        desk.connect(&backend.server.base_url(), backend.server.token(), true)
            .await
            .expect("the demo's token is not a secret: no keychain needed");
        desk.sync_now().await.expect("the demo syncs");
        assert_eq!(desk.counts().await.expect("counts").all, 3);
    }
    let desk = open(dir.path(), Arc::new(NoKeychain)).await;
    let status = desk.sync_status().await.expect("status");
    assert_eq!(
        status.state,
        SyncState::Online,
        "the demo comes back on its own"
    );
    assert!(status.demo);
    backend.create_order(serde_json::json!({})).await;
    desk.sync_now().await.expect("the reopened demo syncs");
    assert_eq!(desk.counts().await.expect("counts").all, 4);
}

#[tokio::test]
async fn a_real_connection_after_the_demo_keeps_its_token_in_the_keychain_only() {
    let backend = Backend::spawn(0);
    let dir = tempfile::tempdir().expect("temp dir");
    let tokens = Arc::new(MemoryTokenStore::default());
    let desk = open(dir.path(), tokens.clone()).await;
    desk.connect(&backend.server.base_url(), backend.server.token(), true)
        .await
        .expect("demo");
    assert_eq!(
        tokens.get().expect("read"),
        None,
        "the demo leaves the keychain alone"
    );
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("real");
    assert_eq!(
        tokens.get().expect("read").as_deref(),
        Some(backend.server.token()),
        "a real token goes to the keychain"
    );
    drop(desk);
    // The demo token is gone from SQLite: without the keychain the real backend cannot sync.
    let desk = open(dir.path(), Arc::new(NoKeychain)).await;
    assert!(matches!(
        desk.sync_status().await.expect("status").state,
        SyncState::NoKeychain { .. }
    ));
}
