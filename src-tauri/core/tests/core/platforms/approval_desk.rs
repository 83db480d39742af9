//! "Conectar con WordPress" walked through the desk against the WooCommerce fake's stand-in
//! approval page: the desk gives the page, the test follows it as the browser would (a 302
//! to the `mostrador://` link), hands the Location to the desk as the OS hands it to the app,
//! and the desk connects with the Application Password and syncs orders. Stray links,
//! refusals, cancel and bad stores are refused in words.

use std::sync::Arc;

use mostrador_core::ErrorCode;
use mostrador_core::clock::SystemClock;
use mostrador_core::desk::{Desk, DeskConfig, DeskEvent, MemoryTokenStore, TokenStore, Tuning};
use mostrador_core::platforms::PlatformKind;
use mostrador_core::platforms::woocommerce::approval::{APP_ID, ApprovalFinished};
use mostrador_core::view::SyncState;
use reqwest::Method;
use serde_json::json;

use super::shop::{Shop, paid_order};

async fn open(dir: &std::path::Path, tokens: Arc<MemoryTokenStore>) -> Desk {
    Desk::open_tuned(
        DeskConfig {
            data_dir: dir.to_path_buf(),
            clock: Arc::new(SystemClock),
            notifier: Arc::new(mostrador_core::attention::RecordingNotifier::default()),
            token_store: tokens,
        },
        Tuning::fast(),
    )
    .await
    .expect("the desk opens")
}

/// What the browser does with the approval page: the stand-in approves (or refuses) at once
/// and redirects; the `Location` is the link the OS hands to the app.
async fn follow(authorize_url: &str) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let res = client.get(authorize_url).send().await.expect("the page");
    assert_eq!(res.status().as_u16(), 302, "{authorize_url}");
    res.headers()[reqwest::header::LOCATION]
        .to_str()
        .expect("a Location")
        .to_string()
}

fn last_approval(events: &mut tokio::sync::broadcast::Receiver<DeskEvent>) -> ApprovalFinished {
    let mut last = None;
    while let Ok(event) = events.try_recv() {
        if let DeskEvent::Approval(finished) = event {
            last = Some(finished);
        }
    }
    last.expect("an approval event")
}

#[tokio::test]
async fn connect_through_wordpress_approval_then_sync_with_the_app_password() {
    let shop = Shop::fake();
    let first = shop.create(paid_order("bacs", true)).await;
    let base = shop.config().url;
    let dir = tempfile::tempdir().expect("temp dir");
    let tokens = Arc::new(MemoryTokenStore::default());
    let desk = open(dir.path(), tokens.clone()).await;
    let mut events = desk.subscribe();

    let nothing = desk
        .finish_woo_approval(
            "mostrador://woocommerce/connected?state=x&site_url=a&user_login=b&password=c",
        )
        .await
        .expect_err("nothing is pending yet");
    assert_eq!(nothing.code, ErrorCode::NotAllowed);
    assert!(!last_approval(&mut events).connected);

    let view = desk
        .begin_woo_approval(&format!("{base}/"))
        .await
        .expect("begins");
    assert_eq!(view.store_url, base);
    assert!(
        view.authorize_url.starts_with(&format!(
            "{base}/wp-admin/authorize-application.php?app_name=Mostrador"
        )),
        "{}",
        view.authorize_url
    );
    assert_eq!(desk.woo_approval().expect("reads"), Some(view.clone()));

    let link = follow(&view.authorize_url).await;
    assert!(
        link.starts_with("mostrador://woocommerce/connected?state="),
        "{link}"
    );

    // A link with another state (an old or forged one) is refused and the approval waits on.
    let forged = link.replacen("state=", "state=0", 1);
    let stray = desk
        .finish_woo_approval(&forged)
        .await
        .expect_err("another state");
    assert!(stray.text.en.contains("does not belong"), "{stray:?}");
    assert!(
        desk.woo_approval().expect("reads").is_some(),
        "still waiting"
    );

    let status = desk.finish_woo_approval(&link).await.expect("connects");
    assert_eq!(status.platform, PlatformKind::Woocommerce);
    let finished = last_approval(&mut events);
    assert!(finished.connected, "{finished:?}");
    assert!(finished.message.contains(&base) && finished.message_en.contains("Connected"));
    assert_eq!(desk.woo_approval().expect("reads"), None, "used once");

    let secret = tokens.get().expect("reads").expect("kept");
    let (user, password) = secret.split_once(':').expect("user:password");
    assert_eq!(user, "admin");
    assert_eq!(
        password.len(),
        24,
        "the Application Password, in the token store"
    );
    let issued = shop
        .admin(Method::GET, "/approval", json!({}))
        .await
        .expect("admin");
    assert_eq!(issued["issued"][0]["app_id"], APP_ID);
    assert_eq!(issued["issued"].as_array().map(Vec::len), Some(1));

    // The same link again does nothing more.
    let again = desk.finish_woo_approval(&link).await.expect_err("used");
    assert!(again.text.es.contains("no está esperando"), "{again:?}");

    let status = desk.sync_now().await.expect("first sync");
    assert_eq!(status.state, SyncState::Online, "{status:?}");
    let second = shop.create(paid_order("bacs", false)).await;
    desk.sync_now().await.expect("a poll");
    assert_eq!(desk.counts().await.expect("counts").all, 2);
    for id in [first, second] {
        desk.get_order(&id.to_string()).await.expect("synced");
    }
    drop(desk);

    // A restart reads user:password back from the token store and keeps syncing.
    let desk = open(dir.path(), tokens.clone()).await;
    let third = shop.create(paid_order("bacs", true)).await;
    let status = desk.sync_now().await.expect("syncs after a restart");
    assert_eq!(status.state, SyncState::Online, "{status:?}");
    desk.get_order(&third.to_string()).await.expect("synced");
}

