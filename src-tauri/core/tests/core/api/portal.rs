//! A captive portal (hotel, café Wi-Fi) answers with its sign-in page instead of the API: the
//! owner reads "la red pide iniciar sesión", never a parser message, and nothing is lost.

use std::sync::Arc;

use mostrador_core::ErrorCode;
use mostrador_core::api::{ApiClient, ApiConfig, ApiError, Bucket};
use mostrador_core::clock::SystemClock;
use mostrador_core::model::OrderStatus;
use mostrador_core::view::{SyncErrorKind, SyncState};
use serde_json::json;

use crate::desk::harness::{Backend, open_desk};
use crate::sync::wire::{Reply, Wire};

const PAGE: &str = "<!DOCTYPE html><html><body>Inicia sesión en WiFi-Hotel</body></html>";

fn client(base: &str) -> ApiClient {
    ApiClient::new(base, "t", Arc::new(SystemClock), ApiConfig::default()).expect("client")
}

#[tokio::test]
async fn a_sign_in_page_on_a_200_or_a_redirect_is_a_sign_in_not_a_parse_error() {
    let wire = Wire::start(|seen| match seen.path.as_str() {
        "/v1/store" => Reply::with(200, &[("content-type", "text/html; charset=utf-8")], PAGE),
        "/v1/orders/a" => Reply::with(200, &[], PAGE),
        "/v1/orders/b" => Reply::with(
            302,
            &[
                ("location", "http://10.0.0.1/login"),
                ("content-type", "text/html"),
            ],
            PAGE,
        ),
        _ => Reply::with(307, &[("location", "https://elsewhere.example/v1")], ""),
    })
    .await;
    let api = client(&wire.base_url());
    for (name, got) in [
        ("HTML content type on a 200", api.store().await.map(|_| ())),
        (
            "markup without a content type",
            api.order("a").await.map(|_| ()),
        ),
        (
            "a redirect to the portal's page",
            api.order("b").await.map(|_| ()),
        ),
    ] {
        assert_eq!(got, Err(ApiError::SignIn), "{name}");
    }
    assert_eq!(
        ApiError::SignIn.bucket(),
        Bucket::Unknown,
        "the portal kept the request from the backend: retried once signed in"
    );
    assert!(
        matches!(api.order("c").await, Err(ApiError::Redirect(to)) if to == "https://elsewhere.example/v1"),
        "a plain redirect stays a redirect"
    );
}

#[tokio::test]
async fn behind_a_portal_the_desk_says_the_network_wants_a_sign_in_and_keeps_the_queue() {
    let backend = Backend::spawn(0);
    let order = backend.create_order(json!({"fulfillment": "pickup"})).await;
    let upstream = backend.server.base_url();
    let portal = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let on = portal.clone();
    let wire = Wire::start(move |_| {
        if on.load(std::sync::atomic::Ordering::SeqCst) {
            Reply::with(200, &[("content-type", "text/html")], PAGE)
        } else {
            Reply::Forward(upstream.clone())
        }
    })
    .await;
    let dir = tempfile::tempdir().expect("dir");
    let (desk, _) = open_desk(dir.path(), None).await;
    desk.connect(&wire.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    desk.sync_now().await.expect("first sync");
    portal.store(true, std::sync::atomic::Ordering::SeqCst);
    desk.advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queued");
    let status = desk.sync_now().await.expect("the sync runs");
    match &status.state {
        SyncState::Error {
            kind,
            reason,
            reason_en,
        } => {
            assert_eq!(*kind, SyncErrorKind::SignIn);
            assert!(
                reason.contains("La red pide iniciar sesión")
                    && reason_en.contains("The network wants you to sign in"),
                "in the owner's words: {reason} / {reason_en}"
            );
        }
        other => panic!("behind a portal the state says so, got {other:?}"),
    }
    assert_eq!(
        status.pending_actions, 1,
        "the action waits; it is not failed"
    );
    let err = desk
        .connect(&wire.base_url(), backend.server.token(), false)
        .await
        .expect_err("connecting behind the portal fails");
    assert_eq!(err.code, ErrorCode::Network);
    assert!(
        err.text.es.contains("La red pide iniciar sesión") && err.text.en.contains("sign in"),
        "not a parser message: {} / {}",
        err.text.es,
        err.text.en
    );
    portal.store(false, std::sync::atomic::Ordering::SeqCst);
    let status = desk.sync_now().await.expect("signed in: the sync runs");
    assert_eq!(
        (status.pending_actions, status.failed_actions),
        (0, 0),
        "once signed in the queued action goes out"
    );
}

#[tokio::test]
async fn a_408_leaves_the_action_waiting_as_unknown() {
    let backend = Backend::spawn(0);
    let order = backend.create_order(json!({"fulfillment": "pickup"})).await;
    let upstream = backend.server.base_url();
    let wire = Wire::start(move |seen| {
        if seen.method == "POST" {
            Reply::with(408, &[("content-type", "text/plain")], "request timeout")
        } else {
            Reply::Forward(upstream.clone())
        }
    })
    .await;
    let dir = tempfile::tempdir().expect("dir");
    let (desk, notifier) = open_desk(dir.path(), None).await;
    desk.connect(&wire.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    desk.sync_now().await.expect("first sync");
    desk.advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queued");
    let status = desk.sync_now().await.expect("the sync runs");
    assert_eq!(
        (status.pending_actions, status.failed_actions),
        (1, 0),
        "408: the server stopped waiting; whether it acted is unknown, so it is retried"
    );
    assert!(
        notifier.notices().is_empty()
            || notifier
                .notices()
                .iter()
                .all(|n| n.kind != mostrador_core::attention::NoticeKind::ActionFailed),
        "no failure is announced"
    );
}
