//! A fresh process (the CLI runs one per command) judges the 15-day cancel window by the
//! backend's clock as last heard, not by the device's, before it has talked to the backend.

use mostrador_core::ErrorCode;
use serde_json::json;

use super::harness::{Backend, open_desk};

#[tokio::test]
async fn a_fresh_desk_judges_the_cancel_window_by_the_remembered_backend_clock() {
    let backend = Backend::spawn(0);
    let order = backend
        .create_order(json!({"fulfillment": "pickup", "status": "preparing"}))
        .await;
    // The backend's clock is 16 days ahead of this device's: the order's window has closed.
    let response = reqwest::Client::new()
        .post(format!("{}/v1/admin/clock", backend.server.base_url()))
        .bearer_auth(backend.server.admin_token().unwrap_or_default())
        .json(&json!({ "advance_s": 16 * 86_400 }))
        .send()
        .await
        .expect("the clock answers");
    assert!(response.status().is_success());
    let dir = tempfile::tempdir().expect("dir");
    {
        let (desk, _) = open_desk(dir.path(), Some(backend.server.token())).await;
        desk.connect(&backend.server.base_url(), backend.server.token(), false)
            .await
            .expect("connects");
        desk.sync_now().await.expect("syncs");
    }
    // A new process, the backend unreachable: it has not heard the backend's clock yet.
    let mut backend = backend;
    backend.server.stop();
    let (fresh, _) = open_desk(dir.path(), Some(backend.server.token())).await;
    let err = fresh
        .cancel(&order.id, "Sin stock", "0")
        .await
        .expect_err("the backend's clock says the window closed");
    assert_eq!(
        err.code,
        ErrorCode::CancelWindowClosed,
        "judged by the backend's clock as last heard, not the device's: {}",
        err.text.es
    );
}
