use serde_json::json;

use crate::support::{Api, id};

#[tokio::test]
async fn a_restart_on_the_same_port_keeps_the_data() {
    let mut api = Api::new();
    let order = api.card_order().await;
    let url = api.server.base_url();
    api.server.stop();
    let down = api
        .http
        .get(format!("{url}/v1/store"))
        .bearer_auth("test-token")
        .send()
        .await;
    assert!(down.is_err(), "a stopped backend refuses connections");
    api.server.restart();
    assert_eq!(api.server.base_url(), url, "the same port after a restart");
    assert_eq!(
        api.order(&id(&order)).await,
        order,
        "the order survived the restart"
    );
    let next = api.create_order(json!({})).await;
    assert!(
        next["seq"].as_i64() > order["seq"].as_i64(),
        "seq keeps increasing after a restart"
    );
}

#[test]
fn a_test_server_works_from_a_plain_test_and_frees_its_port_on_drop() {
    let server = reference_backend::TestServer::spawn(reference_backend::Config::default());
    let addr = server.addr();
    assert!(
        std::net::TcpStream::connect(addr).is_ok(),
        "it serves while alive"
    );
    drop(server);
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "the port is free after drop"
    );
}
