//! The CLI as a script sees it: exit codes, stderr lines, JSON output, and a queue that
//! survives `kill -9` mid-drain without losing or doubling an action.
// Tests and benchmarks: a panic with its message is how they fail, and they read real time
// against real servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reference_backend::{Config, TestServer};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_mostrador-cli");

fn cli(server: &TestServer, dir: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("--data-dir")
        .arg(dir)
        .env("MOSTRADOR_TOKEN", server.token())
        .env_remove("MOSTRADOR_LANG");
    cmd
}

fn run(server: &TestServer, dir: &Path, args: &[&str]) -> Output {
    cli(server, dir).args(args).output().expect("the CLI runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

struct Admin {
    http: reqwest::Client,
    base: String,
    admin: String,
    token: String,
}

impl Admin {
    fn new(server: &TestServer) -> Admin {
        Admin {
            http: reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .build()
                .expect("client"),
            base: server.base_url(),
            admin: server.admin_token().unwrap_or_default().to_string(),
            token: server.token().to_string(),
        }
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Value, token: &str) -> Value {
        let response = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .expect("the backend answers");
        assert!(
            response.status().is_success(),
            "{path} answered {}",
            response.status()
        );
        response.json().await.expect("JSON")
    }

    async fn order(&self, fields: Value) -> Value {
        self.send(
            reqwest::Method::POST,
            "/v1/admin/orders",
            fields,
            &self.admin,
        )
        .await
    }

    async fn faults(&self, knobs: Value) {
        self.send(reqwest::Method::PUT, "/v1/admin/faults", knobs, &self.admin)
            .await;
    }

    async fn effects(&self) -> Vec<Value> {
        let body = self
            .send(
                reqwest::Method::GET,
                "/v1/admin/effects",
                json!({}),
                &self.admin,
            )
            .await;
        body["effects"].as_array().cloned().unwrap_or_default()
    }

    async fn get(&self, id: &str) -> Value {
        self.send(
            reqwest::Method::GET,
            &format!("/v1/orders/{id}"),
            json!({}),
            &self.token,
        )
        .await
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_codes_and_error_lines_are_stable_for_scripts() {
    let mut server = TestServer::spawn(Config {
        seed: 3,
        ..Config::default()
    });
    let dir = tempfile::tempdir().expect("dir");
    let out = run(&server, dir.path(), &["sync"]);
    assert_eq!(code(&out), 4, "sync before connect: not connected");
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("error[not_connected]: "),
        "a stable error line"
    );
    let out = cli(&server, dir.path())
        .env_remove("MOSTRADOR_TOKEN")
        .args(["connect", &server.base_url()])
        .output()
        .expect("runs");
    assert_eq!(code(&out), 2, "connect without a token is a usage error");
    assert_eq!(
        code(&run(&server, dir.path(), &["connect", &server.base_url()])),
        0,
        "connect with MOSTRADOR_TOKEN"
    );
    assert_eq!(
        code(&run(&server, dir.path(), &["sync"])),
        0,
        "a clean sync"
    );
    let list = stdout_json(&run(&server, dir.path(), &["list", "--json"]));
    assert_eq!(
        list["orders"].as_array().map(Vec::len),
        Some(3),
        "list --json shows the cached orders"
    );
    let out = run(&server, dir.path(), &["show", "999999"]);
    assert_eq!(code(&out), 3, "an unknown order is not found");
    let number = list["orders"][0]["number"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let out = run(&server, dir.path(), &["advance", &number, "volando"]);
    assert_eq!(code(&out), 2, "an unknown status is bad input");
    let out = cli(&server, dir.path())
        .args([
            "--lang", "en", "cancel", &number, "--reason", " ", "--refund", "0",
        ])
        .output()
        .expect("runs");
    assert_eq!(code(&out), 2, "an empty reason is refused");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Enter a reason"),
        "--lang en speaks English"
    );
    assert_eq!(
        code(&run(&server, dir.path(), &["counts", "--json"])),
        0,
        "counts work offline or online"
    );
    let fresh = Admin::new(&server)
        .order(json!({"fulfillment": "pickup"}))
        .await;
    let fresh_number = fresh["number"].as_str().unwrap_or_default().to_string();
    assert_eq!(
        code(&run(&server, dir.path(), &["sync"])),
        0,
        "the new order arrives"
    );
    server.stop();
    assert_eq!(
        code(&run(
            &server,
            dir.path(),
            &["advance", &fresh_number, "preparando"]
        )),
        0,
        "actions queue offline, by number, in Spanish"
    );
    let out = run(&server, dir.path(), &["sync"]);
    assert_eq!(
        code(&out),
        5,
        "offline with actions queued: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let outbox = stdout_json(&run(&server, dir.path(), &["outbox", "--json"]));
    assert_eq!(
        outbox[0]["state"], "pending",
        "the queued action waits, it is not failed"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn killing_the_cli_mid_drain_loses_and_doubles_nothing() {
    let server = TestServer::spawn(Config::default());
    let admin = Admin::new(&server);
    let mut rng = StdRng::seed_from_u64(
        std::env::var("MOSTRADOR_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(11),
    );
    let mut orders = Vec::new();
    for i in 0..6 {
        let fulfillment = ["pickup", "delivery"][i % 2];
        orders.push(
            admin
                .order(
                    json!({"fulfillment": fulfillment, "total": 30000 + i * 1000,
                    "payment": {"method": "card", "status": "paid"},
                    "documents": [{"kind": "receipt", "status": "error"}]}),
                )
                .await,
        );
    }
    let dir = tempfile::tempdir().expect("dir");
    assert_eq!(
        code(&run(&server, dir.path(), &["connect", &server.base_url()])),
        0,
        "connect"
    );
    assert_eq!(code(&run(&server, dir.path(), &["sync"])), 0, "first sync");
    let mut accepted = Vec::new();
    for (i, order) in orders.iter().enumerate() {
        let id = order["id"].as_str().unwrap_or_default();
        let doc = order["documents"][0]["id"].as_str().unwrap_or_default();
        let mut queue = vec![
            vec!["advance", id, "preparing"],
            vec!["retry-document", id, doc],
        ];
        match i % 3 {
            0 => queue.push(vec!["advance", id, "ready"]),
            1 => queue.push(vec![
                "cancel",
                id,
                "--reason",
                "Sin stock",
                "--refund",
                "100,50",
            ]),
            _ => {}
        }
        for args in queue {
            let mut args = args.clone();
            args.push("--json");
            let out = run(&server, dir.path(), &args);
            assert_eq!(
                code(&out),
                0,
                "{args:?} queues: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            accepted.push(
                stdout_json(&out)["id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            );
        }
    }
    admin
        .faults(json!({"latency_ms": 25, "drop_after_commit_rate": 0.3, "seed": 5}))
        .await;
    for _ in 0..8 {
        let mut child = cli(&server, dir.path())
            .arg("sync")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(rng.random_range(0..250)));
        let _ = child.kill();
        let _ = child.wait();
    }
    admin.faults(json!({})).await;
    let mut settled = false;
    for _ in 0..10 {
        if code(&run(&server, dir.path(), &["sync"])) == 0 {
            settled = true;
            break;
        }
    }
    assert!(settled, "once the faults stop, a sync drains the queue");
    let outbox = stdout_json(&run(&server, dir.path(), &["outbox", "--json"]));
    let visible: HashMap<String, String> = outbox
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            (
                a["id"].as_str().unwrap_or_default().to_string(),
                a["state"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert!(
        visible.values().all(|s| s == "failed"),
        "nothing is left pending: {visible:?}"
    );
    let effects = admin.effects().await;
    for id in &accepted {
        let times = effects
            .iter()
            .filter(|e| e["idempotency_key"] == id.as_str())
            .count();
        let want = usize::from(!visible.contains_key(id));
        assert_eq!(
            times, want,
            "action {id}: applied exactly once, or refused and never applied"
        );
    }
    for order in &orders {
        let id = order["id"].as_str().unwrap_or_default();
        let cached = stdout_json(&run(&server, dir.path(), &["show", id, "--json"]));
        let backend = admin.get(id).await;
        assert_eq!(
            cached["order"], backend,
            "the cache equals the backend for {id}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_state_file_is_salvaged_and_the_cli_says_in_one_line_what_was_kept() {
    let mut server = TestServer::spawn(Config::default());
    let order = Admin::new(&server)
        .order(json!({"fulfillment": "pickup"}))
        .await;
    let number = order["number"].as_str().unwrap_or_default().to_string();
    let dir = tempfile::tempdir().expect("dir");
    assert_eq!(
        code(&run(&server, dir.path(), &["connect", &server.base_url()])),
        0
    );
    assert_eq!(code(&run(&server, dir.path(), &["sync"])), 0);
    server.stop();
    assert_eq!(
        code(&run(
            &server,
            dir.path(),
            &["advance", &number, "preparando"]
        )),
        0,
        "an action waits offline"
    );
    let state = dir.path().join("mostrador.state.db");
    let mut bytes = std::fs::read(&state).expect("the state file exists");
    bytes[..100].copy_from_slice(&[0xA5; 100]);
    std::fs::write(&state, bytes).expect("the header is destroyed");

    let out = cli(&server, dir.path())
        .args(["--lang", "en", "outbox", "--json"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        code(&out),
        0,
        "a damaged file does not stop the CLI: {stderr}"
    );
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning[storage]: "))
        .collect();
    assert_eq!(warnings.len(), 1, "one line tells the damage: {stderr}");
    assert!(
        warnings[0].contains("1 queued actions were recovered")
            && warnings[0].contains("connection was kept"),
        "in English, what was kept: {}",
        warnings[0]
    );
    let outbox = stdout_json(&out);
    assert_eq!(
        outbox.as_array().map(Vec::len),
        Some(1),
        "the queued action is still there"
    );

    let out = run(&server, dir.path(), &["outbox"]);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("warning[storage]"),
        "the next run finds the files sound and says nothing"
    );
    let cache = dir.path().join("mostrador.db");
    std::fs::write(&cache, vec![0x5A; 8192]).expect("the cache is destroyed");
    let out = run(&server, dir.path(), &["outbox"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning[storage]: La copia local de pedidos estaba dañada"),
        "in Spanish by default, the cache is set aside to sync again: {stderr}"
    );
    server.restart();
    assert_eq!(
        code(&run(&server, dir.path(), &["sync"])),
        0,
        "the resync brings the orders back and sends the action"
    );
    let effects = Admin::new(&server).effects().await;
    assert_eq!(
        effects.iter().filter(|e| e["kind"] == "transition").count(),
        1,
        "the salvaged action reached the backend once"
    );
}

/// A server on 127.0.0.1 that answers `/v1/store` with `store` and everything else with JSON
/// that is not what API.md says, for `requests` connections; then its thread ends.
fn garbling_server(store: String, requests: usize) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for conn in listener.incoming().take(requests) {
            let Ok(mut conn) = conn else { continue };
            let mut buf = [0u8; 8192];
            let n = conn.read(&mut buf).unwrap_or(0);
            let head = String::from_utf8_lossy(&buf[..n]);
            let body = if head.starts_with("GET /v1/store ") {
                store.clone()
            } else {
                r#"{"hello":"this is not a page of orders"}"#.to_string()
            };
            let _ = write!(
                conn,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reachable_server_with_an_unreadable_answer_is_not_called_unreachable() {
    let server = TestServer::spawn(Config::default());
    let dir = tempfile::tempdir().expect("dir");
    let out = run(
        &server,
        dir.path(),
        &["connect", &garbling_server("[1, 2, 3]".into(), 1)],
    );
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(
        code(&out),
        6,
        "reached, but the answer does not decode: {stderr}"
    );
    assert!(
        stderr.starts_with("error[bad_answer]: ") && !stderr.contains("No se pudo contactar"),
        "its own code and words, not 'could not reach the server': {stderr}"
    );
    let store = reqwest::Client::new()
        .get(format!("{}/v1/store", server.base_url()))
        .bearer_auth(server.token())
        .send()
        .await
        .expect("store")
        .text()
        .await
        .expect("store text");
    let base = garbling_server(store, 50);
    assert_eq!(
        code(&run(&server, dir.path(), &["connect", &base])),
        0,
        "the store decodes"
    );
    let out = run(&server, dir.path(), &["sync", "--retries", "0"]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(code(&out), 6, "a page that does not decode: {stderr}");
    assert!(
        stderr.starts_with("error[bad_answer]: "),
        "its own code: {stderr}"
    );
    let help = Command::new(BIN).arg("--help").output().expect("help");
    assert!(
        String::from_utf8_lossy(&help.stdout)
            .contains("6 backend reached but its answer could not be read"),
        "exit 6 is documented in --help"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn pay_and_note_queue_with_the_device_and_show_prints_the_whole_order() {
    let server = TestServer::spawn(Config::default());
    let admin = Admin::new(&server);
    let order = admin
        .order(json!({
            "fulfillment": "delivery", "total": 45000,
            "payment": {"method": "cash", "status": "unpaid"},
            "shipping_address": {"line1": "Av. Providencia 1208", "city": "Providencia",
                "region": "RM", "postal_code": "7500000", "country": "CL",
                "reference": "Depto. 504"},
        }))
        .await;
    let id = order["id"].as_str().unwrap_or_default().to_string();
    let dir = tempfile::tempdir().expect("dir");
    assert_eq!(
        code(&run(&server, dir.path(), &["connect", &server.base_url()])),
        0
    );
    assert_eq!(code(&run(&server, dir.path(), &["sync"])), 0);
    let out = run(
        &server,
        dir.path(),
        &[
            "--device",
            "Caja 1",
            "pay",
            &id,
            "400",
            "--method",
            "efectivo",
            "--received",
            "500",
        ],
    );
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Recibido $500.00 · Vuelto $100.00"),
        "the change is printed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = run(
        &server,
        dir.path(),
        &["pay", &id, "60", "--method", "bitcoin"],
    );
    assert_eq!(code(&out), 2, "an unknown method is bad input");
    let out = run(&server, dir.path(), &["pay", &id, "51"]);
    assert_eq!(
        code(&out),
        2,
        "above the $50.00 still due is refused locally"
    );
    let out = run(&server, dir.path(), &["note", &id, "   "]);
    assert_eq!(code(&out), 2, "an empty note is refused");
    let out = run(&server, dir.path(), &["note", &id, "Llamó, pasa a las 6"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(code(&run(&server, dir.path(), &["sync"])), 0);
    let backend = admin.get(&id).await;
    assert_eq!(backend["paid"], 40000, "one payment reached the backend");
    assert_eq!(
        backend["payments"][0]["device"], "Caja 1",
        "--device is sent"
    );
    assert_eq!(
        backend["staff_notes"][0]["device"], "Caja 1",
        "--device is remembered for later runs"
    );
    let out = run(&server, dir.path(), &["show", &id]);
    let text = String::from_utf8_lossy(&out.stdout);
    for want in [
        "dirección: Av. Providencia 1208, Providencia, RM, 7500000, CL",
        "pago $400.00 cash",
        "· Caja 1",
        "por cobrar $50.00",
        "Llamó, pasa a las 6",
        "El cliente hizo el pedido",
    ] {
        assert!(text.contains(want), "show prints {want:?}:\n{text}");
    }
}

/// Words only a Spanish sentence has, and only an English one (the core's test has the same
/// idea with longer lists; here the CLI's own labels).
const SPANISH_WORDS: &[&str] = &[
    "conectado",
    "pedido",
    "pedidos",
    "cola",
    "acciones",
    "rechazadas",
    "línea",
    "siguiente",
    "cancelar",
    "sí",
    "hasta",
    "pagado",
    "reembolsado",
    "todos",
    "pendientes",
    "preparando",
    "listos",
    "enviados",
    "entregados",
    "cancelados",
    "sin",
    "pagar",
    "completar",
    "con",
    "error",
    "intentos",
    "pendiente",
    "ventas",
    "promedio",
    "estado",
    "desconocido",
    "escribe",
    "motivo",
    "el",
    "la",
    "se",
    "ya",
    "no",
    "está",
];
const ENGLISH_WORDS: &[&str] = &[
    "connected",
    "order",
    "orders",
    "queued",
    "refused",
    "online",
    "next",
    "cancel",
    "yes",
    "up",
    "paid",
    "refunded",
    "all",
    "pending",
    "preparing",
    "ready",
    "shipped",
    "delivered",
    "cancelled",
    "unpaid",
    "incomplete",
    "with",
    "attempts",
    "sales",
    "average",
    "unknown",
    "status",
    "enter",
    "reason",
    "the",
    "is",
    "was",
    "not",
];

/// What a command printed, without the shop's own data (customer and product names, which
/// are in whatever language the shop wrote them).
fn owner_words(out: &Output, data: &[String]) -> Vec<String> {
    let mut text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // `error[not_found]:`: the stable code is for scripts, not a sentence.
    while let Some(start) = text.find("error[") {
        let end = text[start..]
            .find(']')
            .map_or(text.len(), |e| start + e + 1);
        text.replace_range(start..end, " ");
    }
    for value in data {
        text = text.replace(value.as_str(), " ");
    }
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[tokio::test]
async fn every_command_speaks_the_language_asked_for() {
    let mut server = TestServer::spawn(Config {
        seed: 4,
        ..Config::default()
    });
    let admin = Admin::new(&server);
    let unpaid = admin
        .order(json!({"fulfillment": "pickup", "payment": {"method": "cash", "paid": 0}}))
        .await;
    let unpaid_number = unpaid["number"].as_str().unwrap_or_default().to_string();
    for (lang, foreign) in [("en", SPANISH_WORDS), ("es", ENGLISH_WORDS)] {
        let dir = tempfile::tempdir().expect("dir");
        let with = |args: &[&str]| {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            run(&server, dir.path(), &all)
        };
        let mut outputs = vec![("connect", with(&["connect", &server.base_url()]))];
        outputs.push(("sync", with(&["sync"])));
        let list = stdout_json(&run(&server, dir.path(), &["list", "--json"]));
        let mut data: Vec<String> = Vec::new();
        // The shop's name, as `connect` printed it ("connected: NAME (URL)").
        let connected = String::from_utf8_lossy(&outputs[0].1.stdout).to_string();
        data.extend(
            connected
                .split_once(": ")
                .and_then(|(_, rest)| rest.rsplit_once(" ("))
                .map(|(name, _)| name.to_string()),
        );
        let mut numbers: Vec<String> = Vec::new();
        for o in list["orders"].as_array().into_iter().flatten() {
            numbers.push(o["number"].as_str().unwrap_or_default().to_string());
            let id = o["id"].as_str().unwrap_or_default();
            let detail = stdout_json(&run(&server, dir.path(), &["show", id, "--json"]));
            let order = &detail["order"];
            for field in ["customer_name", "fulfillment", "status", "id"] {
                data.extend(o[field].as_str().map(str::to_string));
            }
            data.extend(order["customer"]["name"].as_str().map(str::to_string));
            data.extend(order["customer"]["phone"].as_str().map(str::to_string));
            for item in order["items"].as_array().into_iter().flatten() {
                data.extend(item["name"].as_str().map(str::to_string));
            }
            for doc in order["documents"].as_array().into_iter().flatten() {
                for field in ["id", "kind", "status"] {
                    data.extend(doc[field].as_str().map(str::to_string));
                }
            }
            for next in detail["next_statuses"].as_array().into_iter().flatten() {
                data.extend(next.as_str().map(str::to_string));
            }
            if let Some(address) = order["shipping_address"].as_object() {
                for value in address.values() {
                    data.extend(value.as_str().map(str::to_string));
                }
            }
        }
        // Longest first, so a name is removed before a word inside it.
        data.sort_by_key(|d| std::cmp::Reverse(d.len()));
        let first = numbers.first().cloned().unwrap_or_default();
        outputs.push(("list", with(&["list"])));
        outputs.push(("show", with(&["show", &first])));
        outputs.push(("counts", with(&["counts"])));
        outputs.push(("kpis", with(&["kpis"])));
        outputs.push(("bad status", with(&["advance", &first, "volando"])));
        outputs.push((
            "empty reason",
            with(&["cancel", &first, "--reason", " ", "--refund", "0"]),
        ));
        outputs.push((
            "bad method",
            with(&["pay", &unpaid_number, "1", "--method", "cheque"]),
        ));
        outputs.push(("not found", with(&["show", "999999"])));
        outputs.push((
            "pay",
            with(&[
                "pay",
                &unpaid_number,
                "1",
                "--method",
                "efectivo",
                "--received",
                "5",
            ]),
        ));
        outputs.push(("outbox", with(&["outbox"])));
        let mut wrong = Vec::new();
        let mut said = 0;
        for (what, out) in &outputs {
            let words = owner_words(out, &data);
            said += words.len();
            let found: Vec<&String> = words
                .iter()
                .filter(|w| foreign.contains(&w.as_str()))
                .collect();
            if !found.is_empty() {
                wrong.push(format!(
                    "{what}: {found:?} in {:?}{:?}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
        assert!(
            said > 60,
            "--lang {lang}: the commands said something ({said} words)"
        );
        assert!(
            wrong.is_empty(),
            "--lang {lang} printed words of the other language:\n{}",
            wrong.join("\n")
        );
    }
    server.stop();
}
