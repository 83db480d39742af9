//! The GraphQL documents the connector sends, exactly as checked against Shopify's Admin
//! schema in the test command (tests/shopify-schema/validate.mjs reads the same files).

const ORDER_FIELDS: &str = include_str!("documents/order_fields.graphql");

/// One operation: its name and its full text (with the fragments it spreads).
#[derive(Clone, Debug)]
pub struct Operation {
    /// `operationName`.
    pub name: &'static str,
    /// The document sent.
    pub text: String,
    /// What Shopify is expected to charge for it, before it says (for throttling).
    pub estimated_cost: f64,
}

fn op(name: &'static str, body: &'static str, estimated_cost: f64) -> Operation {
    let text = if body.contains("...") {
        format!("{body}\n{ORDER_FIELDS}")
    } else {
        body.to_string()
    };
    Operation {
        name,
        text,
        estimated_cost,
    }
}

/// `query Shop`.
pub fn shop() -> Operation {
    op("Shop", include_str!("documents/shop.graphql"), 1.0)
}

/// `query Orders` for a page of `first`.
pub fn orders(first: u32) -> Operation {
    // Shopify charges about one point per object: the order and its small connections.
    op(
        "Orders",
        include_str!("documents/orders.graphql"),
        2.0 + f64::from(first) * 1.5,
    )
}

/// `query Order`.
pub fn order() -> Operation {
    op("Order", include_str!("documents/order.graphql"), 10.0)
}

/// `mutation ReportProgress`.
pub fn report_progress() -> Operation {
    op(
        "ReportProgress",
        include_str!("documents/report_progress.graphql"),
        10.0,
    )
}

/// `mutation PreparedForPickup`.
pub fn prepared_for_pickup() -> Operation {
    op(
        "PreparedForPickup",
        include_str!("documents/prepared_for_pickup.graphql"),
        10.0,
    )
}

/// `mutation FulfillmentCreate`.
pub fn fulfillment_create() -> Operation {
    op(
        "FulfillmentCreate",
        include_str!("documents/fulfillment_create.graphql"),
        10.0,
    )
}

/// `mutation FulfillmentDelivered`.
pub fn fulfillment_delivered() -> Operation {
    op(
        "FulfillmentDelivered",
        include_str!("documents/fulfillment_delivered.graphql"),
        10.0,
    )
}

/// `mutation OrderCancel`.
pub fn order_cancel() -> Operation {
    op(
        "OrderCancel",
        include_str!("documents/order_cancel.graphql"),
        10.0,
    )
}

/// `query Job`.
pub fn job() -> Operation {
    op("Job", include_str!("documents/job.graphql"), 1.0)
}

/// `mutation RefundCreate` (with `@idempotent(key:)`).
pub fn refund_create() -> Operation {
    op(
        "RefundCreate",
        include_str!("documents/refund_create.graphql"),
        10.0,
    )
}

/// `mutation MarkPaid`.
pub fn mark_paid() -> Operation {
    op(
        "MarkPaid",
        include_str!("documents/mark_paid.graphql"),
        10.0,
    )
}

/// `mutation OrderNote` (`orderUpdate` with the order's `note`).
pub fn order_note() -> Operation {
    op(
        "OrderNote",
        include_str!("documents/order_note.graphql"),
        10.0,
    )
}
