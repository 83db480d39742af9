//! What a phone needs from the desk, against the reference backend: push registration (once
//! per token, again on a new token, gone on disconnect), pushes received while open checked
//! against the notice ledger, and the ladder handed to the OS in the background and taken back.

use std::time::{Duration, Instant};

use mostrador_core::ErrorCode;
use mostrador_core::attention::ahead::notice_id;
use mostrador_core::attention::{NoticeKind, PushOutcome, RecordingNotifier};
use mostrador_core::model::OrderStatus;
use mostrador_core::view::Language;
use reference_backend::{Attention, Config};
use serde_json::{Value, json};

use mostrador_core::desk::{Desk, PushPlatform};

use super::harness::{Backend, connected_desk, open_desk};

async fn backend_devices(backend: &Backend) -> Vec<Value> {
    let url = format!("{}/v1/admin/pushes", backend.server.base_url());
    let body: Value = reqwest::Client::new()
        .get(url)
        .bearer_auth(backend.server.admin_token().unwrap_or_default())
        .send()
        .await
        .expect("the push log answers")
        .json()
        .await
        .expect("JSON");
    body["devices"].as_array().cloned().unwrap_or_default()
}

fn push(order_id: &str, kind: &str, title: &str) -> String {
    json!({"order_id": order_id, "kind": kind, "title": title, "body": "Ana · $450.00", "seq": 1})
        .to_string()
}

fn rang(notifier: &RecordingNotifier, order_id: &str, kind: NoticeKind) -> usize {
    notifier
        .notices()
        .iter()
        .filter(|n| n.order_id.as_deref() == Some(order_id) && n.kind == kind)
        .count()
}

async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn synced(desk: &Desk, id: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while desk.get_order(id).await.is_err() {
        assert!(Instant::now() < deadline, "the desk never synced {id}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_phone_registers_once_again_on_a_new_token_and_not_after_disconnect() {
    let backend = Backend::spawn(0);
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let a = desk
        .register_push("iPhone de Ana", PushPlatform::Apns, "tok-1", Language::Es)
        .await
        .expect("registers");
    let again = desk
        .register_push("iPhone de Ana", PushPlatform::Apns, "tok-1", Language::Es)
        .await
        .expect("registers");
    assert_eq!(a, again, "the same token is the registration already made");
    assert_eq!(
        backend_devices(&backend).await.len(),
        1,
        "one device on the backend"
    );

    let b = desk
        .register_push("iPhone de Ana", PushPlatform::Apns, "tok-2", Language::Es)
        .await
        .expect("re-registers");
    assert_ne!(a, b, "a rotated token is a new registration");
    let devices = backend_devices(&backend).await;
    assert_eq!(
        devices.len(),
        1,
        "the old registration is removed: {devices:?}"
    );
    assert_eq!(devices[0]["id"], b.as_str(), "and the new one kept");
    assert_eq!(
        desk.push_device().expect("kv").map(|d| d.token),
        Some("tok-2".to_string()),
        "the desk remembers the token it registered"
    );

    // The registration survives a restart of the app.
    drop(desk);
    let (desk, _) = open_desk(dir.path(), Some(backend.server.token())).await;
    let kept = desk
        .register_push("iPhone de Ana", PushPlatform::Apns, "tok-2", Language::Es)
        .await
        .expect("registers");
    assert_eq!(kept, b, "no new registration after a restart");

    desk.disconnect().await.expect("disconnects");
    assert!(
        backend_devices(&backend).await.is_empty(),
        "disconnect stops the pushes"
    );
    assert_eq!(
        desk.push_device().expect("kv"),
        None,
        "and forgets the device"
    );
}

#[tokio::test]
async fn registering_needs_a_connection_and_a_token() {
    let backend = Backend::spawn(0);
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, _) = open_desk(dir.path(), None).await;
    let err = desk
        .register_push("Pixel", PushPlatform::Fcm, "t", Language::Es)
        .await
        .expect_err("no backend yet");
    assert_eq!(err.code, ErrorCode::NotConnected, "{}", err.text.es);
    let desk = connected_desk(&backend, dir.path()).await;
    let err = desk
        .register_push("Pixel", PushPlatform::Fcm, "  ", Language::Es)
        .await
        .expect_err("an empty token");
    assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.text.es);
    let err = desk
        .register_push(
            "Pixel",
            PushPlatform::Unifiedpush,
            "not a url",
            Language::Es,
        )
        .await
        .expect_err("the backend refuses a UnifiedPush token that is not a URL");
    assert_eq!(err.code, ErrorCode::Network, "{}", err.text.es);
}

