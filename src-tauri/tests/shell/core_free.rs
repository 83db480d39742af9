//! The core does not depend on tauri (DESIGN: the shell holds no logic, the core no shell).

#[test]
fn the_core_has_no_tauri_in_its_dependency_tree() {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml");
    let output = std::process::Command::new(env!("CARGO"))
        .args(["tree", "--offline", "-p", "mostrador-core", "-e", "normal"])
        .args([
            "--prefix",
            "none",
            "--format",
            "{p}",
            "--manifest-path",
            manifest,
        ])
        .output()
        .expect("cargo tree runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "cargo tree succeeds: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("mostrador-core"),
        "the tree is the core's: {stdout}"
    );
    let tauri: Vec<&str> = stdout.lines().filter(|l| l.starts_with("tauri")).collect();
    assert!(
        tauri.is_empty(),
        "the core must not depend on tauri: {tauri:?}"
    );
}
