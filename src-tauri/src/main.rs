// Without this a release build on Windows opens a console window next to the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    set_process_env();
    mostrador_lib::run();
}

/// The environment WebKit reads when it starts (`mostrador_lib::memory::process_env`).
#[allow(unsafe_code)]
fn set_process_env() {
    if let Some((key, value)) = mostrador_lib::memory::process_env() {
        // SAFETY: the first thing `main` does, before Tauri, GTK, tokio or tracing start a
        // thread: nothing reads the environment while it changes.
        unsafe { std::env::set_var(key, value) };
    }
}