#[tokio::test]
async fn one_order_never_rings_twice_for_one_step_whoever_comes_first() {
    let backend = Backend::spawn(0);
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, notifier) = open_desk(dir.path(), None).await;
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    desk.sync_now().await.expect("first sync");

    // The push comes first (the app was just opened; no sync yet).
    let a = backend.pickup_order().await;
    let first = desk
        .push_received(&push(&a.id, "new_order", "Nuevo pedido (push)"))
        .await
        .expect("a push is read");
    assert!(
        matches!(first, PushOutcome::Show(_)),
        "not announced yet: shown, {first:?}"
    );
    desk.start();
    synced(&desk, &a.id).await;

    // Then the live planner announces a second order first.
    let b = backend.pickup_order().await;
    until("the live notice of the second order", || {
        rang(&notifier, &b.id, NoticeKind::NewOrder) == 1
    })
    .await;
    let late = desk
        .push_received(&push(&b.id, "new_order", "Nuevo pedido (push)"))
        .await
        .expect("a push is read");
    assert_eq!(
        late,
        PushOutcome::AlreadyAnnounced,
        "the live planner rang for it already"
    );

    let reminder = desk
        .push_received(&push(&b.id, "first_reminder", "Pedido sin atender"))
        .await
        .expect("a push is read");
    assert!(
        matches!(reminder, PushOutcome::Show(_)),
        "a new step rings: {reminder:?}"
    );
    let twice = desk
        .push_received(&push(&b.id, "first_reminder", "Pedido sin atender"))
        .await
        .expect("a push is read");
    assert_eq!(
        twice,
        PushOutcome::AlreadyAnnounced,
        "a repeated push is silent"
    );

    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        rang(&notifier, &a.id, NoticeKind::NewOrder),
        1,
        "the push rang, the planner did not"
    );
    assert_eq!(
        rang(&notifier, &b.id, NoticeKind::NewOrder),
        1,
        "the planner rang, the push did not"
    );
    assert_eq!(
        rang(&notifier, &b.id, NoticeKind::FirstReminder),
        1,
        "once for the reminder"
    );

    let unknown = desk
        .push_received(&push(&b.id, "confetti", "?"))
        .await
        .expect("a push is read");
    assert_eq!(
        unknown,
        PushOutcome::UnknownKind,
        "a kind from a newer backend is not shown"
    );
    let err = desk
        .push_received("{not json")
        .await
        .expect_err("unreadable");
    assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.text.es);
}

#[tokio::test]
async fn the_ladder_goes_to_the_os_in_the_background_and_what_it_showed_never_rings_again() {
    let backend = Backend::with(Config {
        attention: Attention {
            reminders_after_s: vec![1, 2],
            warn_after_s: 600,
            auto_cancel_after_s: 1200,
        },
        ..Config::default()
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, notifier) = open_desk(dir.path(), None).await;
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    let order = backend.pickup_order().await;
    let other = backend.pickup_order().await;
    desk.sync_now().await.expect("sync");

    let horizon = chrono::Duration::hours(24);
    let handed = desk.app_background(horizon).await.expect("plans");
    let ids = |kinds: &[NoticeKind], of: &str| -> Vec<i32> {
        kinds.iter().map(|k| notice_id(of, *k)).collect()
    };
    let mut got: Vec<i32> = handed.schedule.iter().map(|n| n.id).collect();
    got.sort_unstable();
    let ladder = [
        NoticeKind::FirstReminder,
        NoticeKind::SecondReminder,
        NoticeKind::AutoCancelWarning,
    ];
    let mut want = [ids(&ladder, &order.id), ids(&ladder, &other.id)].concat();
    want.sort_unstable();
    assert_eq!(got, want, "both pending orders' coming steps go to the OS");
    assert!(
        handed.cancel.is_empty(),
        "nothing to withdraw the first time"
    );
    let again = desk.app_background(horizon).await.expect("plans");
    assert!(
        again.is_empty(),
        "a second hand-over with nothing new says nothing: {again:?}"
    );

    desk.advance(&other.id, OrderStatus::Preparing)
        .await
        .expect("moves");
    let moved = desk.app_background(horizon).await.expect("plans");
    let mut cancel = moved.cancel.clone();
    cancel.sort_unstable();
    let mut want = ids(&ladder, &other.id);
    want.sort_unstable();
    assert_eq!(
        cancel, want,
        "a moved order's notifications are withdrawn from the OS"
    );

    // The OS shows both reminders while the app sleeps; then the owner opens it.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let withdraw = desk.app_foreground().await.expect("back");
    assert_eq!(
        withdraw,
        vec![notice_id(&order.id, NoticeKind::AutoCancelWarning)],
        "only the warning is still waiting: withdraw it, the live scheduler takes over"
    );
    desk.start();
    tokio::time::sleep(Duration::from_millis(1000)).await;
    for kind in [
        NoticeKind::NewOrder,
        NoticeKind::FirstReminder,
        NoticeKind::SecondReminder,
    ] {
        assert_eq!(
            rang(&notifier, &order.id, kind),
            0,
            "{kind:?} was the OS's; the app stays silent"
        );
    }
    let foreground_again = desk.app_foreground().await.expect("back");
    assert!(foreground_again.is_empty(), "nothing is left with the OS");
}

#[tokio::test]
async fn disconnecting_offline_forgets_the_device_without_hanging() {
    let mut backend = Backend::spawn(0);
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    desk.register_push("Pixel de Ana", PushPlatform::Fcm, "fcm-1", Language::Es)
        .await
        .expect("registers");
    backend.server.stop();
    let started = Instant::now();
    desk.disconnect()
        .await
        .expect("disconnecting works offline");
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "an unreachable backend must not hold the owner's disconnect: {:?}",
        started.elapsed()
    );
    assert_eq!(
        desk.push_device().expect("kv"),
        None,
        "the device is forgotten anyway"
    );
}
