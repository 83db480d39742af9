//! Keeping the app light (issue 18; docs/performance.md "Idle memory beside a bare Tauri app").
//!
//! - **Linux: WebKitGTK without accelerated compositing.** Compositing goes through OpenGL, and
//!   where that GL is Mesa's software one (llvmpipe: a counter PC without GPU drivers, a virtual
//!   machine, Xvfb) it cost the web process ~100 MiB at idle with 10,000 orders (219 → 119 MiB
//!   PSS). A list of orders has no 3D, video or heavy animation that needs it. WebKit reads
//!   `WEBKIT_DISABLE_COMPOSITING_MODE` when it starts, so `main` sets it before any thread
//!   exists ([`process_env`]); setting the `hardware-acceleration-policy` of the running
//!   webview instead (`with_webview`) left WebKitGTK 2.50 without a page here.
//!   `MOSTRADOR_WEBKIT_GPU=1` keeps WebKit's default.
//! - **glibc keeps the heap a big sync freed** in its per-thread arenas; [`trim`] gives it back
//!   (~25 MiB after the first sync of 10,000 orders), 5 s after a sync settles, at most once
//!   a minute.

use std::ffi::OsStr;

/// Set to `1`, WebKitGTK keeps its accelerated compositing.
pub const GPU_ENV: &str = "MOSTRADOR_WEBKIT_GPU";
/// The WebKitGTK variable that turns accelerated compositing off.
pub const WEBKIT_COMPOSITING_ENV: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// The variable `main` sets before any thread starts, if any (see the module's notes).
pub fn process_env() -> Option<(&'static str, &'static str)> {
    compositing_env(
        cfg!(target_os = "linux"),
        std::env::var_os(GPU_ENV).as_deref(),
        std::env::var_os(WEBKIT_COMPOSITING_ENV).as_deref(),
    )
}

/// [`process_env`] given the platform and the two variables: Linux turns compositing off
/// unless the owner asked for the GPU or already chose a compositing mode.
pub fn compositing_env(
    linux: bool,
    gpu: Option<&OsStr>,
    already: Option<&OsStr>,
) -> Option<(&'static str, &'static str)> {
    let keep = gpu.is_some_and(|v| v == "1") || already.is_some();
    (linux && !keep).then_some((WEBKIT_COMPOSITING_ENV, "1"))
}

/// Gives the free heap glibc keeps back to the system (Linux with glibc; nothing elsewhere).
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[allow(unsafe_code)]
    // SAFETY: `malloc_trim` only returns free pages of glibc's heap to the system; glibc locks
    // each arena while it does, so any thread may call it at any time.
    let trimmed = unsafe { libc::malloc_trim(0) };
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    tracing::debug!(trimmed, "heap trimmed");
}

/// Trims the heap after each sync that settles, at most once a minute, until the desk goes.
pub fn trim_after_syncs(desk: &mostrador_core::desk::Desk) {
    use mostrador_core::desk::DeskEvent;
    use mostrador_core::view::SyncState;
    use tokio::sync::broadcast::error::RecvError;

    let mut events = desk.subscribe();
    tauri::async_runtime::spawn(async move {
        loop {
            match events.recv().await {
                Ok(DeskEvent::SyncStatus(status))
                    if status.state == SyncState::Online && status.last_synced_at.is_some() =>
                {
                    // A few seconds on, so what the sync set off (the UI's reload, notices)
                    // is done and freed too.
                    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
                    let _ = tauri::async_runtime::spawn_blocking(trim).await;
                    tokio::time::sleep(std::time::Duration::from_secs(55)).await;
                    // What arrived meanwhile is old news: the next settled sync trims again.
                    events = events.resubscribe();
                }
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => break,
            }
        }
    });
}
