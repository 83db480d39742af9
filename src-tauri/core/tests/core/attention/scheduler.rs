//! The scheduler over a real SQLite store: the ledger across restarts and resyncs, loading
//! error and auto-cancelled orders, ringing until acknowledged, the first sync, refused actions.

use std::time::Duration as StdDuration;

use mostrador_core::Text;
use mostrador_core::attention::NoticeKind;
use mostrador_core::model::{Actor, OrderError, OrderErrorCode, OrderStatus};
use mostrador_core::outbox::Action;
use mostrador_core::store::reset_cache;
use mostrador_core::view::{ActionKind, ActionState, Settings};

use super::shop::{Rig, cancelled, moved, order, put};
use super::support::at;

use NoticeKind::{
    ActionFailed, AutoCancelled, FirstReminder, NewOrder, OrderError as Err, Summary,
};

fn id(n: u32) -> Option<String> {
    Some(format!("ord_{n}"))
}

#[test]
fn a_restart_in_between_neither_repeats_nor_loses_a_step() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("mostrador.db");
    {
        let rig = Rig::at_path(&path);
        put(&rig.store, &[order(1, 0)]);
        assert_eq!(
            rig.tick_at(1),
            vec![(id(1), NewOrder)],
            "the new order is announced"
        );
    }
    let rig = Rig::at_path(&path);
    assert_eq!(
        rig.tick_at(2),
        vec![],
        "after a restart the ledger remembers the new order"
    );
    assert_eq!(
        rig.tick_at(300),
        vec![(id(1), FirstReminder)],
        "the reminder still comes"
    );
}

#[test]
fn a_resync_from_scratch_repeats_nothing() {
    let rig = Rig::in_memory();
    put(&rig.store, &[order(1, 0), order(2, 0)]);
    assert_eq!(rig.tick_at(0).len(), 2, "two new orders");
    rig.store
        .write(|tx| reset_cache(tx))
        .expect("the cache resets");
    assert_eq!(rig.tick_at(1), vec![], "an empty cache has nothing due");
    put(&rig.store, &[order(1, 0), order(2, 0)]);
    assert_eq!(
        rig.tick_at(2),
        vec![],
        "the same orders synced again are not new again"
    );
}

#[test]
fn an_order_accepted_on_another_device_is_not_reminded() {
    let rig = Rig::in_memory();
    let o = order(1, 0);
    put(&rig.store, std::slice::from_ref(&o));
    rig.tick_at(0);
    put(&rig.store, &[moved(&o, OrderStatus::Preparing)]);
    assert_eq!(
        rig.tick_at(300),
        vec![],
        "preparing one second before the reminder: no reminder"
    );
    assert_eq!(rig.attention.next_due(), None, "nothing left to wake for");
}

#[test]
fn errors_and_auto_cancellations_are_read_from_the_cache() {
    let rig = Rig::in_memory();
    let a = order(1, 0);
    let mut b = moved(&order(2, 0), OrderStatus::Preparing);
    b.error = Some(OrderError {
        code: OrderErrorCode::Oversell,
        message: String::new(),
        retryable: false,
    });
    let c = order(3, 0);
    put(&rig.store, &[a.clone(), b, c.clone()]);
    rig.tick_at(0);
    put(
        &rig.store,
        &[
            cancelled(&a, Actor::Auto, at(1200)),
            cancelled(&c, Actor::Customer, at(100)),
        ],
    );
    let shown = rig.tick_at(1201);
    assert_eq!(
        shown,
        vec![(id(1), AutoCancelled)],
        "only the platform's cancellation is announced"
    );
    let body = rig
        .notifier
        .notices()
        .last()
        .map(|n| n.body.clone())
        .unwrap_or_default();
    assert_eq!(
        body, "Pedido #1001 cancelado por falta de atención; reembolso de $450.00",
        "refund text"
    );
    let first = rig
        .notifier
        .notices()
        .iter()
        .map(|n| (n.order_id.clone(), n.kind))
        .collect::<Vec<_>>();
    assert!(
        first.contains(&(id(2), Err)),
        "the oversold order was announced on the first pass: {first:?}"
    );
    assert_eq!(rig.tick_at(1202), vec![], "each once");
}

#[test]
fn ringing_repeats_until_the_owner_acknowledges() {
    let rig = Rig::in_memory();
    rig.attention.set_settings(&Settings {
        ring_until_ack: true,
        ring_every_s: 30,
        ..Settings::default()
    });
    put(&rig.store, &[order(1, 0)]);
    rig.tick_at(0);
    rig.tick_at(29);
    assert_eq!(
        rig.notifier.rings(),
        Vec::<String>::new(),
        "the notice itself sounded; no ring yet"
    );
    rig.tick_at(30);
    assert_eq!(
        rig.notifier.rings(),
        vec!["ord_1".to_string()],
        "rings every 30 s"
    );
    rig.attention
        .acknowledge("ord_1")
        .expect("acknowledging succeeds");
    rig.tick_at(60);
    rig.tick_at(90);
    assert_eq!(
        rig.notifier.rings().len(),
        1,
        "an acknowledged order does not ring again"
    );
}

