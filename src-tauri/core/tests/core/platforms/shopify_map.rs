//! Shopify's orders in Mostrador's model, as tables. Each node has the shape of
//! documents/order_fields.graphql (the same shapes the test server's answers have, which the
//! test command executes through Shopify's official schema).

use mostrador_core::model::{Fulfillment, OrderStatus, PaymentMethod, PaymentStatus};
use mostrador_core::money::Currency;
use mostrador_core::platforms::shopify::map::{
    decimal_to_minor, map_order, map_shop, minor_to_decimal, stage_of,
};
use mostrador_core::platforms::shopify::wire;
use serde_json::{Value, json};

fn node(patch: Value) -> Value {
    let mut base = json!({
        "id": "gid://shopify/Order/1001",
        "name": "#1001",
        "createdAt": "2026-12-01T14:00:00Z",
        "updatedAt": "2026-12-01T14:05:00Z",
        "cancelledAt": null,
        "cancelReason": null,
        "displayFinancialStatus": "PAID",
        "displayFulfillmentStatus": "UNFULFILLED",
        "email": "ana@example.com",
        "phone": null,
        "note": "  ",
        "tags": ["vip", "whatsapp"],
        "customer": { "displayName": "Ana Pérez", "email": null, "phone": "+525512345678" },
        "shippingAddress": null,
        "totalPriceSet": { "shopMoney": { "amount": "450.00", "currencyCode": "MXN" } },
        "totalReceivedSet": { "shopMoney": { "amount": "450.00", "currencyCode": "MXN" } },
        "totalRefundedSet": { "shopMoney": { "amount": "0.00", "currencyCode": "MXN" } },
        "lineItems": { "nodes": [{
            "id": "gid://shopify/LineItem/1", "sku": "TAC-01", "name": "Tacos al pastor",
            "quantity": 3,
            "originalUnitPriceSet": { "shopMoney": { "amount": "150.00" } },
            "discountedTotalSet": { "shopMoney": { "amount": "450.00" } },
        }] },
        "fulfillmentOrders": { "nodes": [{ "id": "gid://shopify/FulfillmentOrder/1", "status": "OPEN", "deliveryMethod": { "methodType": "PICK_UP" } }] },
        "fulfillments": [],
        "transactions": [{ "id": "gid://shopify/OrderTransaction/1", "gateway": "shopify_payments", "kind": "SALE", "status": "SUCCESS" }],
    });
    if let (Some(base), Some(patch)) = (base.as_object_mut(), patch.as_object()) {
        for (k, v) in patch {
            base.insert(k.clone(), v.clone());
        }
    }
    base
}

fn wire(patch: Value) -> wire::Order {
    serde_json::from_value(node(patch)).expect("the test node has the document's shape")
}

fn fo(status: &str, method: &str) -> Value {
    json!({ "nodes": [{ "id": "gid://shopify/FulfillmentOrder/1", "status": status, "deliveryMethod": { "methodType": method } }] })
}

fn fulfillments(status: &str) -> Value {
    json!([{ "id": "gid://shopify/Fulfillment/1", "displayStatus": status }])
}

