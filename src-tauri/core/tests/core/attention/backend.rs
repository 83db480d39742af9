//! One order's life against the reference backend, with its clock moved by the admin API and a
//! manual clock kept in step: new → reminder → reminder → warning → auto-cancelled. The desk's
//! real connect and sync fill the cache; the attention engine runs over the desk's store.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use mostrador_core::attention::{Attention, NoticeKind, RecordingNotifier};
use mostrador_core::clock::ManualClock;
use mostrador_core::desk::{Desk, DeskConfig, MemoryTokenStore, Tuning};
use mostrador_core::model::{Order, OrderStatus};
use mostrador_core::store::orders;
use reference_backend::{Config, TestServer};
use serde_json::{Value, json};

use NoticeKind::{AutoCancelWarning, AutoCancelled, FirstReminder, NewOrder, SecondReminder};

struct Walk {
    server: TestServer,
    http: reqwest::Client,
    desk: Desk,
    clock: Arc<ManualClock>,
    notifier: Arc<RecordingNotifier>,
    attention: Attention,
    _dir: tempfile::TempDir,
}

impl Walk {
    async fn start() -> Walk {
        let server = TestServer::spawn(Config::default());
        let dir = tempfile::tempdir().expect("a temp dir");
        let clock = Arc::new(ManualClock::new(Utc::now()));
        let notifier = Arc::new(RecordingNotifier::default());
        let config = DeskConfig {
            data_dir: dir.path().to_path_buf(),
            clock: clock.clone(),
            notifier: notifier.clone(),
            token_store: Arc::new(MemoryTokenStore::with(None)),
        };
        let desk = Desk::open_tuned(config, Tuning::fast())
            .await
            .expect("the desk opens");
        desk.connect(&server.base_url(), server.token(), false)
            .await
            .expect("the desk connects");
        let attention = Attention::new(desk.store().clone(), notifier.clone(), clock.clone());
        Walk {
            server,
            http: reqwest::Client::new(),
            desk,
            clock,
            notifier,
            attention,
            _dir: dir,
        }
    }

    async fn admin(&self, path: &str, body: Value) -> Value {
        let token = self
            .server
            .admin_token()
            .expect("admin control is on in tests");
        let url = format!("{}{path}", self.server.base_url());
        let response = self
            .http
            .post(url)
            .bearer_auth(token)
            .json(&body)
            .send()
            .await;
        let response = response.expect("the admin endpoint answers");
        assert!(
            response.status().is_success(),
            "admin {path}: {}",
            response.status()
        );
        response.json().await.expect("admin answers are JSON")
    }

    /// Moves the backend's clock and ours to the same instant.
    async fn advance(&self, seconds: i64) {
        let now = self
            .admin("/v1/admin/clock", json!({ "advance_s": seconds }))
            .await;
        let now: DateTime<Utc> =
            serde_json::from_value(now["now"].clone()).expect("the clock answers its time");
        self.clock.set(now);
    }

    async fn sync(&self) {
        self.desk.sync_now().await.expect("a sync runs");
    }

    fn cached(&self, id: &str) -> Order {
        let found = self
            .desk
            .store()
            .read(|conn| orders::get(conn, id))
            .expect("the cache reads");
        found.expect("the order is cached")
    }

    /// One pass; the kinds shown, each checked to be about `id`.
    fn tick(&self, id: &str) -> Vec<NoticeKind> {
        let shown = self.attention.tick().expect("an attention pass succeeds");
        assert!(
            shown.iter().all(|n| n.order_id.as_deref() == Some(id)),
            "every notice opens the order: {shown:?}"
        );
        shown.into_iter().map(|n| n.kind).collect()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_order_walks_from_new_to_auto_cancelled_with_one_notice_per_step() {
    let walk = Walk::start().await;
    let created = walk
        .admin(
            "/v1/admin/orders",
            json!({ "customer": { "name": "Ana Pérez" }, "total": 45000,
            "payment": { "method": "card", "status": "paid" } }),
        )
        .await;
    let order: Order = serde_json::from_value(created).expect("the created order decodes");
    walk.advance(0).await;
    walk.sync().await;
    assert_eq!(
        walk.tick(&order.id),
        vec![NewOrder],
        "a new order is announced at once"
    );
    assert_eq!(walk.tick(&order.id), vec![], "and only once");

    for (step, want) in [
        (1, FirstReminder),
        (2, SecondReminder),
        (3, AutoCancelWarning),
    ] {
        walk.advance(300).await;
        walk.sync().await;
        assert_eq!(
            walk.tick(&order.id),
            vec![want],
            "step {step}: {want:?} at {}s",
            step * 300
        );
    }

    walk.advance(300).await;
    // The backend cancels on its own ticker; sync until the cache sees it.
    let cancelled = tokio::time::timeout(StdDuration::from_secs(10), async {
        loop {
            walk.sync().await;
            if walk.cached(&order.id).status == OrderStatus::Cancelled {
                break;
            }
            tokio::time::sleep(StdDuration::from_millis(50)).await;
        }
    })
    .await;
    assert!(
        cancelled.is_ok(),
        "the backend auto-cancels a pending order at auto_cancel_at"
    );
    assert_eq!(
        walk.tick(&order.id),
        vec![AutoCancelled],
        "the auto-cancellation is announced"
    );

    let notices = walk.notifier.notices();
    let kinds: Vec<_> = notices.iter().map(|n| n.kind).collect();
    let want = vec![
        NewOrder,
        FirstReminder,
        SecondReminder,
        AutoCancelWarning,
        AutoCancelled,
    ];
    assert_eq!(
        kinds, want,
        "one notice per step, in the order of the order's life"
    );
    let n = &order.number;
    let local = order
        .auto_cancel_at
        .map(|t| t.with_timezone(&chrono_tz::America::Mexico_City));
    let hhmm = local
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default();
    let texts: Vec<_> = notices
        .iter()
        .map(|n| (n.title.as_str(), n.body.as_str()))
        .collect();
    let want_texts = [
        (
            format!("Nuevo pedido #{n}"),
            "Ana Pérez · $450.00".to_string(),
        ),
        (
            format!("Pedido #{n} sin atender"),
            "Lleva 5 min esperando · Ana Pérez · $450.00".to_string(),
        ),
        (
            format!("Pedido #{n} sin atender"),
            "Lleva 10 min esperando · Ana Pérez · $450.00".to_string(),
        ),
        (
            format!("Pedido #{n} por cancelarse"),
            format!("Pedido #{n}: se cancelará automáticamente a las {hhmm}"),
        ),
        (
            format!("Pedido #{n} cancelado"),
            format!("Pedido #{n} cancelado por falta de atención; reembolso de $450.00"),
        ),
    ];
    let want_texts: Vec<_> = want_texts
        .iter()
        .map(|(t, b)| (t.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        texts, want_texts,
        "each notice says what happened in the store's words and time"
    );
    assert_eq!(
        notices[0].actions[0].id, "prepare",
        "a pending order's notice offers Preparar"
    );
}
