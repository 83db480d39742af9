//! The owner's actions on Shopify, from the same outbox rows as every platform:
//!
//! | Mostrador            | Shopify                                                        |
//! |----------------------|----------------------------------------------------------------|
//! | Preparando           | `fulfillmentOrderReportProgress` on each open fulfillment order |
//! | Listo para entrega   | `fulfillmentOrderLineItemsPreparedForPickup`                   |
//! | Enviado              | `fulfillmentCreate`                                            |
//! | Entregado (envío)    | `fulfillmentEventCreate(status: DELIVERED)`                    |
//! | Entregado (retiro)   | `fulfillmentCreate` (the pickup's fulfillment)                 |
//! | Cancelar + reembolso | `orderCancel` (a job, polled) then `refundCreate @idempotent`   |
//! | Cobrar (el saldo)    | `orderMarkAsPaid`                                              |
//! | Nota del equipo      | `orderUpdate` of the order's `note` ([`super::notes`])         |
//!
//! Only `refundCreate` takes `@idempotent(key:)` (the action's UUID). Every other mutation is
//! safe to retry only after reading the order again, so every attempt starts with that read:
//! an order already at the target stage (or already cancelled) counts as applied, and a
//! retried refund reuses the same key, which Shopify answers with the first refund. A cancel
//! job not done after a few polls leaves the outcome unknown; the next attempt reads the order
//! and sees whether it was cancelled. `userErrors` are definite rejections, in Shopify's words.

use std::time::Duration;

use serde_json::{Value, json};

use crate::api::Bucket;
use crate::model::{Fulfillment, OrderStatus};
use crate::money::Currency;
use crate::outbox::kind::ActionKind;
use crate::platforms::PlatformAction;
use crate::text::Text;

use super::client::ShopifyClient;
use super::documents::{self, Operation};
use super::error::ShopifyError;
use super::map::{
    fulfillment_of, minor_to_decimal, open_fulfillment_orders, refundable_sale, stage_of,
};
use super::wire;

/// What came of one attempt.
#[derive(Clone, Debug, PartialEq)]
pub enum ApplyOutcome {
    /// Shopify applied it (the order as it is now, when read).
    Applied(Option<Box<crate::model::Order>>),
    /// Shopify refused it for good.
    Rejected(Text),
    /// It may or may not have been applied: retry (after `retry_after` when Shopify said).
    Unknown {
        /// Shopify's wait.
        retry_after: Option<Duration>,
        /// What happened, for the queue panel.
        reason: Text,
    },
    /// The token or a scope was refused: pause everything until the owner reconnects.
    Paused(Text),
}

impl From<ShopifyError> for ApplyOutcome {
    fn from(err: ShopifyError) -> Self {
        match err.bucket() {
            Bucket::Rejected => ApplyOutcome::Rejected(err.reason()),
            Bucket::Unauthorized => ApplyOutcome::Paused(err.reason()),
            Bucket::Unknown => ApplyOutcome::Unknown {
                retry_after: err.retry_after(),
                reason: err.reason(),
            },
        }
    }
}

/// How far along the road to Entregado a stage is.
fn rank(status: OrderStatus) -> u8 {
    match status {
        OrderStatus::Pending => 0,
        OrderStatus::Preparing => 1,
        OrderStatus::Ready | OrderStatus::Shipped => 2,
        OrderStatus::Delivered => 3,
        OrderStatus::Cancelled | OrderStatus::Unknown => 4,
    }
}

/// The `userErrors` (or `orderCancelUserErrors`) of a mutation's payload, joined.
pub fn user_errors(payload: &Value) -> Option<String> {
    let mut words = Vec::new();
    for key in ["userErrors", "orderCancelUserErrors"] {
        if let Some(list) = payload[key].as_array() {
            for e in list {
                if let Ok(e) = serde_json::from_value::<wire::UserError>(e.clone()) {
                    words.push(e.message);
                }
            }
        }
    }
    (!words.is_empty()).then(|| words.join("; "))
}

fn cancelled_reason() -> Text {
    Text::new(
        "El pedido ya estaba cancelado en Shopify; no se cambió.",
        "The order was already cancelled in Shopify; nothing was changed.",
    )
}

