//! Outbox actions on WooCommerce, which has no idempotency: every write carries the action's
//! UUID (order meta `_mostrador_action` / `_mostrador_cancel`, refund meta
//! `_mostrador_action`, a `[mostrador:UUID]` tag in the private note), and every attempt
//! first re-reads the order, its refunds and notes, counting what it finds as done. So an
//! attempt after a lost answer, a 5xx or a killed process never doubles a refund.
//!
//! - Advance: meta `_mostrador_stage` (Entregado also sets status `completed`) + a private
//!   note.
//! - Cancel: status `cancelled`, then `POST /refunds` (through the gateway only when
//!   `/payment_gateways` says it refunds; manual otherwise) + a private note.
//! - Pay and staff notes: see [`super::counter`].

use reqwest::Method;
use serde_json::{Value, json};

use super::WooCommerce;
use super::map::{self, ACTION_KEY, CANCEL_KEY, REASON_KEY, REFUND_METHOD_KEY, STAGE_KEY};
use super::sync::{Decoded, decode_one};
use super::wire::{Refund, WireOrder, WooStatus, meta_text};
use super::words;
use crate::model::OrderStatus;
use crate::money::Currency;
use crate::outbox::kind::ActionKind;
use crate::platforms::{ApplyOutcome, Fetched, PlatformAction, PlatformError};
use crate::text::Text;

/// The tag of an action in a note.
pub fn note_tag(action_id: &str) -> String {
    format!("[mostrador:{action_id}]")
}

pub(super) fn gone(n: &str) -> ApplyOutcome {
    ApplyOutcome::Rejected(Text::new(
        format!("El pedido #{n} ya no existe en WooCommerce."),
        format!("Order #{n} no longer exists in WooCommerce."),
    ))
}

pub(super) fn fetched(text: &str) -> Option<Fetched> {
    let mut d = Decoded::default();
    decode_one(text, &mut d);
    d.fetched.pop()
}

impl WooCommerce {
    pub(super) async fn apply_impl(&self, action: &PlatformAction) -> ApplyOutcome {
        let n = &action.order_number;
        match self.try_apply(action).await {
            Ok(outcome) => outcome,
            Err(e) if e.is_transient() => ApplyOutcome::Unknown {
                retry_after: e.retry_after(),
                why: words::transient(n, &e),
            },
            Err(e) => ApplyOutcome::Rejected(words::refusal(n, &e)),
        }
    }

    async fn try_apply(&self, action: &PlatformAction) -> Result<ApplyOutcome, PlatformError> {
        match &action.kind {
            ActionKind::Advance { to } => self.advance(action, *to).await,
            ActionKind::Cancel {
                reason,
                refund_amount,
            } => self.cancel(action, reason, *refund_amount).await,
            ActionKind::RetryDocument { .. } => Ok(ApplyOutcome::Rejected(Text::new(
                "WooCommerce no emite documentos tributarios.",
                "WooCommerce issues no tax documents.",
            ))),
            // WooCommerce keeps no shop-wide "seen": an acknowledgement stays on this device,
            // so there is nothing to send and it counts as done.
            ActionKind::Acknowledge => Ok(ApplyOutcome::Applied(None)),
            ActionKind::Pay {
                amount,
                method,
                reference,
                received,
            } => {
                let cash = super::counter::Cash {
                    amount: *amount,
                    received: *received,
                };
                self.pay(action, cash, *method, reference.as_deref()).await
            }
            ActionKind::Note { text } => self.staff_note(action, text).await,
        }
    }

