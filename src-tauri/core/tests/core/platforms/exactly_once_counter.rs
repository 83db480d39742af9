//! Exactly once under faults for the counter's actions on WooCommerce, against the fake:
//! seeded runs of staff notes and payments through dropped answers (30 %), 5xx (15 %), 429
//! (5 %) and senders killed mid-flight (1 in 4). Every run ends with 0 lost actions, 0 doubled
//! notes, 0 doubled payments and Σ payments ≤ total.
//!
//! `MOSTRADOR_WOO_RUNS` sets the number of seeded runs, as for `exactly_once` (default 12).

use std::time::Duration;

use mostrador_core::model::PaymentMethod;
use mostrador_core::platforms::woocommerce::apply::note_tag;
use mostrador_core::platforms::woocommerce::counter::staff_tag;
use mostrador_core::platforms::{ApplyOutcome, Platform, PlatformAction};
use mostrador_core::view::ActionKind;
use serde_json::json;

use super::contract::action;
use super::shop::Shop;
use super::woo_counter::unpaid_cod;

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

fn count(notes: &serde_json::Value, needle: &str) -> usize {
    notes.as_array().map_or(0, |n| {
        n.iter()
            .filter(|x| x["note"].as_str().is_some_and(|t| t.contains(needle)))
            .count()
    })
}

async fn until_applied(woo: &impl Platform, a: &PlatformAction, rng: &mut Rng, seed: u64) {
    for _ in 0..60 {
        let kill = rng.below(4) == 0;
        let attempt = woo.apply(a);
        let outcome = if kill {
            match tokio::time::timeout(Duration::from_micros(200 + rng.below(3000)), attempt).await
            {
                Ok(o) => o,
                Err(_) => continue,
            }
        } else {
            attempt.await
        };
        match outcome {
            ApplyOutcome::Applied(_) => return,
            ApplyOutcome::Rejected(w) => panic!("seed {seed}: {:?} refused: {}", a.kind, w.en),
            ApplyOutcome::Unknown { .. } => {}
        }
    }
    panic!("seed {seed}: {:?} on order {} was lost", a.kind, a.order_id);
}

#[tokio::test]
async fn seeded_runs_never_double_a_note_or_a_payment() {
    let runs: u64 = std::env::var("MOSTRADOR_WOO_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let shop = Shop::fake();
    let woo = shop.connector();
    woo.shop().await.expect("facts");
    for seed in 0..runs {
        let mut rng = Rng(seed ^ 0xC0FFEE);
        shop.faults(json!({})).await;
        let orders = shop.create_many(3, unpaid_cod()).await;
        let mut actions = Vec::new();
        for &id in &orders {
            for k in 0..=rng.below(2) {
                actions.push(action(
                    id,
                    ActionKind::Note {
                        text: format!("seed {seed} nota {k}"),
                    },
                ));
            }
            if rng.below(3) != 0 {
                actions.push(action(
                    id,
                    ActionKind::Pay {
                        amount: 16800,
                        method: PaymentMethod::Cash,
                        reference: None,
                        received: Some(20000),
                    },
                ));
            }
        }
        shop.faults(json!({ "error_rate": 0.15, "rate_limit_rate": 0.05, "retry_after_s": 0, "drop_after_commit_rate": 0.3, "seed": seed })).await;
        for a in &actions {
            until_applied(&woo, a, &mut rng, seed).await;
        }
        shop.faults(json!({})).await;
        for &id in &orders {
            let notes = shop.raw().get(&format!("/orders/{id}/notes")).await;
            let mine: Vec<&PlatformAction> = actions
                .iter()
                .filter(|a| a.order_id == id.to_string())
                .collect();
            let mut pays = 0;
            for a in &mine {
                let (tag, what) = match a.kind {
                    ActionKind::Pay { .. } => {
                        pays += 1;
                        (note_tag(&a.id), "payment note")
                    }
                    _ => (staff_tag(&a.id), "staff note"),
                };
                assert_eq!(count(&notes, &tag), 1, "seed {seed}: one {what} on {id}");
            }
            let order = woo
                .order(&id.to_string())
                .await
                .expect("read")
                .expect("there");
            assert_eq!(
                order.order.payments.len(),
                pays,
                "seed {seed}: payments of {id}"
            );
            assert!(
                order.order.paid <= order.order.total,
                "seed {seed}: Σ payments {} > total {}",
                order.order.paid,
                order.order.total
            );
            assert_eq!(
                order.order.staff_notes.len(),
                mine.len() - pays,
                "seed {seed}: staff notes of {id}"
            );
        }
    }
}
