//! The counter's bell through real desks on one reference backend: an acknowledgement on one
//! desk stops the other's ringing; a platform without acknowledgements keeps them per device;
//! a notification's button goes through the outbox exactly once; a tap waits for the UI.

use std::sync::Arc;
use std::time::{Duration, Instant};

use mostrador_core::attention::RecordingNotifier;
use mostrador_core::attention::quick::{self, QuickCommand};
use mostrador_core::desk::{Desk, QuickOutcome};
use mostrador_core::model::OrderStatus;
use mostrador_core::view::{ActionKind, Settings};

use super::harness::{Backend, open_desk};

/// A connected, running desk in Modo mostrador ringing every second.
async fn ringing_desk(backend: &Backend, dir: &std::path::Path) -> (Desk, Arc<RecordingNotifier>) {
    let (desk, notifier) = open_desk(dir, None).await;
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    let mut settings = Settings::default().with_counter_mode(true);
    settings.ring_every_s = 1;
    desk.set_settings(settings).await.expect("settings saved");
    desk.start();
    (desk, notifier)
}

async fn until(limit: Duration, mut ok: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if ok() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledging_on_one_desk_stops_the_other_desks_ringing() {
    let backend = Backend::spawn(0);
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let (a, rec_a) = ringing_desk(&backend, dir_a.path()).await;
    let (b, rec_b) = ringing_desk(&backend, dir_b.path()).await;
    assert!(
        a.acknowledgements_shared().expect("store read"),
        "the reference backend serves acknowledgements"
    );
    let order = backend.pickup_order().await;
    for (name, rec) in [("A", &rec_a), ("B", &rec_b)] {
        assert!(
            until(Duration::from_secs(5), || rec.alarms().len() >= 2).await,
            "desk {name} announces the order and rings with its own sound: {:?}",
            rec.alarms()
        );
    }
    let started = Instant::now();
    let ack = a.acknowledge(&order.number).await.expect("acknowledged");
    assert!(ack.shared, "sent to the platform");
    assert!(
        until(Duration::from_secs(5), || rec_b.silences() > 0).await,
        "desk B stops ringing once A acknowledged"
    );
    let latency = started.elapsed();
    eprintln!("acknowledgement on desk A silenced desk B in {latency:?}");
    assert!(rec_a.silences() > 0, "desk A stopped at once");
    let rings_b = rec_b.alarms().len();
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(
        rec_b.alarms().len(),
        rings_b,
        "desk B rings no more for that order"
    );
    let seen = backend.order(&order.id).await;
    assert!(
        seen.acknowledged_at.is_some(),
        "the platform knows it was seen"
    );
    assert_eq!(seen.status, OrderStatus::Pending, "seeing is not moving");
    b.acknowledge(&order.id).await.expect("B opens it too");
    a.acknowledge(&order.id).await.expect("A opens it again");
    a.sync_now().await.expect("sync");
    b.sync_now().await.expect("sync");
    let acks = backend
        .effects(Some(&order.id))
        .await
        .iter()
        .filter(|e| e["kind"] == "acknowledgement")
        .count();
    assert_eq!(
        acks, 1,
        "one acknowledgement on the platform, however often it is opened"
    );
}

#[tokio::test]
async fn without_the_feature_an_acknowledgement_stays_on_this_device() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("dir");
    let (desk, _) = open_desk(dir.path(), None).await;
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    desk.sync_now().await.expect("sync");
    // An older platform: the same store without `features`.
    desk.store()
        .write(|tx| {
            let mut store = mostrador_core::store::meta::store(tx)?.expect("store known");
            store.features.clear();
            mostrador_core::store::meta::set_store(tx, &store)
        })
        .expect("store rewritten");
    let ack = desk.acknowledge(&order.id).await.expect("acknowledged");
    assert!(!ack.shared, "the UI says it silences only this device");
    assert!(!desk.acknowledgements_shared().expect("read"));
    assert!(
        desk.outbox().await.expect("outbox").is_empty(),
        "nothing queued"
    );
    desk.sync_now().await.expect("sync");
    assert!(
        backend.order(&order.id).await.acknowledged_at.is_none(),
        "nothing was sent"
    );
}