#[tokio::test]
async fn refused_cancelled_and_bad_approvals_say_why() {
    let shop = Shop::fake();
    let base = shop.config().url;
    let dir = tempfile::tempdir().expect("temp dir");
    let tokens = Arc::new(MemoryTokenStore::default());
    let desk = open(dir.path(), tokens.clone()).await;
    let mut events = desk.subscribe();

    // The owner refuses on the page.
    shop.admin(Method::PUT, "/approval", json!({ "approve": false }))
        .await
        .expect("admin");
    let view = desk.begin_woo_approval(&base).await.expect("begins");
    let link = follow(&view.authorize_url).await;
    assert!(
        link.starts_with("mostrador://woocommerce/rejected?state="),
        "{link}"
    );
    assert!(link.ends_with("&success=false"), "{link}");
    let refused = desk.finish_woo_approval(&link).await.expect_err("refused");
    assert_eq!(refused.code, ErrorCode::NotConnected);
    assert!(refused.text.es.contains("Rechazaste") && refused.text.en.contains("refused"));
    let finished = last_approval(&mut events);
    assert!(!finished.connected && finished.message_en.contains("refused"));
    assert_eq!(
        desk.woo_approval().expect("reads"),
        None,
        "a refusal ends it"
    );
    assert_eq!(tokens.get().expect("reads"), None, "nothing kept");

    // Cancelled before the link came back: the link is refused.
    shop.admin(Method::PUT, "/approval", json!({ "approve": true }))
        .await
        .expect("admin");
    let view = desk.begin_woo_approval(&base).await.expect("begins");
    let link = follow(&view.authorize_url).await;
    desk.cancel_woo_approval().expect("cancels");
    let late = desk
        .finish_woo_approval(&link)
        .await
        .expect_err("cancelled");
    assert!(late.text.en.contains("not waiting"), "{late:?}");

    // A link whose password the store does not take: connecting fails in words, and ends it.
    let view = desk.begin_woo_approval(&base).await.expect("begins");
    let link = follow(&view.authorize_url).await;
    let cut = link.find("&password=").expect("a password") + "&password=".len();
    let wrong = format!("{}WRONGpassword0000000000", &link[..cut]);
    let bad = desk
        .finish_woo_approval(&wrong)
        .await
        .expect_err("wrong password");
    assert_eq!(bad.code, ErrorCode::NotConnected, "{bad:?}");
    assert_eq!(desk.woo_approval().expect("reads"), None);
    assert_eq!(tokens.get().expect("reads"), None, "nothing kept");

    // A link for another site than the one started with.
    let view = desk.begin_woo_approval(&base).await.expect("begins");
    let link = follow(&view.authorize_url).await;
    let other = link.replace(
        "site_url=http%3A%2F%2F127.0.0.1",
        "site_url=https%3A%2F%2Fotra.cl",
    );
    assert_ne!(other, link, "{link}");
    let elsewhere = desk
        .finish_woo_approval(&other)
        .await
        .expect_err("another site");
    assert!(elsewhere.text.es.contains("otra.cl"), "{elsewhere:?}");

    // Stores that cannot start an approval.
    let plain = desk
        .begin_woo_approval("http://tienda.example")
        .await
        .expect_err("plain http outside loopback");
    assert_eq!(plain.code, ErrorCode::InvalidInput);
    assert!(plain.text.es.contains("https"), "{plain:?}");
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = listener.local_addr().expect("addr").port();
        drop(listener);
        desk.begin_woo_approval(&format!("http://127.0.0.1:{port}"))
            .await
            .expect_err("nothing listens")
    };
    assert_eq!(closed.code, ErrorCode::NotConnected);
    assert!(closed.text.es.contains("No se pudo conectar"), "{closed:?}");
    assert_eq!(desk.woo_approval().expect("reads"), None);
}
