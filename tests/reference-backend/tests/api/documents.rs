use serde_json::{Value, json};

use crate::support::{Api, id, key};

async fn order_with_failed_document(api: &Api, extra_error: Option<Value>) -> Value {
    let mut fields = json!({
        "total": 30000,
        "payment": {"method": "card", "status": "paid"},
        "documents": [
            {"id": "doc_bad", "kind": "receipt", "status": "error", "error": "PAC caído"},
            {"id": "doc_ok", "kind": "sales_note", "number": "N-1", "status": "issued"}
        ],
    });
    if let Some(error) = extra_error {
        fields["error"] = error;
    }
    api.create_order(fields).await
}

fn retry_path(order: &Value, doc: &str) -> String {
    format!("/v1/orders/{}/documents/{doc}/retry", id(order))
}

#[tokio::test]
async fn retrying_a_failed_document_issues_it_and_clears_the_order_error() {
    let api = Api::new();
    let order = order_with_failed_document(&api, None).await;
    assert_eq!(
        order["error"]["code"], "document_error",
        "a failed document puts the order in error"
    );
    let r = api
        .post(&retry_path(&order, "doc_bad"), &key(), json!({}))
        .await;
    assert_eq!(r.status, 200);
    let o = r.json();
    assert_eq!(o["documents"][0]["status"], "issued");
    assert!(
        o["documents"][0]["number"].is_string(),
        "an issued document has a number"
    );
    assert!(
        o["error"].is_null(),
        "no document and no other problem is left"
    );
}

#[tokio::test]
async fn retrying_a_document_not_in_error_is_refused() {
    let api = Api::new();
    let order = order_with_failed_document(&api, None).await;
    let r = api
        .post(&retry_path(&order, "doc_ok"), &key(), json!({}))
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (409, "document_not_retryable")
    );
    let r = api
        .post(&retry_path(&order, "doc_none"), &key(), json!({}))
        .await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (404, "not_found"),
        "unknown document"
    );
}

#[tokio::test]
async fn a_failing_retry_keeps_the_error_with_a_new_message() {
    let api = Api::new();
    let order = order_with_failed_document(&api, None).await;
    api.set_faults(json!({"document_retry_fail_rate": 1.0}))
        .await;
    let r = api
        .post(&retry_path(&order, "doc_bad"), &key(), json!({}))
        .await;
    assert_eq!(
        r.status, 200,
        "a failed re-issue is still a processed request"
    );
    let o = r.json();
    assert_eq!(o["documents"][0]["status"], "error");
    assert_ne!(
        o["documents"][0]["error"], "PAC caído",
        "the message is new"
    );
    assert_eq!(o["error"]["code"], "document_error");
    assert_eq!(o["version"], 2, "the new message is a change");
}

#[tokio::test]
async fn an_oversell_error_survives_document_retries_and_is_cleared_by_cancelling() {
    let api = Api::new();
    let oversell = json!({"code": "oversell", "message": "Sin stock", "retryable": false});
    let order = order_with_failed_document(&api, Some(oversell)).await;
    let o = api
        .post(&retry_path(&order, "doc_bad"), &key(), json!({}))
        .await
        .json();
    assert_eq!(
        o["error"]["code"], "oversell",
        "a document retry does not fix an oversell"
    );
    let o = api
        .cancel(
            &id(&order),
            &key(),
            json!({"reason": "Sin stock", "refund_amount": 30000}),
        )
        .await
        .json();
    assert!(o["error"].is_null(), "cancelling resolves the oversell");
}