#[tokio::test]
async fn an_acknowledgement_made_offline_goes_out_when_the_backend_is_back() {
    let mut backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("dir");
    let (desk, _) = open_desk(dir.path(), None).await;
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    desk.sync_now().await.expect("sync");
    backend.server.stop();
    let ack = desk.acknowledge(&order.id).await.expect("queued offline");
    assert!(ack.shared);
    let queued = desk.outbox().await.expect("outbox");
    assert_eq!(queued.len(), 1, "one action waits");
    assert_eq!(queued[0].kind, ActionKind::Acknowledge);
    backend.server.restart();
    desk.sync_now().await.expect("sync");
    assert!(backend.order(&order.id).await.acknowledged_at.is_some());
    assert!(desk.outbox().await.expect("outbox").is_empty());
}

#[tokio::test]
async fn preparar_from_a_notification_goes_out_exactly_once_and_says_what_it_did() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("dir");
    let (desk, _) = open_desk(dir.path(), None).await;
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    desk.sync_now().await.expect("sync");
    let outcome = desk
        .quick_action(&order.id, quick::PREPARE)
        .await
        .expect("pressed");
    let QuickOutcome::Done(result) = outcome else {
        panic!("Preparar is queued, got {outcome:?}");
    };
    assert_eq!(result.title, format!("#{} → Preparando", order.number));
    let ids: Vec<_> = result.actions.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![quick::READY, quick::OPEN],
        "Listo is the next step of a pickup"
    );
    // The server pressed it twice (a double click, a repeated signal).
    let again = desk
        .quick_action(&order.id, quick::PREPARE)
        .await
        .expect("pressed again");
    assert!(
        matches!(again, QuickOutcome::Stale(_)),
        "the second press finds it already preparing: {again:?}"
    );
    desk.sync_now().await.expect("sync");
    let effects = backend.effects(Some(&order.id)).await;
    let moves = effects.iter().filter(|e| e["kind"] == "transition").count();
    assert_eq!(moves, 1, "exactly once: {effects:?}");
    assert_eq!(
        backend.order(&order.id).await.status,
        OrderStatus::Preparing
    );
    assert_eq!(
        effects
            .iter()
            .filter(|e| e["kind"] == "acknowledgement")
            .count(),
        1,
        "the press also told every device it was seen"
    );
}

#[tokio::test]
async fn a_tap_waits_for_the_ui_until_it_asks() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("dir");
    let (desk, _) = open_desk(dir.path(), None).await;
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    desk.sync_now().await.expect("sync");
    let outcome = desk
        .quick_action(&order.id, quick::OPEN)
        .await
        .expect("tap");
    assert_eq!(outcome, QuickOutcome::Open(order.id.clone()));
    assert_eq!(
        desk.take_opened(),
        Some(order.id.clone()),
        "the UI, loading late, still opens that order"
    );
    assert_eq!(desk.take_opened(), None, "taken once");
    assert!(matches!(
        quick::command_for(quick::OPEN, &backend.order(&order.id).await),
        Some(QuickCommand::Open)
    ));
}

#[test]
fn each_set_of_buttons_registers_under_its_own_action_type() {
    use mostrador_core::attention::QuickAction;
    use mostrador_core::text::Language;
    let set = |ids: &[&str], language| -> Vec<QuickAction> {
        ids.iter()
            .map(|id| QuickAction {
                id: (*id).to_string(),
                label: quick::label(id, language)
                    .expect("a known action")
                    .to_string(),
            })
            .collect()
    };
    let prepare = quick::action_type_id(
        &set(&[quick::PREPARE, quick::OPEN], Language::Es),
        Language::Es,
    );
    let ready = quick::action_type_id(
        &set(&[quick::READY, quick::OPEN], Language::Es),
        Language::Es,
    );
    let english = quick::action_type_id(
        &set(&[quick::PREPARE, quick::OPEN], Language::En),
        Language::En,
    );
    assert_eq!(prepare.as_deref(), Some("mostrador.es.prepare.open"));
    assert_ne!(
        prepare, ready,
        "Preparar · Abrir and Listo · Abrir are different types"
    );
    assert_ne!(
        prepare, english,
        "a change of language registers the new words"
    );
    assert_eq!(
        quick::action_type_id(&[], Language::Es),
        None,
        "a summary has no buttons: a plain notification"
    );
}
