//! Generates the app's ACL: an `allow-<command>` permission for each command in
//! [`COMMANDS`], which `capabilities/default.json` grants one by one.
// A build script fails the build by panicking.
#![allow(clippy::expect_used, clippy::unwrap_used)]

include!("src/command_list.rs");

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
