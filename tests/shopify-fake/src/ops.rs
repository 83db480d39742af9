//! The answer to each operation of the connector, by `operationName`.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::state::{Job, RefundMade, State, cents, decimal};

/// What an operation is charged, before (`requested`) Shopify runs it.
pub fn requested_cost(operation: &str, variables: &Value) -> f64 {
    match operation {
        "Orders" => 2.0 + variables["first"].as_f64().unwrap_or(50.0) * 1.5,
        "Order" => 10.0,
        "Shop" | "Job" => 1.0,
        _ => 10.0,
    }
}

fn user_error(field: &str, message: &str) -> Value {
    json!([{ "field": [field], "message": message }])
}

fn parse_since(query: &str) -> Option<DateTime<Utc>> {
    // updated_at:>'2026-12-01T10:00:00Z'
    let rest = query.trim().strip_prefix("updated_at:>")?;
    let inner = rest.trim_matches(|c| c == '\'' || c == '"');
    DateTime::parse_from_rfc3339(inner)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Answers one operation; `Err` is a GraphQL error message.
pub fn answer(
    state: &mut State,
    operation: &str,
    v: &Value,
    now: DateTime<Utc>,
) -> Result<Value, String> {
    state.finish_jobs(now);
    match operation {
        "Shop" => Ok(json!({ "shop": {
            "id": "gid://shopify/Shop/7001",
            "name": "Taquería Mostrador",
            "currencyCode": "MXN",
            "ianaTimezone": "America/Mexico_City",
            "myshopifyDomain": "taqueria-mostrador.myshopify.com",
        } })),
        "Orders" => {
            let first = v["first"].as_u64().unwrap_or(50).clamp(1, 250) as usize;
            if v["first"].as_u64().is_some_and(|f| f > 250) {
                return Err("The maximum page size is 250.".into());
            }
            let since = match v["query"].as_str() {
                Some(q) if !q.is_empty() => {
                    Some(parse_since(q).ok_or_else(|| format!("unsupported query {q:?}"))?)
                }
                _ => None,
            };
            let after: Option<(i64, u64)> = v["after"].as_str().and_then(|c| {
                let (t, n) = c.split_once('-')?;
                Some((t.parse().ok()?, n.parse().ok()?))
            });
            let mut list: Vec<_> = state
                .orders
                .iter()
                // One-second resolution, strictly greater, as Shopify's search.
                .filter(|o| since.is_none_or(|s| o.updated_at.timestamp() > s.timestamp()))
                .filter(|o| after.is_none_or(|a| (o.updated_at.timestamp(), o.n) > a))
                .collect();
            list.sort_by_key(|o| (o.updated_at.timestamp(), o.n));
            let more = list.len() > first;
            list.truncate(first);
            let end = list
                .last()
                .map(|o| format!("{}-{}", o.updated_at.timestamp(), o.n));
            Ok(json!({ "orders": {
                "pageInfo": { "hasNextPage": more, "endCursor": end },
                "nodes": list.iter().map(|o| o.node()).collect::<Vec<_>>(),
            } }))
        }
        "Order" => {
            let id = v["id"].as_str().unwrap_or("");
            Ok(json!({ "order": state.by_gid(id).map(|o| o.node()) }))
        }
        "ReportProgress" => {
            let id = v["id"].as_str().unwrap_or("");
            let Some(order) = state.by_gid(id) else {
                return Ok(
                    json!({ "fulfillmentOrderReportProgress": { "fulfillmentOrder": null, "userErrors": user_error("id", "Fulfillment order does not exist.") } }),
                );
            };
            if order.fo_status != "OPEN" && order.fo_status != "IN_PROGRESS" {
                return Ok(
                    json!({ "fulfillmentOrderReportProgress": { "fulfillmentOrder": null, "userErrors": user_error("id", "The fulfillment order is not in an open state.") } }),
                );
            }
            order.fo_status = "IN_PROGRESS".into();
            order.effect("fulfillmentOrderReportProgress", now);
            Ok(
                json!({ "fulfillmentOrderReportProgress": { "fulfillmentOrder": { "id": order.fo_gid(), "status": "IN_PROGRESS" }, "userErrors": [] } }),
            )
        }
        "PreparedForPickup" => {
            let field = "fulfillmentOrderLineItemsPreparedForPickup";
            for group in v["input"]["lineItemsByFulfillmentOrder"]
                .as_array()
                .cloned()
                .unwrap_or_default()
            {
                let id = group["fulfillmentOrderId"].as_str().unwrap_or("");
                let Some(order) = state.by_gid(id) else {
                    return Ok(
                        json!({ field: { "userErrors": user_error("input", "Fulfillment order does not exist.") } }),
                    );
                };
                if order.new.delivery != "PICK_UP" || order.fo_status == "CLOSED" {
                    return Ok(
                        json!({ field: { "userErrors": user_error("input", "The fulfillment order is not a pickup in progress.") } }),
                    );
                }
                order.fo_status = "IN_PROGRESS".into();
                let fid = format!("gid://shopify/Fulfillment/{}1", order.n);
                order.fulfillments = vec![(fid, "READY_FOR_PICKUP".into())];
                order.effect(field, now);
            }
            Ok(json!({ field: { "userErrors": [] } }))
        }
        "FulfillmentCreate" => {
            let groups = v["fulfillment"]["lineItemsByFulfillmentOrder"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let mut made = Value::Null;
            for group in groups {
                let id = group["fulfillmentOrderId"].as_str().unwrap_or("");
                let Some(order) = state.by_gid(id) else {
                    return Ok(
                        json!({ "fulfillmentCreate": { "fulfillment": null, "userErrors": user_error("fulfillment", "Fulfillment order does not exist.") } }),
                    );
                };
                if matches!(order.fo_status.as_str(), "CLOSED" | "CANCELLED") {
                    return Ok(
                        json!({ "fulfillmentCreate": { "fulfillment": null, "userErrors": user_error("fulfillment", "Fulfillment order is not in an open state and cannot be fulfilled.") } }),
                    );
                }
                let fid = format!("gid://shopify/Fulfillment/{}2", order.n);
                let status = if order.new.delivery == "PICK_UP" {
                    "PICKED_UP"
                } else {
                    "FULFILLED"
                };
                order.fulfillments = vec![(fid.clone(), status.into())];
                order.fo_status = "CLOSED".into();
                order.effect("fulfillmentCreate", now);
                made = json!({ "id": fid, "displayStatus": status });
            }
            Ok(json!({ "fulfillmentCreate": { "fulfillment": made, "userErrors": [] } }))
        }
        "FulfillmentDelivered" => {
            let fid = v["event"]["fulfillmentId"].as_str().unwrap_or("");
            let status = v["event"]["status"].as_str().unwrap_or("");
            let order = state
                .orders
                .iter_mut()
                .find(|o| o.fulfillments.iter().any(|(id, _)| id == fid));
            let Some(order) = order else {
                return Ok(
                    json!({ "fulfillmentEventCreate": { "fulfillmentEvent": null, "userErrors": user_error("fulfillmentEvent.fulfillmentId", "Fulfillment does not exist.") } }),
                );
            };
            for f in &mut order.fulfillments {
                if f.0 == fid && status == "DELIVERED" {
                    f.1 = "DELIVERED".into();
                }
            }
            order.effect("fulfillmentEventCreate", now);
            Ok(
                json!({ "fulfillmentEventCreate": { "fulfillmentEvent": { "id": format!("gid://shopify/FulfillmentEvent/{}", order.n), "status": status }, "userErrors": [] } }),
            )
        }
        "OrderCancel" => {
            let id = v["orderId"].as_str().unwrap_or("");
            let polls = state.job_polls;
            let Some(order) = state.by_gid(id) else {
                return Ok(
                    json!({ "orderCancel": { "job": null, "orderCancelUserErrors": [{ "field": ["orderId"], "message": "Order does not exist.", "code": "NOT_FOUND" }] } }),
                );
            };
            if order.cancelled_at.is_some() {
                return Ok(
                    json!({ "orderCancel": { "job": null, "orderCancelUserErrors": [{ "field": ["orderId"], "message": "Cannot cancel an order that has already been cancelled.", "code": "INVALID" }] } }),
                );
            }
            let n = order.n;
            let job = format!("gid://shopify/Job/{n}-{}", state.jobs.len() + 1);
            state.jobs.insert(
                job.clone(),
                Job {
                    order: n,
                    polls_left: polls,
                    done: false,
                },
            );
            state.finish_jobs(now);
            let done = state.jobs[&job].done;
            Ok(
                json!({ "orderCancel": { "job": { "id": job, "done": done }, "orderCancelUserErrors": [] } }),
            )
        }
        "Job" => {
            let id = v["id"].as_str().unwrap_or("");
            let Some(job) = state.jobs.get_mut(id) else {
                return Ok(json!({ "job": null }));
            };
            job.polls_left = job.polls_left.saturating_sub(1);
            state.finish_jobs(now);
            Ok(json!({ "job": { "id": id, "done": state.jobs[id].done } }))
        }
        "RefundCreate" => refund(state, v, now),
        "MarkPaid" => {
            let id = v["input"]["id"].as_str().unwrap_or("");
            let Some(order) = state.by_gid(id) else {
                return Ok(
                    json!({ "orderMarkAsPaid": { "order": null, "userErrors": user_error("id", "Order does not exist.") } }),
                );
            };
            if order.received >= order.total {
                return Ok(
                    json!({ "orderMarkAsPaid": { "order": null, "userErrors": user_error("id", "Order cannot be marked as paid.") } }),
                );
            }
            order.received = order.total;
            order.effect("orderMarkAsPaid", now);
            Ok(
                json!({ "orderMarkAsPaid": { "order": { "id": order.gid(), "displayFinancialStatus": "PAID" }, "userErrors": [] } }),
            )
        }
        // `orderUpdate(input: OrderInput!)`: the order's `note` is replaced as a whole (Shopify
        // keeps one note per order), and the order's `updatedAt` moves.
        "OrderNote" => {
            let id = v["input"]["id"].as_str().unwrap_or("");
            let Some(order) = state.by_gid(id) else {
                return Ok(
                    json!({ "orderUpdate": { "order": null, "userErrors": user_error("id", "Order does not exist") } }),
                );
            };
            if let Some(note) = v["input"].get("note") {
                order.note = note.as_str().map(str::to_string);
            }
            order.effect("orderUpdate", now);
            Ok(
                json!({ "orderUpdate": { "order": { "id": order.gid(), "note": order.note }, "userErrors": [] } }),
            )
        }
        other => Err(format!("the fake does not know the operation {other:?}")),
    }
}

fn refund(state: &mut State, v: &Value, now: DateTime<Utc>) -> Result<Value, String> {
    let key = v["key"].as_str().unwrap_or("").to_string();
    if key.is_empty() {
        return Err("refundCreate requires @idempotent(key:) from 2026-04".into());
    }
    let id = v["input"]["orderId"].as_str().unwrap_or("");
    let amount: i64 = v["input"]["transactions"]
        .as_array()
        .map(|ts| {
            ts.iter()
                .filter_map(|t| t["amount"].as_str().and_then(cents))
                .sum()
        })
        .unwrap_or(0);
    let answer = |state: &mut State, n: u64, rid: &str| {
        let order = state.orders.iter().find(|o| o.n == n);
        let total = order
            .and_then(|o| o.refunds.iter().find(|r| r.id == rid))
            .map_or(0, |r| r.amount);
        json!({ "refundCreate": { "refund": { "id": rid, "totalRefundedSet": { "shopMoney": { "amount": decimal(total), "currencyCode": "MXN" } } }, "userErrors": [] } })
    };
    if let Some((n, rid)) = state.refund_keys.get(&key).cloned() {
        // The same key: the first refund again, no second effect.
        return Ok(answer(state, n, &rid));
    }
    let Some(order) = state.by_gid(id) else {
        return Ok(
            json!({ "refundCreate": { "refund": null, "userErrors": user_error("orderId", "Order does not exist.") } }),
        );
    };
    if amount <= 0 || amount > order.received - order.refunded() {
        return Ok(
            json!({ "refundCreate": { "refund": null, "userErrors": user_error("transactions", "Refund amount must be greater than zero and not exceed the refundable amount.") } }),
        );
    }
    let rid = format!(
        "gid://shopify/Refund/{}{}",
        order.n,
        order.refunds.len() + 1
    );
    order.refunds.push(RefundMade {
        id: rid.clone(),
        amount,
        key: key.clone(),
    });
    order.effect("refundCreate", now);
    let n = order.n;
    state.refund_keys.insert(key, (n, rid.clone()));
    Ok(answer(state, n, &rid))
}
