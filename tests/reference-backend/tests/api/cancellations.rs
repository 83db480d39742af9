use serde_json::json;

use crate::support::{Api, id, key};

#[tokio::test]
async fn a_full_card_refund_goes_through_the_gateway_without_fee_and_adds_a_credit_note() {
    let api = Api::new();
    let order = api.card_order().await;
    let r = api
        .cancel(
            &id(&order),
            &key(),
            json!({"reason": "  Sin stock de conchas ", "refund_amount": 45000}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let o = r.json();
    assert_eq!(o["status"], "cancelled");
    assert_eq!(o["refunded"], 45000, "refunded grows by the amount");
    assert_eq!(o["payment"]["status"], "refunded");
    assert_eq!(
        o["cancellation"]["reason"], "Sin stock de conchas",
        "the reason is trimmed"
    );
    assert_eq!(o["cancellation"]["by"], "merchant");
    assert_eq!(
        o["cancellation"]["refund"],
        json!({"method": "gateway", "status": "succeeded", "fee": 0}),
        "a refund equal to the charge costs no fee"
    );
    let kinds: Vec<&str> = o["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        vec!["receipt", "credit_note"],
        "an issued receipt gets a credit note"
    );
    assert!(o["auto_cancel_at"].is_null());
}

#[tokio::test]
async fn a_partial_card_refund_pays_the_gateway_fee() {
    let api = Api::new();
    let order = api.card_order().await;
    let r = api
        .cancel(
            &id(&order),
            &key(),
            json!({"reason": "Faltó un pan", "refund_amount": 10000}),
        )
        .await;
    let o = r.json();
    assert_eq!(
        o["cancellation"]["refund"]["fee"],
        10000 * 290 / 10000 + 300,
        "2.9 % + 3.00"
    );
    assert_eq!(o["payment"]["status"], "partially_refunded");
}

#[tokio::test]
async fn cash_refunds_are_manual_and_unpaid_orders_refund_nothing_without_credit_note() {
    let api = Api::new();
    let cash = api
        .create_order(json!({"total": 20000, "payment": {"method": "cash", "status": "paid"}}))
        .await;
    let o = api
        .cancel(
            &id(&cash),
            &key(),
            json!({"reason": "Cliente no vino", "refund_amount": 20000}),
        )
        .await
        .json();
    assert_eq!(
        o["cancellation"]["refund"]["method"], "manual",
        "only cards refund through the gateway"
    );
    let unpaid = api
        .create_order(json!({"paid": 0, "payment": {"method": "cash", "status": "unpaid"}}))
        .await;
    let r = api
        .cancel(
            &id(&unpaid),
            &key(),
            json!({"reason": "Duplicado", "refund_amount": 0}),
        )
        .await;
    assert_eq!(r.status, 200);
    let o = r.json();
    assert_eq!(o["refunded"], 0);
    assert_eq!(o["documents"], json!([]), "no receipt, no credit note");
    assert_eq!(
        o["payment"]["status"], "unpaid",
        "nothing refunded leaves the payment as it was"
    );
}

#[tokio::test]
async fn a_refund_above_the_refundable_is_refused_with_the_refundable_amount() {
    let api = Api::new();
    let order = api.card_order().await;
    let r = api
        .cancel(
            &id(&order),
            &key(),
            json!({"reason": "x", "refund_amount": 45001}),
        )
        .await;
    assert_eq!((r.status, r.code().as_str()), (422, "refund_exceeds_paid"));
    assert_eq!(r.json()["refundable"], 45000);
}

#[tokio::test]
async fn reasons_must_be_non_empty_after_trimming_and_at_most_500_chars() {
    let api = Api::new();
    let order = api.card_order().await;
    for reason in [
        json!(""),
        json!("   \n "),
        json!("é".repeat(501)),
        json!(null),
    ] {
        let r = api
            .cancel(
                &id(&order),
                &key(),
                json!({"reason": reason, "refund_amount": 0}),
            )
            .await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (422, "reason_required"),
            "reason {reason}"
        );
    }
    let r = api
        .cancel(
            &id(&order),
            &key(),
            json!({"reason": "é".repeat(500), "refund_amount": 0}),
        )
        .await;
    assert_eq!(r.status, 200, "500 characters are allowed");
}

#[tokio::test]
async fn refund_amounts_must_be_non_negative_integers() {
    let api = Api::new();
    let order = api.card_order().await;
    for amount in [
        json!(-1),
        json!(12.5),
        json!("100"),
        json!(null),
        json!(true),
        json!(1e30),
    ] {
        let r = api
            .cancel(
                &id(&order),
                &key(),
                json!({"reason": "x", "refund_amount": amount}),
            )
            .await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (422, "invalid_amount"),
            "amount {amount}"
        );
    }
}