#[test]
fn stages_follow_fulfillment_orders_and_fulfillments() {
    let table: &[(Value, OrderStatus, &str)] = &[
        (
            json!({}),
            OrderStatus::Pending,
            "an open pickup order waits",
        ),
        (
            json!({ "fulfillmentOrders": fo("IN_PROGRESS", "PICK_UP") }),
            OrderStatus::Preparing,
            "reportProgress puts the fulfillment order IN_PROGRESS",
        ),
        (
            json!({ "fulfillmentOrders": fo("IN_PROGRESS", "PICK_UP"), "fulfillments": fulfillments("READY_FOR_PICKUP") }),
            OrderStatus::Ready,
            "prepared for pickup",
        ),
        (
            json!({ "fulfillmentOrders": fo("CLOSED", "PICK_UP"), "fulfillments": fulfillments("PICKED_UP") }),
            OrderStatus::Delivered,
            "picked up",
        ),
        (
            json!({ "fulfillmentOrders": fo("CLOSED", "LOCAL"), "fulfillments": fulfillments("FULFILLED") }),
            OrderStatus::Shipped,
            "a local delivery fulfilled is on its way",
        ),
        (
            json!({ "fulfillmentOrders": fo("CLOSED", "SHIPPING"), "fulfillments": fulfillments("IN_TRANSIT") }),
            OrderStatus::Shipped,
            "a parcel in transit",
        ),
        (
            json!({ "fulfillmentOrders": fo("CLOSED", "SHIPPING"), "fulfillments": fulfillments("DELIVERED") }),
            OrderStatus::Delivered,
            "delivered by the carrier",
        ),
        (
            json!({ "fulfillmentOrders": fo("OPEN", "LOCAL"), "fulfillments": fulfillments("CANCELED") }),
            OrderStatus::Pending,
            "a cancelled fulfillment does not count",
        ),
        (
            json!({ "cancelledAt": "2026-12-01T15:00:00Z", "cancelReason": "CUSTOMER", "fulfillments": fulfillments("FULFILLED") }),
            OrderStatus::Cancelled,
            "cancelled wins over everything",
        ),
    ];
    for (patch, want, why) in table {
        assert_eq!(stage_of(&wire(patch.clone())), *want, "{why}: {patch}");
    }
}

#[test]
fn delivery_methods_map_to_pickup_delivery_and_parcel() {
    for (method, want) in [
        ("PICK_UP", Fulfillment::Pickup),
        ("PICKUP_POINT", Fulfillment::Pickup),
        ("RETAIL", Fulfillment::Pickup),
        ("LOCAL", Fulfillment::Delivery),
        ("SHIPPING", Fulfillment::Parcel),
        ("SOMETHING_NEW", Fulfillment::Pickup),
    ] {
        let order = map_order(
            &wire(json!({ "fulfillmentOrders": fo("OPEN", method) })),
            Currency::MXN,
        )
        .expect("maps");
        assert_eq!(order.fulfillment, want, "{method}");
    }
}

#[test]
fn money_and_payment_come_from_shop_money_in_minor_units() {
    let order = map_order(&wire(json!({})), Currency::MXN).expect("maps");
    assert_eq!(
        (order.total, order.paid, order.refunded),
        (45_000, 45_000, 0)
    );
    assert_eq!(order.items[0].unit_price, 15_000);
    assert_eq!(order.payment.status, PaymentStatus::Paid);
    assert_eq!(order.payment.method, PaymentMethod::Card);
    let cod = map_order(
        &wire(json!({
            "displayFinancialStatus": "PENDING",
            "totalReceivedSet": { "shopMoney": { "amount": "0.00", "currencyCode": "MXN" } },
            "transactions": [{ "id": "t", "gateway": "Cash on Delivery (COD)", "kind": "SALE", "status": "PENDING" }],
        })),
        Currency::MXN,
    )
    .expect("maps");
    assert_eq!(
        cod.payment.status,
        PaymentStatus::Unpaid,
        "cash on pickup is unpaid"
    );
    assert_eq!(cod.payment.method, PaymentMethod::Cash);
    assert_eq!(cod.paid, 0);
    let partly = map_order(
        &wire(json!({
            "displayFinancialStatus": "PARTIALLY_REFUNDED",
            "totalRefundedSet": { "shopMoney": { "amount": "100.50", "currencyCode": "MXN" } },
        })),
        Currency::MXN,
    )
    .expect("maps");
    assert_eq!(partly.refunded, 10_050);
    assert_eq!(partly.payment.status, PaymentStatus::PartiallyRefunded);
}

