//! The CLI against WooCommerce and Shopify: `connect --platform`, `sync`, `list`, `advance`,
//! `cancel` with a partial refund, each run a fresh process reading its credentials from the
//! environment. Each test server runs in its own process on 127.0.0.1 (this test binary
//! started again in server mode) and is stopped by its PID.
// Tests and benchmarks: a panic with its message is how they fail, and they read real time
// against real servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_mostrador-cli");
const SERVE: &str = "MOSTRADOR_CLI_TEST_SERVE";

/// Not a test: the body of a test server process (see [`Server::start`]).
#[test]
#[ignore = "runs only as a test server process started by the tests below"]
fn serve_a_fake_shop() {
    match std::env::var(SERVE).as_deref() {
        Ok("woocommerce") => {
            let server = woocommerce_fake::TestServer::spawn(woocommerce_fake::Config::default());
            println!(
                "listening {} {} {}",
                server.base_url(),
                server.key(),
                server.secret()
            );
            loop {
                std::thread::sleep(Duration::from_secs(60));
            }
        }
        Ok("shopify") => {
            let server = shopify_fake::FakeShopify::start().expect("the fake starts");
            println!(
                "listening {} {} -",
                server.url(),
                shopify_fake::server::TOKEN
            );
            loop {
                std::thread::sleep(Duration::from_secs(60));
            }
        }
        _ => {}
    }
}

/// A test server process, killed by its PID when dropped.
struct Server {
    child: Child,
    url: String,
    key: String,
    secret: String,
}