#[tokio::test]
async fn cancelling_after_the_window_is_refused() {
    let api = Api::new();
    let order = api.card_order().await;
    api.transition(&id(&order), &key(), json!({"to": "preparing"}))
        .await;
    api.advance_clock(15 * 86_400 - 60).await;
    let early = api.card_order().await;
    api.transition(&id(&early), &key(), json!({"to": "preparing"}))
        .await;
    api.advance_clock(61).await;
    let r = api
        .cancel(
            &id(&order),
            &key(),
            json!({"reason": "Tarde", "refund_amount": 0}),
        )
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (422, "cancel_window_expired")
    );
    let r = api
        .cancel(
            &id(&early),
            &key(),
            json!({"reason": "A tiempo", "refund_amount": 0}),
        )
        .await;
    assert_eq!(r.status, 200, "a younger order is still within its window");
}

#[tokio::test]
async fn cancelling_twice_is_an_invalid_transition_and_a_stale_version_a_conflict() {
    let api = Api::new();
    let order = api.card_order().await;
    let r = api
        .cancel(
            &id(&order),
            &key(),
            json!({"reason": "x", "refund_amount": 0, "expected_version": 9}),
        )
        .await;
    assert_eq!((r.status, r.code().as_str()), (409, "version_conflict"));
    assert_eq!(r.json()["current"]["version"], 1);
    api.cancel(
        &id(&order),
        &key(),
        json!({"reason": "x", "refund_amount": 0}),
    )
    .await;
    let r = api
        .cancel(
            &id(&order),
            &key(),
            json!({"reason": "y", "refund_amount": 0}),
        )
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (409, "invalid_transition"),
        "already cancelled"
    );
    assert_eq!(r.json()["current"]["status"], "cancelled");
    let r = api
        .cancel(
            "ord_nope",
            &key(),
            json!({"reason": "y", "refund_amount": 0}),
        )
        .await;
    assert_eq!(r.code(), "not_found");
}

#[tokio::test]
async fn an_unattended_pending_order_is_auto_cancelled_with_a_full_refund() {
    let api = Api::new();
    let order = api.card_order().await;
    let moved = api.create_order(json!({})).await;
    api.transition(&id(&moved), &key(), json!({"to": "preparing"}))
        .await;
    api.advance_clock(1199).await;
    assert_eq!(
        api.order(&id(&order)).await["status"],
        "pending",
        "not yet at auto_cancel_at"
    );
    api.advance_clock(1).await;
    let o = api.order(&id(&order)).await;
    assert_eq!(o["status"], "cancelled", "auto_cancel_at has come");
    assert_eq!(o["cancellation"]["by"], "auto");
    assert_eq!(o["cancellation"]["reason"], "Sin atención");
    assert_eq!(
        o["cancellation"]["refund_amount"], 45000,
        "the full paid amount is refunded"
    );
    assert_eq!(
        o["history"].as_array().unwrap().last().unwrap()["by"],
        "auto"
    );
    assert_eq!(
        api.order(&id(&moved)).await["status"],
        "preparing",
        "only pending orders are auto-cancelled"
    );
}

#[tokio::test]
async fn a_customer_cancellation_refunds_everything_by_the_customer() {
    let api = Api::new();
    let order = api.card_order().await;
    let path = format!("/v1/admin/orders/{}/customer-cancellation", id(&order));
    let r = api.admin(reqwest::Method::POST, &path, json!({})).await;
    assert_eq!(r.status, 200);
    let o = r.json();
    assert_eq!(
        (o["cancellation"]["by"].as_str(), o["refunded"].as_i64()),
        (Some("customer"), Some(45000))
    );
    let r = api.admin(reqwest::Method::POST, &path, json!({})).await;
    assert_eq!(
        r.code(),
        "invalid_transition",
        "a customer cannot cancel twice either"
    );
    let r = api
        .admin(
            reqwest::Method::POST,
            "/v1/admin/orders/ord_nope/customer-cancellation",
            json!({}),
        )
        .await;
    assert_eq!(r.code(), "not_found");
}