impl ShopifyClient {
    pub(super) async fn mutate(
        &self,
        op: &Operation,
        field: &str,
        vars: Value,
    ) -> Result<Value, ShopifyError> {
        let data = self.run(op, vars).await?;
        let payload = data[field].clone();
        match user_errors(&payload) {
            Some(words) => Err(ShopifyError::UserErrors(words)),
            None => Ok(payload),
        }
    }

    /// Applies one outbox action (its UUID is the key) to its order.
    pub async fn apply(&self, action: &PlatformAction, currency: Currency) -> ApplyOutcome {
        match self.try_apply(action, currency).await {
            Ok(outcome) => outcome,
            Err(err) => err.into(),
        }
    }

    async fn try_apply(
        &self,
        action: &PlatformAction,
        currency: Currency,
    ) -> Result<ApplyOutcome, ShopifyError> {
        let (key, order_id, kind) = (&action.id, &action.order_id, &action.kind);
        let Some(order) = self.order_wire(order_id).await? else {
            return Ok(ApplyOutcome::Rejected(Text::new(
                "El pedido ya no existe en Shopify.",
                "The order no longer exists in Shopify.",
            )));
        };
        match kind {
            ActionKind::Advance { to } => self.advance(&order, *to).await?,
            ActionKind::Cancel {
                reason,
                refund_amount,
            } => {
                if let Some(unknown) = self.cancel(&order, reason).await? {
                    return Ok(unknown);
                }
                if *refund_amount > 0 {
                    self.refund(key, &order, *refund_amount, reason, currency)
                        .await?;
                }
            }
            ActionKind::Pay { amount, .. } => {
                // Shopify marks the whole balance paid; a part payment is not its way.
                let due = super::map::map_order(&order, currency)
                    .map(|o| o.total - o.paid)
                    .unwrap_or(0);
                if *amount != due {
                    return Ok(ApplyOutcome::Rejected(Text::new(
                        "En Shopify solo se puede cobrar el saldo completo del pedido.",
                        "On Shopify only the whole balance of the order can be taken.",
                    )));
                }
                if due > 0 {
                    self.mutate(
                        &documents::mark_paid(),
                        "orderMarkAsPaid",
                        json!({ "input": { "id": order.id } }),
                    )
                    .await?;
                }
            }
            ActionKind::Note { text } => {
                let device = action.device.as_deref();
                if let Some(refused) = self
                    .staff_note(&order, key, text, device, action.at)
                    .await?
                {
                    return Ok(refused);
                }
            }
            // Shopify keeps no shop-wide "seen": an acknowledgement stays on this device, so
            // there is nothing to send and it counts as done.
            ActionKind::Acknowledge => return Ok(ApplyOutcome::Applied(None)),
            ActionKind::RetryDocument { .. } => {
                return Ok(ApplyOutcome::Rejected(Text::new(
                    "Shopify no emite documentos tributarios desde Mostrador.",
                    "Shopify does not issue tax documents through Mostrador.",
                )));
            }
        }
        let now = self.order(order_id, currency).await.ok().flatten();
        Ok(ApplyOutcome::Applied(now.map(Box::new)))
    }

