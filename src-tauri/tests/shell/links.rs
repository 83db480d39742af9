//! The navigation guard and `open_link` refuse what the core's table does not allow, before
//! anything reaches the system (issue 19). Allowed links are exercised end to end in step 8 of
//! the e2e suite, with a stand-in `xdg-open`.

use mostrador_lib::links::allow_navigation;
use serde_json::json;
use tauri::Url;

use crate::support::shell;

#[test]
fn the_navigation_guard_keeps_only_the_apps_own_pages() {
    let shell = shell();
    let handle = shell.app.handle();
    for url in [
        "tauri://localhost/",
        "tauri://localhost/index.html#orders",
        "http://tauri.localhost/",
    ] {
        assert!(
            allow_navigation(handle, &Url::parse(url).expect("url")),
            "{url} is the app's own page"
        );
    }
    for url in [
        "https://example.com/",
        "http://tauri.localhost.evil.com/",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,hola",
        "ftp://example.com/",
    ] {
        assert!(
            !allow_navigation(handle, &Url::parse(url).expect("url")),
            "{url} never replaces the app in its window"
        );
    }
}

#[test]
fn open_link_refuses_a_url_outside_the_table() {
    let shell = shell();
    let err = shell
        .invoke("open_link", json!({ "url": "https://example.com/pagar" }))
        .expect_err("an outside URL is not opened");
    assert_eq!(err["code"], "invalid_input", "{err}");
    assert_eq!(err["message"], "Mostrador no abre este enlace.", "{err}");
    let err = shell
        .invoke("open_link", json!({ "url": "tauri://localhost/" }))
        .expect_err("the app's own page is not handed to the system");
    assert_eq!(err["code"], "invalid_input", "{err}");
}