    pub(super) async fn read(
        &self,
        id: &str,
    ) -> Result<Option<(WireOrder, String)>, PlatformError> {
        match self.http.get(&format!("/orders/{id}")).await {
            Ok(answer) => {
                let text = String::from_utf8_lossy(&answer.body).into_owned();
                let wire: WireOrder = serde_json::from_str(&text)
                    .map_err(|e| PlatformError::Decode(e.to_string()))?;
                Ok(Some((wire, text)))
            }
            Err(PlatformError::Http { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Adds the private note of `action` unless a note already carries its tag.
    async fn note_once(&self, action: &PlatformAction, text: &str) -> Result<(), PlatformError> {
        let tag = note_tag(&action.id);
        self.post_note_once(&action.order_id, &tag, &format!("{text} {tag}"))
            .await
    }

    async fn advance(
        &self,
        action: &PlatformAction,
        to: OrderStatus,
    ) -> Result<ApplyOutcome, PlatformError> {
        let n = &action.order_number;
        let id = &action.order_id;
        let Some((wire, text)) = self.read(id).await? else {
            return Ok(gone(n));
        };
        let Some(stage) = map::stage_of(to) else {
            return Ok(ApplyOutcome::Rejected(Text::new(
                format!(
                    "El pedido #{n} no puede pasar a {} en WooCommerce.",
                    to.name_es()
                ),
                format!(
                    "Order #{n} cannot be moved to {} on WooCommerce.",
                    to.name_en()
                ),
            )));
        };
        let woo = wire.woo_status();
        let open = matches!(woo, WooStatus::Processing | WooStatus::OnHold);
        let at_target = if to == OrderStatus::Delivered {
            woo == WooStatus::Completed
        } else {
            open && wire.meta(STAGE_KEY).as_deref() == Some(stage)
        };
        let ours = wire.meta(ACTION_KEY).as_deref() == Some(action.id.as_str());
        let mut current = text;
        if !(ours || at_target) {
            match woo {
                WooStatus::Processing | WooStatus::OnHold => {}
                WooStatus::Completed => {
                    return Ok(ApplyOutcome::Rejected(Text::new(
                        format!(
                            "El pedido #{n} ya figura como completado en WooCommerce; no se marcó como {}.",
                            to.name_es()
                        ),
                        format!(
                            "Order #{n} is already completed in WooCommerce; it was not marked {}.",
                            to.name_en()
                        ),
                    )));
                }
                WooStatus::Cancelled | WooStatus::Refunded | WooStatus::Failed => {
                    return Ok(ApplyOutcome::Rejected(Text::new(
                        format!(
                            "El pedido #{n} fue cancelado en WooCommerce; no se marcó como {}.",
                            to.name_es()
                        ),
                        format!(
                            "Order #{n} was cancelled in WooCommerce; it was not marked {}.",
                            to.name_en()
                        ),
                    )));
                }
                _ => return Ok(gone(n)),
            }
            let mut body = json!({ "meta_data": [
                { "key": STAGE_KEY, "value": stage },
                { "key": ACTION_KEY, "value": action.id },
            ] });
            if to == OrderStatus::Delivered {
                body["status"] = json!("completed");
            }
            let answer = self
                .http
                .write(Method::PUT, &format!("/orders/{id}"), &body)
                .await?;
            current = String::from_utf8_lossy(&answer.body).into_owned();
        }
        let note = format!(
            "Mostrador: pedido #{n} → {} / order #{n} → {}.",
            to.name_es(),
            to.name_en()
        );
        self.note_once(action, &note).await?;
        Ok(ApplyOutcome::Applied(fetched(&current).map(Box::new)))
    }

    async fn cancel(
        &self,
        action: &PlatformAction,
        reason: &str,
        refund_amount: i64,
    ) -> Result<ApplyOutcome, PlatformError> {
        let n = &action.order_number;
        let id = &action.order_id;
        let Some((wire, text)) = self.read(id).await? else {
            return Ok(gone(n));
        };
        let facts = self.known_facts().await?;
        let currency = Currency::parse(&wire.currency).unwrap_or(facts.store.currency);
        let through_gateway = facts.refund_gateways.contains(&wire.payment_method);
        let ours = wire.meta(CANCEL_KEY).as_deref() == Some(action.id.as_str());
        let mut current = text;
        if !ours {
            match wire.woo_status() {
                WooStatus::Processing | WooStatus::OnHold | WooStatus::Completed => {}
                WooStatus::Cancelled | WooStatus::Refunded | WooStatus::Failed => {
                    return Ok(ApplyOutcome::Rejected(Text::new(
                        format!(
                            "El pedido #{n} ya estaba cancelado en WooCommerce; no se hizo ninguna devolución."
                        ),
                        format!(
                            "Order #{n} was already cancelled in WooCommerce; nothing was refunded."
                        ),
                    )));
                }
                _ => return Ok(gone(n)),
            }
            let total = map::money(&wire.total, currency).unwrap_or(0);
            let refunded: i64 = wire
                .refunds
                .iter()
                .map(|r| map::money(&r.total, currency).unwrap_or(0).abs())
                .sum();
            if refund_amount > total - refunded {
                return Ok(ApplyOutcome::Rejected(Text::new(
                    format!(
                        "No se canceló el pedido #{n}: la devolución es mayor que lo que queda por devolver."
                    ),
                    format!(
                        "Order #{n} was not cancelled: the refund is more than what is left to refund."
                    ),
                )));
            }
            let method = if through_gateway { "gateway" } else { "manual" };
            let body = json!({ "status": "cancelled", "meta_data": [
                { "key": CANCEL_KEY, "value": action.id },
                { "key": ACTION_KEY, "value": action.id },
                { "key": REASON_KEY, "value": reason },
                { "key": REFUND_METHOD_KEY, "value": method },
            ] });
            let answer = self
                .http
                .write(Method::PUT, &format!("/orders/{id}"), &body)
                .await?;
            current = String::from_utf8_lossy(&answer.body).into_owned();
        }
        if refund_amount > 0 {
            let refunds: Vec<Refund> = self
                .http
                .get(&format!("/orders/{id}/refunds?per_page=100"))
                .await?
                .json()?;
            let made = refunds.iter().any(|r| {
                meta_text(&r.meta_data, ACTION_KEY).as_deref() == Some(action.id.as_str())
            });
            if !made {
                let body = json!({
                    "amount": map::money_text(refund_amount, currency, facts.decimals),
                    "reason": reason,
                    "api_refund": through_gateway,
                    "meta_data": [{ "key": ACTION_KEY, "value": action.id }],
                });
                match self
                    .http
                    .write(Method::POST, &format!("/orders/{id}/refunds"), &body)
                    .await
                {
                    Ok(_) => {}
                    Err(e) if e.is_transient() => return Err(e),
                    Err(e) => {
                        let why = words::refusal(n, &e);
                        return Ok(ApplyOutcome::Rejected(Text::new(
                            format!(
                                "El pedido #{n} quedó cancelado en WooCommerce, pero la devolución no se hizo. {}",
                                why.es
                            ),
                            format!(
                                "Order #{n} is cancelled in WooCommerce, but the refund was not made. {}",
                                why.en
                            ),
                        )));
                    }
                }
                // The refund changed the order (refunds, maybe status): read it again.
                if let Some((_, text)) = self.read(id).await? {
                    current = text;
                }
            }
        }
        let amount = map::money_text(refund_amount, currency, currency.decimals());
        let how = if through_gateway {
            ("por la pasarela", "through the gateway")
        } else {
            ("a mano", "by hand")
        };
        let note = format!(
            "Mostrador: cancelado ({reason}); devolución {amount} {} {} / cancelled; refund {amount} {}.",
            currency.code(),
            how.0,
            how.1
        );
        self.note_once(action, &note).await?;
        Ok(ApplyOutcome::Applied(fetched(&current).map(Box::new)))
    }
}

/// The (id, amount) of refunds tagged with `action_id`, for checks.
pub fn tagged_refunds(refunds: &[Value], action_id: &str) -> usize {
    refunds
        .iter()
        .filter(|r| {
            r["meta_data"].as_array().is_some_and(|m| {
                m.iter()
                    .any(|x| x["key"] == ACTION_KEY && x["value"] == action_id)
            })
        })
        .count()
}
