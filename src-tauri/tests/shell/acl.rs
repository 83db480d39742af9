//! Every registered command is allow-listed in the capability, and nothing else is.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::support::shell;

fn capability() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities/default.json");
    let text = std::fs::read_to_string(path).expect("capabilities/default.json is readable");
    serde_json::from_str(&text).expect("the capability is JSON")
}

fn granted_app_commands(capability: &Value) -> BTreeSet<String> {
    capability["permissions"]
        .as_array()
        .expect("the capability lists permissions")
        .iter()
        .filter_map(Value::as_str)
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|command| command.replace('-', "_"))
        .collect()
}

#[test]
fn the_capability_allows_exactly_the_registered_commands() {
    let registered: BTreeSet<String> = mostrador_lib::COMMANDS
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        granted_app_commands(&capability()),
        registered,
        "each command in COMMANDS (build.rs, generate_handler!) is granted, and no other"
    );
}

#[test]
fn the_capability_grants_only_event_listening_besides_the_commands() {
    let capability = capability();
    let others: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .filter(|p| !p.starts_with("allow-"))
        .collect();
    assert_eq!(
        others,
        ["core:event:allow-listen", "core:event:allow-unlisten"],
        "the UI needs events and nothing else from the core; no plugin permission"
    );
    assert_eq!(
        capability["windows"],
        json!(["main"]),
        "only the main window gets it"
    );
}

#[test]
fn every_listed_command_is_registered_and_permitted() {
    let shell = shell();
    for command in mostrador_lib::COMMANDS {
        // Arguments may be missing: that error comes from the command itself, after the ACL
        // let it through and the handler found it.
        if let Err(err) = shell.invoke(command, json!({})) {
            let text = err.to_string();
            assert!(
                !text.contains("not allowed"),
                "{command} is permitted: {text}"
            );
            assert!(
                !text.contains("not found"),
                "{command} is registered: {text}"
            );
        }
    }
}

#[test]
fn a_command_outside_the_list_is_refused() {
    let shell = shell();
    let err = shell
        .invoke("drop_everything", json!({}))
        .expect_err("an unregistered command cannot be invoked");
    assert!(!err.is_null(), "the refusal says why: {err}");
    let err = shell
        .invoke(
            "plugin:notification|notify",
            json!({ "options": { "title": "x" } }),
        )
        .expect_err("the webview gets no notification permission");
    assert!(
        err.to_string().contains("not allowed"),
        "refused by the ACL: {err}"
    );
}
