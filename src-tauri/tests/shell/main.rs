//! The shell's tests, on Tauri's mock runtime with the app's real ACL
//! (`tauri::generate_context!()`): commands reach the Desk through the IPC, errors cross as
//! `{ code, message }`, core events reach the webview, and the capability allow-lists
//! exactly the registered commands.
// Tests and benchmarks: a panic with its message is how they fail, and they read real time
// against real servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

mod acl;
mod core_free;
mod events;
mod generated;
mod ipc;
mod keychain;
mod links;
mod memory;
mod support;
mod tray;
mod updates;