#[test]
fn ringing_stops_when_the_order_leaves_pending() {
    let rig = Rig::in_memory();
    rig.attention.set_settings(&Settings {
        ring_until_ack: true,
        ring_every_s: 30,
        ..Settings::default()
    });
    let o = order(1, 0);
    put(&rig.store, std::slice::from_ref(&o));
    rig.tick_at(0);
    put(&rig.store, &[moved(&o, OrderStatus::Preparing)]);
    rig.tick_at(30);
    rig.tick_at(60);
    assert_eq!(
        rig.notifier.rings(),
        Vec::<String>::new(),
        "a prepared order never rings"
    );
}

/// Modo mostrador, ringing every 30 s, over a store with pending order 1 announced at 0.
fn counter_rig() -> Rig {
    let rig = Rig::in_memory();
    rig.attention
        .set_settings(&Settings::default().with_counter_mode(true));
    put(&rig.store, &[order(1, 0)]);
    assert_eq!(rig.tick_at(0), vec![(id(1), NewOrder)], "announced");
    assert_eq!(
        rig.notifier.alarms().len(),
        1,
        "the new order sounds the alarm"
    );
    rig
}

#[test]
fn a_reminder_of_an_order_acknowledged_here_does_not_sound_the_alarm() {
    let rig = counter_rig();
    rig.attention
        .acknowledge("ord_1")
        .expect("acknowledging succeeds");
    assert_eq!(
        rig.tick_at(300),
        vec![(id(1), FirstReminder)],
        "the order is still Pendiente: the reminder is still shown"
    );
    assert_eq!(
        rig.notifier.alarms().len(),
        1,
        "acknowledged: its reminder does not play the alarm again"
    );
}

#[test]
fn a_reminder_of_an_order_acknowledged_on_another_device_does_not_sound_the_alarm() {
    let rig = counter_rig();
    let mut acked = order(1, 0);
    acked.version += 1;
    acked.seq += 100_000;
    acked.acknowledged_at = Some(at(10));
    acked.acknowledged_by = Some("Caja 2".into());
    put(&rig.store, &[acked]);
    assert_eq!(rig.tick_at(300), vec![(id(1), FirstReminder)], "shown");
    assert_eq!(
        rig.notifier.alarms().len(),
        1,
        "the platform says it was acknowledged: no alarm"
    );
}

#[test]
fn a_reminder_of_an_order_nobody_acknowledged_sounds_the_alarm() {
    let rig = counter_rig();
    rig.tick_at(300);
    assert!(
        rig.notifier.alarms().len() >= 2,
        "a reminder of an unacknowledged order sounds: {:?}",
        rig.notifier.alarms()
    );
}

#[test]
fn the_first_sync_of_an_existing_shop_is_one_summary_that_never_rings() {
    let rig = Rig::in_memory();
    rig.attention.set_settings(&Settings {
        ring_until_ack: true,
        ring_every_s: 30,
        ..Settings::default()
    });
    rig.attention.set_first_sync(true);
    put(&rig.store, &[order(1, -5000), order(2, -20)]);
    assert_eq!(rig.tick_at(0), vec![], "held while the first sync pages");
    rig.attention.set_first_sync(false);
    assert_eq!(
        rig.tick_at(1),
        vec![(None, Summary)],
        "one summary for the backlog"
    );
    put(&rig.store, &[order(3, 2)]);
    assert_eq!(
        rig.tick_at(2),
        vec![(id(3), NewOrder)],
        "after it, new orders come one by one"
    );
    rig.tick_at(40);
    assert_eq!(
        rig.notifier.rings(),
        vec!["ord_3".to_string()],
        "only the order shown on its own rings"
    );
}

#[test]
fn a_refused_action_is_announced_once_however_often_it_is_reported() {
    let rig = Rig::in_memory();
    put(&rig.store, &[]);
    let action = Action {
        seq: 0,
        id: "act-1".into(),
        order_id: "ord_1".into(),
        order_number: "1001".into(),
        kind: ActionKind::Advance {
            to: OrderStatus::Ready,
        },
        state: ActionState::Failed,
        attempts: 1,
        created_at: at(0),
        next_attempt_at: None,
        path: String::new(),
        body: Vec::new(),
        error: Some(Text::new(
            "El cliente canceló el pedido #1001 mientras estabas sin conexión.",
            "The customer cancelled the order.",
        )),
    };
    rig.attention.action_failed(&action);
    rig.attention.action_failed(&action);
    assert_eq!(
        rig.tick_at(1),
        vec![(id(1), ActionFailed)],
        "announced once, about its order"
    );
    rig.attention.action_failed(&action);
    assert_eq!(rig.tick_at(2), vec![], "the ledger keys it by action id");
}

#[test]
fn nothing_is_planned_before_the_desk_knows_its_store() {
    let rig = Rig::in_memory();
    assert_eq!(
        rig.tick_at(0),
        vec![],
        "not connected yet: no store, no notices"
    );
}

#[tokio::test]
async fn the_running_loop_announces_after_a_wake() {
    let rig = Rig::in_memory();
    let task = tokio::spawn(rig.attention.clone().run());
    put(&rig.store, &[order(1, 0)]);
    rig.attention.wake();
    let seen = tokio::time::timeout(StdDuration::from_secs(10), async {
        while rig.notifier.notices().is_empty() {
            tokio::time::sleep(StdDuration::from_millis(5)).await;
        }
    })
    .await;
    task.abort();
    assert!(
        seen.is_ok(),
        "a wake after a sync must lead to a pass that announces the order"
    );
    assert_eq!(
        rig.notifier.notices()[0].kind,
        NewOrder,
        "the order is announced as new"
    );
}
