//! The client against the reference backend on 127.0.0.1:0.

use std::sync::Arc;

use mostrador_core::api::{ApiClient, ApiConfig, ApiError, Bucket};
use mostrador_core::clock::SystemClock;
use reference_backend::{Config, TestServer};

fn client(server: &TestServer, token: &str) -> ApiClient {
    ApiClient::new(
        &server.base_url(),
        token,
        Arc::new(SystemClock),
        ApiConfig::default(),
    )
    .expect("a loopback URL is valid")
}

#[tokio::test]
async fn the_client_reads_the_store_and_pages_orders() {
    let server = TestServer::spawn(Config {
        seed: 30,
        ..Config::default()
    });
    let api = client(&server, server.token());
    let store = api
        .store()
        .await
        .expect("the store must load with the right token");
    assert_eq!(
        store.cancel_window_days, 15,
        "the store's window comes from the backend"
    );
    let page = api
        .orders_page(0, 20)
        .await
        .expect("the first page must load");
    assert_eq!(page.orders.len(), 20, "a page holds `limit` orders");
    assert!(page.has_more, "30 orders do not fit in a page of 20");
    let rest = api
        .orders_page(page.next_after, 20)
        .await
        .expect("the next page must load");
    assert_eq!(rest.orders.len(), 10, "the second page holds the rest");
    assert!(!rest.has_more, "nothing after the last page");
    assert!(
        api.clock_offset().is_some(),
        "the Date header gives the backend's clock"
    );
}

#[tokio::test]
async fn a_wrong_token_is_an_unauthorized_outcome() {
    let server = TestServer::spawn(Config::default());
    let err = client(&server, "wrong")
        .store()
        .await
        .expect_err("a wrong token is refused");
    assert_eq!(
        err.bucket(),
        Bucket::Unauthorized,
        "401 pauses everything, nothing is dropped"
    );
}

#[tokio::test]
async fn an_unknown_order_is_a_definite_not_found() {
    let server = TestServer::spawn(Config::default());
    let err = client(&server, server.token())
        .order("ord/none?")
        .await
        .expect_err("no such order");
    let code = err.problem().map(|p| p.code.clone());
    assert_eq!(
        code.as_deref(),
        Some("not_found"),
        "the id is encoded and the 404 decoded: {err}"
    );
    assert_eq!(err.bucket(), Bucket::Rejected, "a 404 is not retried");
}

#[tokio::test]
async fn a_stopped_server_is_a_connect_error_and_an_oversized_answer_is_refused() {
    let mut server = TestServer::spawn(Config {
        seed: 50,
        ..Config::default()
    });
    let small = ApiConfig {
        max_body: 2048,
        ..ApiConfig::default()
    };
    let api = ApiClient::new(
        &server.base_url(),
        server.token(),
        Arc::new(SystemClock),
        small,
    )
    .expect("valid URL");
    let err = api
        .orders_page(0, 50)
        .await
        .expect_err("50 orders exceed 2 KiB");
    assert_eq!(
        err,
        ApiError::TooLarge(2048),
        "the answer is cut at the cap, not buffered whole"
    );
    server.stop();
    let err = api.store().await.expect_err("nothing listens any more");
    assert!(
        err.is_offline(),
        "a refused connection reads as offline: {err}"
    );
}
