//! The sender over a [`Platform`] (WooCommerce, Shopify): the same outbox rows, UUIDs and
//! per-order queue order as over the Orders API; the platform's [`ApplyOutcome`] becomes the
//! sender's decision — applied; rejected with the platform's words (the owner is told, the
//! overlay rolls back, actions behind it fail too); unknown → sent again later with backoff
//! (and the platform's `Retry-After`), the platform checking first whether it already
//! happened.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use futures_util::StreamExt;

use crate::error::Result;
use crate::platforms::{ApplyOutcome, Platform, PlatformAction};

use super::Action;
use super::decide::Decision;
use super::sender::{Attempt, FlushReport, OutboxConfig, Sender};

/// The decision for one platform outcome. Pure.
pub fn decide_platform(
    action: &Action,
    outcome: ApplyOutcome,
    now: DateTime<Utc>,
    config: &OutboxConfig,
    unit: f64,
) -> Decision {
    match outcome {
        ApplyOutcome::Applied(fetched) => Decision::Done(fetched.map(|f| Box::new(f.order))),
        ApplyOutcome::Rejected(words) => Decision::Failed {
            reason: words,
            current: None,
        },
        ApplyOutcome::Unknown { retry_after, why } => {
            let wait = config
                .retry
                .delay(action.attempts.max(1), retry_after, unit);
            Decision::RetryAt {
                at: now + chrono::Duration::from_std(wait).unwrap_or_default(),
                note: why,
            }
        }
    }
}

impl Sender {
    /// One pass over the outbox through `platform` (see [`Sender::flush`]).
    pub async fn flush_platform<P: Platform>(
        &self,
        platform: &P,
        force: bool,
    ) -> Result<FlushReport> {
        let (groups, tz) = self.pending_by_order()?;
        let mut report = FlushReport::default();
        let mut runs = futures_util::stream::iter(groups)
            .map(|group| self.drain_platform(platform, group, force, tz))
            .buffer_unordered(self.config.parallel.max(1));
        while let Some(result) = runs.next().await {
            report.merge(result?);
        }
        Ok(report)
    }

    async fn drain_platform<P: Platform>(
        &self,
        platform: &P,
        group: Vec<Action>,
        force: bool,
        tz: Tz,
    ) -> Result<FlushReport> {
        let mut report = FlushReport::default();
        for mut action in group {
            match self.begin_attempt(&mut action, force, &mut report)? {
                Attempt::Wait => break,
                Attempt::Gone => continue,
                Attempt::Go => {}
            }
            let outcome = platform
                .apply(&PlatformAction {
                    id: action.id.clone(),
                    order_id: action.order_id.clone(),
                    order_number: action.order_number.clone(),
                    kind: action.kind.clone(),
                    device: self.device_name(),
                    at: action.created_at,
                })
                .await;
            if let ApplyOutcome::Unknown { why, .. } = &outcome {
                tracing::info!(action = %action.id, why = %why.en, "platform outcome unknown");
                report.offline = true;
            }
            let now = self.clock.now();
            let decision = decide_platform(&action, outcome, now, &self.config, self.unit());
            if !self.settle(&action, decision, now, tz, true, &mut report)? {
                break;
            }
        }
        Ok(report)
    }
}
