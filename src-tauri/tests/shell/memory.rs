//! The process environment `main` sets before any thread starts: WebKitGTK without accelerated
//! compositing on Linux unless the owner keeps the GPU or already chose a mode.

use std::ffi::OsStr;

use mostrador_lib::memory::{WEBKIT_COMPOSITING_ENV, compositing_env};

#[test]
fn linux_paints_without_accelerated_compositing_unless_told_otherwise() {
    assert_eq!(
        compositing_env(true, None, None),
        Some((WEBKIT_COMPOSITING_ENV, "1")),
        "Linux turns compositing off by default"
    );
    assert_eq!(
        compositing_env(true, Some(OsStr::new("1")), None),
        None,
        "MOSTRADOR_WEBKIT_GPU=1 keeps WebKit's default"
    );
    assert_eq!(
        compositing_env(true, Some(OsStr::new("0")), None),
        Some((WEBKIT_COMPOSITING_ENV, "1")),
        "only 1 keeps the GPU"
    );
    assert_eq!(
        compositing_env(true, None, Some(OsStr::new("0"))),
        None,
        "a mode chosen in the environment is left as it is"
    );
    assert_eq!(
        compositing_env(false, None, None),
        None,
        "Windows and macOS are left alone"
    );
}

#[test]
fn trimming_the_heap_is_harmless_at_any_time() {
    let kept: Vec<Vec<u8>> = (0..64).map(|i| vec![i as u8; 64 * 1024]).collect();
    drop(kept);
    let still: Vec<u8> = vec![7; 1024];
    mostrador_lib::memory::trim();
    assert!(still.iter().all(|&b| b == 7), "live memory is untouched");
}
