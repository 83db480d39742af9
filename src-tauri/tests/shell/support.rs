//! A mock-runtime app with the shell's commands over a Desk on a temporary directory.

use std::sync::Arc;

use mostrador_core::attention::RecordingNotifier;
use mostrador_core::clock::SystemClock;
use mostrador_core::desk::{Desk, DeskConfig, MemoryTokenStore, Tuning};
use serde_json::Value;
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

/// The app, its main window and the desk behind it.
pub struct Shell {
    pub app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
    pub desk: Desk,
    _dir: tempfile::TempDir,
}

/// A shell whose Desk has an empty database in a fresh temporary directory.
pub fn shell() -> Shell {
    let dir = tempfile::tempdir().expect("a temporary directory for the database");
    let config = DeskConfig {
        data_dir: dir.path().to_path_buf(),
        clock: Arc::new(SystemClock),
        notifier: Arc::new(RecordingNotifier::default()),
        token_store: Arc::new(MemoryTokenStore::default()),
    };
    let desk = tauri::async_runtime::block_on(Desk::open_tuned(config, Tuning::fast()))
        .expect("the desk opens on an empty directory");
    let app = mostrador_lib::with_commands(mock_builder())
        .build(tauri::generate_context!())
        .expect("the mock app builds with the real configuration and ACL");
    mostrador_lib::attach_desk(app.handle(), desk.clone());
    app.manage(mostrador_lib::links::Opener::new(app.handle().clone()));
    let window = match app.get_webview_window("main") {
        Some(window) => window,
        None => WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("the main window opens"),
    };
    Shell {
        app,
        window,
        desk,
        _dir: dir,
    }
}

impl Shell {
    /// Invokes `cmd` with `args` as the UI would; `Err` carries what the promise rejects with.
    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            // Any other origin is refused by the ACL (RECIPES pitfall 10).
            url: "tauri://localhost".parse().expect("a valid URL"),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|body| {
            body.deserialize::<Value>()
                .expect("a command's response is JSON")
        })
    }
}
