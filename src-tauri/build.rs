//! Generates the app's ACL: an `allow-<command>` permission for each command in
//! [`COMMANDS`], which `capabilities/default.json` grants one by one.

include!("src/command_list.rs");

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
