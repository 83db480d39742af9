use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn the_binary_prints_its_address_first_and_serves_the_api() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_reference-backend"))
        .args(["--listen", "127.0.0.1:0", "--token", "tok", "--seed", "25"])
        .arg("--db")
        .arg(dir.path().join("b.db"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the binary");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .map(str::to_string);
    let response = match &url {
        Some(url) => reqwest::Client::new()
            .get(format!("{url}/v1/orders?limit=1000"))
            .bearer_auth("tok")
            .send()
            .await
            .ok(),
        None => None,
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        url.as_deref()
            .is_some_and(|u| u.starts_with("http://127.0.0.1:")),
        "first line was {line:?}"
    );
    let body: serde_json::Value = response.expect("GET").json().await.expect("JSON");
    let orders = body["orders"].as_array().expect("orders");
    assert_eq!(orders.len(), 25, "--seed 25 creates 25 historical orders");
    assert!(
        orders.iter().all(|o| o["status"] != "pending"),
        "historical orders are settled"
    );
}

#[test]
fn the_binary_refuses_admin_on_a_public_address() {
    let dir = tempfile::tempdir().expect("tempdir");
    let status = Command::new(env!("CARGO_BIN_EXE_reference-backend"))
        .args([
            "--listen",
            "0.0.0.0:0",
            "--token",
            "t",
            "--admin-token",
            "a",
        ])
        .arg("--db")
        .arg(dir.path().join("b.db"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert!(
        !status.success(),
        "admin control must not be exposed by default"
    );
}

#[tokio::test]
async fn the_binary_serves_hype_status_labels_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_reference-backend"))
        .args(["--listen", "127.0.0.1:0", "--token", "tok"])
        .args(["--status-labels", "hype"])
        .arg("--db")
        .arg(dir.path().join("b.db"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the binary");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .map(str::to_string);
    let store = match &url {
        Some(url) => reqwest::Client::new()
            .get(format!("{url}/v1/store"))
            .bearer_auth("tok")
            .send()
            .await
            .ok(),
        None => None,
    };
    let _ = child.kill();
    let _ = child.wait();
    let store: serde_json::Value = store.expect("GET /v1/store").json().await.expect("JSON");
    assert_eq!(store["status_labels"]["pending"], "Por confirmar");
    assert_eq!(store["status_labels"]["shipped"], "Despachado");
    let unknown = Command::new(env!("CARGO_BIN_EXE_reference-backend"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--token",
            "tok",
            "--status-labels",
            "nope",
        ])
        .arg("--db")
        .arg(dir.path().join("c.db"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert!(!unknown.success(), "an unknown label set is refused");
}
