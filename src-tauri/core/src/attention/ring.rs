//! "Ring until acknowledged": one pure step deciding whether to ring now and when next.
//!
//! The cadence is shared: at each ring instant one ring names the oldest order still waiting
//! (a counter PC plays one sound, not one per order). The notice that announced the order
//! already sounded, so the first ring comes `every` after the desk first sees it waiting.

use chrono::{DateTime, Duration, Utc};

/// What one ring step decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RingStep {
    /// Ring for this order now.
    pub ring: Option<String>,
    /// When the last ring (or the announcing notice) sounded, to carry to the next step.
    pub last: Option<DateTime<Utc>>,
    /// When to ring next, if anything still waits.
    pub next: Option<DateTime<Utc>>,
}

/// One step: `waiting` is the oldest unacknowledged pending order that rings (`None` when none
/// does, ringing is off, or it is quiet hours), `last` when the last ring sounded.
pub fn ring_step(
    waiting: Option<&str>,
    last: Option<DateTime<Utc>>,
    every_s: u32,
    now: DateTime<Utc>,
) -> RingStep {
    let Some(order) = waiting else {
        return RingStep {
            ring: None,
            last: None,
            next: None,
        };
    };
    let every = Duration::seconds(i64::from(every_s.max(1)));
    match last {
        Some(l) if now < l + every => RingStep {
            ring: None,
            last,
            next: Some(l + every),
        },
        Some(_) => RingStep {
            ring: Some(order.to_string()),
            last: Some(now),
            next: Some(now + every),
        },
        None => RingStep {
            ring: None,
            last: Some(now),
            next: Some(now + every),
        },
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn t(s: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, 20, 0, 0)
            .single()
            .unwrap_or_default()
            + Duration::seconds(s)
    }

    #[test]
    fn the_first_ring_comes_one_period_after_the_order_is_seen_waiting() {
        let first = ring_step(Some("ord_1"), None, 30, t(0));
        assert_eq!(first.ring, None, "the announcing notice already sounded");
        assert_eq!(first.next, Some(t(30)), "next ring one period later");
        let early = ring_step(Some("ord_1"), first.last, 30, t(29));
        assert_eq!(early.ring, None, "one second early is not time yet");
        let due = ring_step(Some("ord_1"), early.last, 30, t(30));
        assert_eq!(due.ring.as_deref(), Some("ord_1"), "rings at the period");
        assert_eq!(due.next, Some(t(60)), "and schedules the next one");
    }

    #[test]
    fn nothing_waiting_stops_the_ringing_and_forgets_the_cadence() {
        let step = ring_step(None, Some(t(0)), 30, t(100));
        assert_eq!(
            step,
            RingStep {
                ring: None,
                last: None,
                next: None
            },
            "acknowledged or moved on"
        );
    }

    #[test]
    fn a_machine_waking_late_rings_once_not_once_per_missed_period() {
        let step = ring_step(Some("ord_1"), Some(t(0)), 30, t(3600));
        assert_eq!(step.ring.as_deref(), Some("ord_1"), "one ring on wake");
        assert_eq!(step.next, Some(t(3630)), "the cadence restarts from now");
    }
}
