//! Exactly once under faults, against the fake: seeded runs of cancels with refunds and
//! advances through dropped answers, 5xx, 429 and senders killed mid-flight. Every run ends
//! with 0 lost actions, 0 doubled refunds and Σ refunds ≤ paid.
//!
//! `MOSTRADOR_WOO_RUNS` sets the number of seeded runs (default 12; ≥ 1000 for the full
//! claim: `MOSTRADOR_WOO_RUNS=1000 cargo test -p mostrador-core --test core platforms::exactly_once`).

use std::time::Duration;

use mostrador_core::model::OrderStatus;
use mostrador_core::platforms::{ApplyOutcome, Platform};
use mostrador_core::view::ActionKind;
use serde_json::json;

use super::contract::{action, tagged};
use super::shop::{Shop, paid_order};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

#[tokio::test]
async fn seeded_runs_lose_nothing_and_never_double_a_refund() {
    let runs: u64 = std::env::var("MOSTRADOR_WOO_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let shop = Shop::fake();
    let woo = shop.connector();
    woo.shop().await.expect("facts");
    for seed in 0..runs {
        let mut rng = Rng(seed);
        shop.faults(json!({})).await;
        let orders = shop.create_many(3, paid_order("bacs", false)).await;
        let mut actions = Vec::new();
        for &id in &orders {
            if rng.below(2) == 0 {
                actions.push(action(
                    id,
                    ActionKind::Advance {
                        to: OrderStatus::Preparing,
                    },
                ));
            }
            let refund = [0, 2500, 10_000, 19_800][rng.below(4) as usize];
            actions.push(action(
                id,
                ActionKind::Cancel {
                    reason: format!("seed {seed}"),
                    refund_amount: refund,
                },
            ));
        }
        shop.faults(json!({ "error_rate": 0.15, "rate_limit_rate": 0.05, "retry_after_s": 0, "drop_after_commit_rate": 0.3, "seed": seed })).await;
        for a in &actions {
            let mut done = false;
            for _ in 0..60 {
                // A killed sender: the attempt is dropped at a random point.
                let kill = rng.below(4) == 0;
                let attempt = woo.apply(a);
                let outcome = if kill {
                    match tokio::time::timeout(
                        Duration::from_micros(200 + rng.below(3000)),
                        attempt,
                    )
                    .await
                    {
                        Ok(o) => o,
                        Err(_) => continue,
                    }
                } else {
                    attempt.await
                };
                match outcome {
                    ApplyOutcome::Applied(_) => {
                        done = true;
                        break;
                    }
                    ApplyOutcome::Rejected(w) => {
                        panic!("seed {seed}: {:?} refused: {}", a.kind, w.en)
                    }
                    ApplyOutcome::Unknown { .. } => {}
                }
            }
            assert!(
                done,
                "seed {seed}: {:?} on order {} was lost",
                a.kind, a.order_id
            );
        }
        shop.faults(json!({})).await;
        for a in &actions {
            let id: i64 = a.order_id.parse().expect("id");
            let (refunds, notes) = tagged(&shop, id, &a.id).await;
            let wanted =
                matches!(a.kind, ActionKind::Cancel { refund_amount, .. } if refund_amount > 0);
            assert_eq!(
                refunds,
                usize::from(wanted),
                "seed {seed}: refunds of {:?}",
                a.kind
            );
            assert_eq!(notes, 1, "seed {seed}: notes of {:?}", a.kind);
        }
        for &id in &orders {
            let order = shop.raw().get(&format!("/orders/{id}")).await;
            let refunded: i64 = order["refunds"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| {
                    -r["total"]
                        .as_str()
                        .and_then(|t| t.parse::<i64>().ok())
                        .unwrap_or(0)
                })
                .sum();
            assert!(
                refunded <= 19_800,
                "seed {seed}: Σ refunds {refunded} > paid"
            );
            assert!(
                matches!(order["status"].as_str(), Some("cancelled" | "refunded")),
                "seed {seed}: {}",
                order["status"]
            );
        }
    }
}
