//! An action whose answer was lost, retried after the backend forgot its idempotency key,
//! meets `invalid_transition`: the order is read before the action is called failed, and a
//! refund the backend applied is reported applied — never "ya estaba cancelado; no se canceló".
//! And a queued refund is warned about long before it is a day old.

use std::sync::Arc;

use chrono::{Duration as Span, TimeZone, Utc};
use serde_json::json;

use mostrador_core::attention::{NoticeKind, RecordingNotifier};
use mostrador_core::clock::ManualClock;
use mostrador_core::desk::{Desk, DeskConfig, MemoryTokenStore, Tuning};
use mostrador_core::model::{Actor, Cancellation, HistoryEntry, OrderStatus};
use mostrador_core::outbox::queue;
use mostrador_core::outbox::reconcile::shows_effect;
use mostrador_core::view::{ActionKind, ActionState, SyncAlertKind};

use super::fixtures::order;
use crate::desk::harness::{Backend, open_desk};

async fn advance_backend_clock(backend: &Backend, secs: i64) {
    let response = reqwest::Client::new()
        .post(format!("{}/v1/admin/clock", backend.server.base_url()))
        .bearer_auth(backend.server.admin_token().unwrap_or_default())
        .json(&json!({ "advance_s": secs }))
        .send()
        .await
        .expect("the clock answers");
    assert!(response.status().is_success(), "the backend clock moved");
}

#[tokio::test]
async fn a_refund_applied_under_a_lost_answer_is_applied_after_the_key_is_forgotten() {
    let backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("dir");
    let (desk, notifier) = open_desk(dir.path(), None).await;
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    desk.sync_now().await.expect("first sync");
    // The cancellation is applied, and its answer is lost on the way back.
    backend
        .faults(json!({"drop_after_commit_rate": 1.0, "seed": 3}))
        .await;
    desk.cancel(&order.id, "Sin stock", "450")
        .await
        .expect("queued");
    let status = desk.sync_now().await.expect("the sync runs");
    assert_eq!(status.pending_actions, 1, "a lost answer leaves it unknown");
    backend.faults(json!({})).await;
    // More than a day later the backend no longer knows the key: the retry is judged afresh.
    advance_backend_clock(&backend, 25 * 3600).await;
    desk.sync_now().await.expect("the retry runs");
    let rows = desk.store().read(queue::all).expect("outbox");
    assert_eq!(
        rows.iter().map(|a| a.state).collect::<Vec<_>>(),
        vec![ActionState::Applied],
        "the order shows the merchant's cancellation with the refund: applied, not failed \
         ({:?})",
        rows.iter().map(|a| a.error.clone()).collect::<Vec<_>>()
    );
    assert!(
        !notifier
            .notices()
            .iter()
            .any(|n| n.kind == NoticeKind::ActionFailed),
        "the owner is not told that an applied refund failed"
    );
    let effects = backend.effects(Some(&order.id)).await;
    let cancels = effects
        .iter()
        .filter(|e| e["kind"].as_str().is_some_and(|k| k.contains("cancel")))
        .count();
    assert_eq!(
        cancels, 1,
        "cancelled and refunded exactly once: {effects:?}"
    );
}

#[test]
fn only_the_order_showing_the_effect_makes_a_refused_retry_applied() {
    let at = Utc.with_ymd_and_hms(2026, 11, 20, 18, 0, 0).unwrap();
    let cancel = ActionKind::Cancel {
        reason: "Sin stock".into(),
        refund_amount: 45000,
    };
    let action = |kind: ActionKind| mostrador_core::outbox::Action {
        seq: 1,
        id: "key".into(),
        order_id: "ord_1".into(),
        order_number: "1042".into(),
        kind,
        path: String::new(),
        body: Vec::new(),
        state: ActionState::Pending,
        attempts: 2,
        created_at: at,
        next_attempt_at: None,
        error: None,
    };
    let cancelled = |by: Actor, reason: &str, refund: i64| {
        let mut o = order("ord_1", OrderStatus::Cancelled);
        o.refunded = refund;
        o.cancellation = Some(Cancellation {
            reason: reason.into(),
            refund_amount: refund,
            by,
            at,
            refund: None,
        });
        o
    };
    let cases = [
        (
            "cancelled by us, same reason and refund",
            cancelled(Actor::Merchant, "Sin stock", 45000),
            true,
        ),
        (
            "cancelled by the customer",
            cancelled(Actor::Customer, "Sin stock", 45000),
            false,
        ),
        (
            "cancelled automatically",
            cancelled(Actor::Auto, "", 45000),
            false,
        ),
        (
            "cancelled by us with another refund",
            cancelled(Actor::Merchant, "Sin stock", 10000),
            false,
        ),
        (
            "cancelled by us for another reason",
            cancelled(Actor::Merchant, "Cliente no vino", 45000),
            false,
        ),
        ("still pending", order("ord_1", OrderStatus::Pending), false),
    ];
    for (name, o, want) in cases {
        assert_eq!(shows_effect(&action(cancel.clone()), &o), want, "{name}");
    }
    let mut ready = order("ord_1", OrderStatus::Ready);
    ready.history.push(HistoryEntry {
        status: OrderStatus::Ready,
        at,
        by: Actor::Merchant,
        device: None,
    });
    let to_ready = ActionKind::Advance {
        to: OrderStatus::Ready,
    };
    assert!(
        shows_effect(&action(to_ready.clone()), &ready),
        "the merchant's move to Ready is in the history"
    );
    let mut elsewhere = ready.clone();
    elsewhere.id = "ord_2".into();
    assert!(
        !shows_effect(&action(to_ready), &elsewhere),
        "another order's history proves nothing"
    );
}

#[tokio::test]
async fn a_refund_queued_for_12_hours_is_warned_about_in_both_languages() {
    let mut backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("dir");
    let start = Utc::now();
    let clock = Arc::new(ManualClock::new(start));
    let config = DeskConfig {
        data_dir: dir.path().to_path_buf(),
        clock: clock.clone(),
        notifier: Arc::new(RecordingNotifier::default()),
        token_store: Arc::new(MemoryTokenStore::default()),
    };
    let desk = Desk::open_tuned(config, Tuning::fast())
        .await
        .expect("opens");
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    desk.sync_now().await.expect("first sync");
    backend.server.stop();
    desk.cancel(&order.id, "Sin stock", "450")
        .await
        .expect("queued offline");
    clock.advance(Span::hours(11));
    let early = desk.sync_status().await.expect("status");
    assert!(
        !early
            .alerts
            .iter()
            .any(|a| a.kind == SyncAlertKind::OldMoneyAction),
        "11 h is not yet worth a warning"
    );
    clock.advance(Span::hours(1));
    let status = desk.sync_status().await.expect("status");
    let alert = status
        .alerts
        .iter()
        .find(|a| a.kind == SyncAlertKind::OldMoneyAction)
        .expect("at 12 h the owner is warned, half a day before the key expires");
    assert!(
        alert.es.contains("#") && alert.es.contains("12 h") && alert.en.contains("12 h"),
        "the order and the wait, in Spanish and English: {alert:?}"
    );
}