    async fn advance(&self, order: &wire::Order, to: OrderStatus) -> Result<(), ShopifyError> {
        let stage = stage_of(order);
        if stage == OrderStatus::Cancelled {
            return Err(ShopifyError::UserErrors(cancelled_reason().en));
        }
        if stage == to || rank(stage) > rank(to) {
            // Done already: a retry after a lost answer, or a change made in Shopify itself.
            return Ok(());
        }
        let open = open_fulfillment_orders(order);
        let by_fo = |ids: &[String]| -> Value {
            ids.iter()
                .map(|id| json!({ "fulfillmentOrderId": id }))
                .collect()
        };
        match to {
            OrderStatus::Preparing => {
                for id in &open {
                    self.mutate(
                        &documents::report_progress(),
                        "fulfillmentOrderReportProgress",
                        json!({ "id": id, "notes": "Mostrador: preparando" }),
                    )
                    .await?;
                }
            }
            OrderStatus::Ready => {
                self.mutate(
                    &documents::prepared_for_pickup(),
                    "fulfillmentOrderLineItemsPreparedForPickup",
                    json!({ "input": { "lineItemsByFulfillmentOrder": by_fo(&open) } }),
                )
                .await?;
            }
            OrderStatus::Shipped => {
                self.mutate(
                    &documents::fulfillment_create(),
                    "fulfillmentCreate",
                    json!({ "fulfillment": {
                        "lineItemsByFulfillmentOrder": by_fo(&open),
                        "notifyCustomer": true,
                    } }),
                )
                .await?;
            }
            OrderStatus::Delivered if fulfillment_of(order) == Fulfillment::Pickup => {
                self.mutate(
                    &documents::fulfillment_create(),
                    "fulfillmentCreate",
                    json!({ "fulfillment": {
                        "lineItemsByFulfillmentOrder": by_fo(&open),
                        "notifyCustomer": false,
                    } }),
                )
                .await?;
            }
            OrderStatus::Delivered => {
                for f in &order.fulfillments {
                    if f.display_status.as_deref() == Some("DELIVERED") {
                        continue;
                    }
                    self.mutate(
                        &documents::fulfillment_delivered(),
                        "fulfillmentEventCreate",
                        json!({ "event": { "fulfillmentId": f.id, "status": "DELIVERED" } }),
                    )
                    .await?;
                }
            }
            OrderStatus::Pending | OrderStatus::Cancelled | OrderStatus::Unknown => {
                return Err(ShopifyError::UserErrors(format!(
                    "cannot move an order to {to:?}"
                )));
            }
        }
        Ok(())
    }

    /// Cancels unless already cancelled; `Some(unknown)` while Shopify's job is not done.
    async fn cancel(
        &self,
        order: &wire::Order,
        reason: &str,
    ) -> Result<Option<ApplyOutcome>, ShopifyError> {
        if order.cancelled_at.is_some() {
            return Ok(None);
        }
        let payload = self
            .mutate(
                &documents::order_cancel(),
                "orderCancel",
                json!({ "orderId": order.id, "reason": "OTHER", "staffNote": reason }),
            )
            .await?;
        let Some(job) = payload["job"]["id"].as_str().map(str::to_string) else {
            return Err(ShopifyError::Decode(
                "orderCancel answered without a job".into(),
            ));
        };
        let mut done = payload["job"]["done"].as_bool().unwrap_or(false);
        for _ in 0..self.config.job_polls {
            if done {
                break;
            }
            tokio::time::sleep(self.config.job_poll_every).await;
            let data = self.run(&documents::job(), json!({ "id": job })).await?;
            done = data["job"]["done"].as_bool().unwrap_or(false);
        }
        if done {
            return Ok(None);
        }
        Ok(Some(ApplyOutcome::Unknown {
            retry_after: Some(self.config.job_poll_every),
            reason: Text::new(
                "Shopify todavía está cancelando el pedido; se revisa de nuevo en un momento.",
                "Shopify is still cancelling the order; checking again in a moment.",
            ),
        }))
    }

    async fn refund(
        &self,
        key: &str,
        order: &wire::Order,
        amount: i64,
        note: &str,
        currency: Currency,
    ) -> Result<(), ShopifyError> {
        let Some((parent, gateway)) = refundable_sale(order) else {
            return Err(ShopifyError::UserErrors(
                "the order has no payment to refund".into(),
            ));
        };
        self.mutate(
            &documents::refund_create(),
            "refundCreate",
            json!({
                "key": key,
                "input": {
                    "orderId": order.id,
                    "note": note,
                    "notify": false,
                    "transactions": [{
                        "orderId": order.id,
                        "parentId": parent,
                        "gateway": gateway,
                        "kind": "REFUND",
                        "amount": minor_to_decimal(amount, currency),
                    }],
                },
            }),
        )
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_errors_join_both_kinds() {
        let payload = json!({
            "userErrors": [{ "field": ["id"], "message": "Fulfillment order is closed" }],
            "orderCancelUserErrors": [{ "message": "Order already cancelled", "code": "X" }],
        });
        assert_eq!(
            user_errors(&payload).as_deref(),
            Some("Fulfillment order is closed; Order already cancelled")
        );
        assert_eq!(user_errors(&json!({ "userErrors": [] })), None);
    }
}
