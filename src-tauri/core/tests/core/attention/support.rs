//! Builders for planner tests: one pending order placed at 13:45 in Mexico City (so it
//! auto-cancels at 14:05 under the default policy), and an input around it.

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use mostrador_core::attention::{Candidate, KindSet, NoticeKind, Plan, PlanInput};
use mostrador_core::model::{
    Actor, AttentionPolicy, Cancellation, Locale, OrderStatus, StatusLabels,
};
use mostrador_core::money::{Currency, Money};
use mostrador_core::view::Settings;

/// 2026-11-20 13:45:00 in Mexico City (UTC−6): when order #1042 is placed.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 19, 45, 0)
        .single()
        .unwrap_or_default()
}

/// `s` seconds after [`t0`].
pub fn at(s: i64) -> DateTime<Utc> {
    t0() + Duration::seconds(s)
}

/// A pending order numbered `number`, placed at [`t0`] + `created_s`, $450.00 MXN, Ana Pérez.
pub fn pending_at(number: u32, created_s: i64) -> Candidate {
    let created_at = at(created_s);
    Candidate {
        id: format!("ord_{number}"),
        number: number.to_string(),
        status: OrderStatus::Pending,
        created_at,
        auto_cancel_at: Some(created_at + Duration::seconds(1200)),
        customer_name: "Ana Pérez".into(),
        total: Money::new(45_000, Currency::MXN),
        error: None,
        cancellation: None,
    }
}

/// Order #1042, pending, placed at [`t0`].
pub fn pending() -> Candidate {
    pending_at(1042, 0)
}

/// Order #1042 after the platform cancelled it at [`t0`] + 1200 s with a full refund.
pub fn auto_cancelled() -> Candidate {
    cancelled_by(Actor::Auto)
}

/// Order #1042 cancelled at [`t0`] + 1200 s by `by`.
pub fn cancelled_by(by: Actor) -> Candidate {
    Candidate {
        status: OrderStatus::Cancelled,
        auto_cancel_at: None,
        cancellation: Some(Cancellation {
            reason: "Sin atención".into(),
            refund_amount: 45_000,
            by,
            at: at(1200),
            refund: None,
        }),
        ..pending()
    }
}

/// An input over `orders` with the default policy (reminders 300/600, warning 900), the store in
/// Mexico City (es-MX), nothing announced and default settings (Spanish).
pub fn input(orders: Vec<Candidate>) -> PlanInput {
    PlanInput {
        orders,
        failed_actions: Vec::new(),
        policy: AttentionPolicy::default(),
        timezone: chrono_tz::America::Mexico_City,
        locale: Locale::EsMx,
        labels: StatusLabels::default(),
        announced: HashMap::new(),
        settings: Settings::default(),
        first_sync: false,
    }
}

/// Marks `kinds` as announced for `subject`.
pub fn announced(input: &mut PlanInput, subject: &str, kinds: &[NoticeKind]) {
    let set: KindSet = kinds.iter().copied().collect();
    input.announced.insert(subject.to_string(), set);
}

/// Applies a plan's records to the input, as the ledger would between passes.
pub fn remember(input: &mut PlanInput, plan: &Plan) {
    for r in &plan.record {
        input
            .announced
            .entry(r.subject.clone())
            .or_default()
            .insert(r.kind);
    }
}

/// (order, kind) of each notice, in order.
pub fn shown(plan: &Plan) -> Vec<(Option<String>, NoticeKind)> {
    plan.notices
        .iter()
        .map(|n| (n.order_id.clone(), n.kind))
        .collect()
}