#[test]
fn decimal_strings_become_minor_units_by_the_currencys_decimals() {
    let ok: &[(&str, Currency, i64)] = &[
        ("450.00", Currency::MXN, 45_000),
        ("450", Currency::MXN, 45_000),
        ("450.5", Currency::MXN, 45_050),
        ("0.01", Currency::MXN, 1),
        ("16800.0", Currency::CLP, 16_800),
        ("16800", Currency::CLP, 16_800),
    ];
    for (text, currency, want) in ok {
        assert_eq!(
            decimal_to_minor(text, *currency),
            Ok(*want),
            "{text} {currency}"
        );
        assert_eq!(
            decimal_to_minor(&minor_to_decimal(*want, *currency), *currency),
            Ok(*want),
            "round trip of {want}"
        );
    }
    for (text, currency) in [
        ("450.001", Currency::MXN),
        ("16800.5", Currency::CLP),
        ("-1.00", Currency::MXN),
        ("1e3", Currency::MXN),
        ("", Currency::MXN),
        ("99999999999999999999", Currency::MXN),
    ] {
        assert!(
            decimal_to_minor(text, currency).is_err(),
            "{text:?} must be refused"
        );
    }
    assert_eq!(minor_to_decimal(45_050, Currency::MXN), "450.50");
    assert_eq!(minor_to_decimal(16_800, Currency::CLP), "16800");
}

#[test]
fn customer_tags_notes_number_and_cancellation() {
    let order = map_order(
        &wire(json!({
            "cancelledAt": "2026-12-01T15:00:00Z",
            "cancelReason": "CUSTOMER",
            "note": "Sin cebolla",
            "displayFinancialStatus": "REFUNDED",
            "totalRefundedSet": { "shopMoney": { "amount": "450.00", "currencyCode": "MXN" } },
        })),
        Currency::MXN,
    )
    .expect("maps");
    assert_eq!(order.number, "1001", "the # of Shopify's name is dropped");
    assert_eq!(order.customer.name, "Ana Pérez");
    assert_eq!(order.customer.phone.as_deref(), Some("+525512345678"));
    assert_eq!(
        order.customer.email.as_deref(),
        Some("ana@example.com"),
        "the order's e-mail stands in for the customer's"
    );
    assert_eq!(
        order.tags,
        vec!["vip", "whatsapp"],
        "Shopify's tags are real tags"
    );
    assert_eq!(order.notes.as_deref(), Some("Sin cebolla"));
    let cancellation = order
        .cancellation
        .expect("a cancelled order has its cancellation");
    assert_eq!(cancellation.reason, "customer");
    assert_eq!(cancellation.refund_amount, 45_000);
    assert_eq!(order.auto_cancel_at, None, "Shopify never auto-cancels");
    let blank = map_order(&wire(json!({})), Currency::MXN).expect("maps");
    assert_eq!(blank.notes, None, "a blank note is no note");
}

#[test]
fn a_malformed_field_is_an_error_naming_it() {
    let bad_time = map_order(&wire(json!({ "updatedAt": "yesterday" })), Currency::MXN);
    assert_eq!(bad_time.expect_err("refused").field, "updatedAt");
    let bad_money = map_order(
        &wire(
            json!({ "totalPriceSet": { "shopMoney": { "amount": "4,50", "currencyCode": "MXN" } } }),
        ),
        Currency::MXN,
    );
    assert_eq!(bad_money.expect_err("refused").field, "totalPriceSet");
}

#[test]
fn the_shop_brings_currency_time_zone_and_name_and_no_auto_cancel() {
    let shop: wire::Shop = serde_json::from_value(json!({
        "id": "gid://shopify/Shop/1", "name": "Taquería", "currencyCode": "CLP",
        "ianaTimezone": "America/Santiago", "myshopifyDomain": "taqueria.myshopify.com",
    }))
    .expect("shape");
    let store = map_shop(&shop).expect("maps");
    assert_eq!(store.currency, Currency::CLP);
    assert_eq!(store.timezone, "America/Santiago");
    assert_eq!(store.name, "Taquería");
    assert_eq!(store.attention.auto_cancel_after_s, None);
    assert!(
        !store.attention.reminders_after_s.is_empty(),
        "reminders stay on"
    );
    let mut bad = shop;
    bad.iana_timezone = "Mars/Olympus".into();
    assert!(map_shop(&bad).is_err());
}