impl Server {
    fn start(kind: &str) -> Server {
        let mut child = Command::new(std::env::current_exe().expect("this test binary"))
            .args(["serve_a_fake_shop", "--exact", "--ignored", "--nocapture"])
            .env(SERVE, kind)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server process starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let line = loop {
            let line = lines
                .next()
                .expect("the server says where it listens")
                .expect("a line");
            if let Some(rest) = line.strip_prefix("listening ") {
                break rest.to_string();
            }
        };
        let mut parts = line.split(' ').map(str::to_string);
        let url = parts.next().expect("url");
        let key = parts.next().expect("key");
        let secret = parts.next().expect("secret");
        Server {
            child,
            url,
            key,
            secret,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // By its PID, the one this test started.
        let _ = Command::new("kill")
            .args(["-9", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn cli(dir: &Path, envs: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("--data-dir").arg(dir).env_remove("MOSTRADOR_LANG");
    for name in [
        "MOSTRADOR_TOKEN",
        "MOSTRADOR_WOO_KEY",
        "MOSTRADOR_WOO_SECRET",
        "MOSTRADOR_SHOPIFY_TOKEN",
    ] {
        cmd.env_remove(name);
    }
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the CLI runs")
}

fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn list(dir: &Path, envs: &[(&str, &str)]) -> Vec<Value> {
    let page: Value =
        serde_json::from_str(&ok(&cli(dir, envs, &["list", "--json"]))).expect("JSON");
    page["orders"].as_array().cloned().unwrap_or_default()
}

fn http() -> reqwest::Client {
    reqwest::Client::new()
}

async fn woo(server: &Server, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
    let mut req = http()
        .request(method, format!("{}/wp-json/wc/v3{path}", server.url))
        .basic_auth(&server.key, Some(&server.secret));
    if let Some(body) = body {
        req = req.json(&body);
    }
    req.send()
        .await
        .expect("the fake answers")
        .json()
        .await
        .expect("JSON")
}

async fn woo_order(server: &Server) -> String {
    let made = woo(
        server,
        reqwest::Method::POST,
        "/orders",
        Some(json!({
            // A transfer received, of the recorded store's product by SKU: on WooCommerce a
            // paid cash-on-delivery order, or one of no product, is born `completed`.
            "payment_method": "bacs", "set_paid": true,
            "billing": { "first_name": "Ana", "last_name": "Pérez", "phone": "+56911111111" },
            "line_items": [{ "name": "Empanada de pino", "sku": "EMP-PINO-1796110760", "quantity": 6, "total": "15000" }],
            "shipping_lines": [{ "method_id": "local_pickup", "method_title": "Retiro", "total": "0" }],
        })),
    )
    .await;
    made["id"].as_i64().expect("id").to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn woocommerce_connect_sync_list_advance_and_cancel_with_a_partial_refund() {
    let server = Server::start("woocommerce");
    let dir = tempfile::tempdir().expect("temp dir");
    let one = woo_order(&server).await;
    let two = woo_order(&server).await;

    let missing = cli(
        dir.path(),
        &[],
        &["connect", "--platform", "woocommerce", &server.url],
    );
    assert_eq!(
        missing.status.code(),
        Some(2),
        "missing keys are a usage error"
    );
    assert!(String::from_utf8_lossy(&missing.stderr).contains("MOSTRADOR_WOO_KEY"));

    let wrong = [
        ("MOSTRADOR_WOO_KEY", server.key.as_str()),
        ("MOSTRADOR_WOO_SECRET", "cs_nope"),
    ];
    let refused = cli(
        dir.path(),
        &wrong,
        &["connect", "--platform", "woocommerce", &server.url],
    );
    assert_eq!(
        refused.status.code(),
        Some(4),
        "refused keys: not connected"
    );
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("claves"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );

    let env = [
        ("MOSTRADOR_WOO_KEY", server.key.as_str()),
        ("MOSTRADOR_WOO_SECRET", server.secret.as_str()),
    ];
    ok(&cli(
        dir.path(),
        &env,
        &["connect", "--platform", "woocommerce", &server.url],
    ));
    ok(&cli(dir.path(), &env, &["sync"]));
    assert_eq!(list(dir.path(), &env).len(), 2);

    ok(&cli(dir.path(), &env, &["advance", &one, "preparing"]));
    ok(&cli(
        dir.path(),
        &env,
        &["cancel", &two, "--reason", "Sin stock", "--refund", "2500"],
    ));
    ok(&cli(dir.path(), &env, &["sync"]));
    let orders = list(dir.path(), &env);
    let status = |id: &str| {
        orders
            .iter()
            .find(|o| o["id"] == id)
            .map(|o| o["status"].clone())
            .unwrap_or_default()
    };
    assert_eq!(status(&one), "preparing", "{orders:?}");
    assert_eq!(status(&two), "cancelled", "{orders:?}");
    let cancelled = woo(
        &server,
        reqwest::Method::GET,
        &format!("/orders/{two}"),
        None,
    )
    .await;
    assert_eq!(cancelled["status"], "cancelled");
    let refunds = cancelled["refunds"].as_array().cloned().unwrap_or_default();
    assert_eq!(refunds.len(), 1, "one refund: {cancelled}");
    assert_eq!(refunds[0]["total"], "-2500");

    // Without the keys in the environment the saved shop cannot be reached: said, not hidden.
    let out = cli(dir.path(), &[], &["sync"]);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn shopify(server: &Server, method: reqwest::Method, path: &str, body: Value) -> Value {
    http()
        .request(method, format!("{}{path}", server.url))
        .json(&body)
        .send()
        .await
        .expect("the fake answers")
        .json()
        .await
        .unwrap_or(Value::Null)
}

async fn shopify_order(server: &Server) -> (String, u64) {
    let v = shopify(
        server,
        reqwest::Method::POST,
        "/admin/test/orders",
        json!({}),
    )
    .await;
    (
        v["id"].as_str().expect("id").to_string(),
        v["n"].as_u64().expect("n"),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn shopify_connect_sync_list_advance_and_cancel_with_a_partial_refund() {
    let server = Server::start("shopify");
    shopify(
        &server,
        reqwest::Method::PUT,
        "/admin/test/faults",
        json!({ "bucket_max": 100000.0, "restore_rate": 100000.0 }),
    )
    .await;
    let (one, _) = shopify_order(&server).await;
    let (two, two_n) = shopify_order(&server).await;
    let dir = tempfile::tempdir().expect("temp dir");

    let missing = cli(
        dir.path(),
        &[],
        &["connect", "--platform", "shopify", &server.url],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("MOSTRADOR_SHOPIFY_TOKEN"));

    let env = [("MOSTRADOR_SHOPIFY_TOKEN", server.key.as_str())];
    ok(&cli(
        dir.path(),
        &env,
        &["connect", "--platform", "shopify", &server.url],
    ));
    ok(&cli(dir.path(), &env, &["sync"]));
    assert_eq!(list(dir.path(), &env).len(), 2);
    ok(&cli(dir.path(), &env, &["advance", &one, "preparing"]));
    ok(&cli(
        dir.path(),
        &env,
        &[
            "cancel",
            &two,
            "--reason",
            "Sin tortillas",
            "--refund",
            "100",
        ],
    ));
    ok(&cli(dir.path(), &env, &["sync"]));
    let orders = list(dir.path(), &env);
    let status = |id: &str| {
        orders
            .iter()
            .find(|o| o["id"] == id)
            .map(|o| o["status"].clone())
            .unwrap_or_default()
    };
    assert_eq!(status(&one), "preparing", "{orders:?}");
    assert_eq!(status(&two), "cancelled", "{orders:?}");
    let state = shopify(
        &server,
        reqwest::Method::GET,
        &format!("/admin/test/orders/{two_n}"),
        Value::Null,
    )
    .await;
    assert_eq!(
        state["refunds"].as_array().map(Vec::len),
        Some(1),
        "{state}"
    );
    assert_eq!(state["refunded"], 10_000, "$100.00 in centavos");
}
