//! App updates: "safe to update now?" (never in the middle of a queued action), the offer's
//! and failures' words in both languages, and the update feed setting.

use mostrador_core::ErrorCode;
use mostrador_core::model::OrderStatus;
use mostrador_core::update::{
    EXIT_UP_TO_DATE, UpdateFailure, installed_message, offer, up_to_date_message, update_safety,
    validate_feed_url,
};
use mostrador_core::view::{Language, Settings};

use crate::desk::harness::{Backend, connected_desk, open_desk};

#[test]
fn safe_to_update_only_with_an_empty_outbox_with_the_reason_in_both_languages() {
    // (pending actions, language, safe, words the reason must contain)
    let table: &[(u32, Language, bool, &str)] = &[
        (0, Language::Es, true, "Puedes actualizar ahora"),
        (0, Language::En, true, "You can update now"),
        (1, Language::Es, false, "Hay 1 acción en cola sin enviar"),
        (1, Language::En, false, "1 queued action has not been sent"),
        (3, Language::Es, false, "Hay 3 acciones en cola sin enviar"),
        (
            3,
            Language::En,
            false,
            "3 queued actions have not been sent",
        ),
    ];
    for &(pending, language, safe, words) in table {
        let answer = update_safety(pending, language);
        assert_eq!(answer.safe, safe, "{pending} pending in {language:?}");
        assert_eq!(answer.pending_actions, pending);
        assert!(
            answer.reason.contains(words),
            "{pending} pending in {language:?}: {:?} should say {words:?}",
            answer.reason
        );
    }
}

#[test]
fn the_offer_says_there_is_a_new_version_in_the_owners_language() {
    let es = offer("0.1.0", "0.2.0", Some("Arreglos".into()), 0, Language::Es);
    assert_eq!(es.title, "Hay una versión nueva");
    assert!(
        es.message.starts_with("Hay una versión nueva"),
        "{}",
        es.message
    );
    assert!(es.message.contains("0.2.0") && es.message.contains("0.1.0"));
    assert!(es.safety.safe);
    assert_eq!(es.notes.as_deref(), Some("Arreglos"));
    let en = offer("0.1.0", "0.2.0", None, 2, Language::En);
    assert_eq!(en.title, "A new version is available");
    assert!(en.message.starts_with("A new version"), "{}", en.message);
    assert!(!en.safety.safe, "two queued actions hold the update back");
}

#[test]
fn every_failure_says_the_installed_version_keeps_working_with_distinct_exit_codes() {
    let failures = [
        UpdateFailure::NoFeed,
        UpdateFailure::Feed,
        UpdateFailure::Download,
        UpdateFailure::Signature,
        UpdateFailure::Format,
        UpdateFailure::Install,
        UpdateFailure::Busy,
    ];
    for failure in failures {
        let es = failure.message("0.1.0", Language::Es);
        let en = failure.message("0.1.0", Language::En);
        assert!(
            es.ends_with("Sigues con la versión 0.1.0."),
            "{failure:?}: {es}"
        );
        assert!(
            en.ends_with("You still have version 0.1.0."),
            "{failure:?}: {en}"
        );
        assert_ne!(es, en, "{failure:?} is translated");
        let code = failure.exit_code();
        assert!(
            code != 0 && code != 1 && code != EXIT_UP_TO_DATE,
            "{failure:?}: {code} must not read as success, a crash or 'up to date'"
        );
    }
    assert_eq!(
        UpdateFailure::Signature.exit_code(),
        5,
        "scripts/package-test.sh relies on it"
    );
    assert!(
        UpdateFailure::Signature
            .message("0.1.0", Language::Es)
            .contains("no se instaló")
    );
    assert!(up_to_date_message("0.1.0", Language::Es).contains("última versión"));
    assert!(installed_message("0.2.0", Language::En).contains("updated to version 0.2.0"));
}

#[test]
fn a_feed_must_be_https_or_plain_http_to_this_machine() {
    let table: &[(&str, bool)] = &[
        ("https://updates.example.com/mostrador/latest.json", true),
        ("  https://shop.example.mx/latest.json  ", true),
        ("http://127.0.0.1:8123/latest.json", true),
        ("http://localhost:8123/latest.json", true),
        ("http://[::1]:8123/latest.json", true),
        ("http://updates.example.com/latest.json", false),
        ("http://192.168.1.20/latest.json", false),
        ("ftp://updates.example.com/latest.json", false),
        ("file:///tmp/latest.json", false),
        ("latest.json", false),
        ("", false),
    ];
    for &(url, ok) in table {
        match validate_feed_url(url) {
            Ok(saved) => {
                assert!(ok, "{url:?} must be refused");
                assert_eq!(saved, url.trim(), "saved trimmed");
            }
            Err(err) => {
                assert!(!ok, "{url:?} must be accepted: {}", err.text.es);
                assert_eq!(err.code, ErrorCode::InvalidInput);
                assert!(err.text.es.contains("https://") && err.text.en.contains("https://"));
            }
        }
    }
}

#[tokio::test]
async fn the_feed_setting_is_saved_checked_and_cleared() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, _) = open_desk(dir.path(), None).await;
    assert_eq!(
        desk.update_feed().await.expect("read"),
        None,
        "none by default"
    );
    let saved = desk
        .set_update_feed(Some(" https://shop.example.mx/latest.json "))
        .await
        .expect("an https feed is saved");
    assert_eq!(
        saved.as_deref(),
        Some("https://shop.example.mx/latest.json")
    );
    let err = desk
        .set_update_feed(Some("http://shop.example.mx/latest.json"))
        .await
        .expect_err("plain http to another machine is refused");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(
        desk.update_feed().await.expect("read").as_deref(),
        Some("https://shop.example.mx/latest.json"),
        "a refused feed leaves the saved one"
    );
    desk.set_update_feed(Some("  "))
        .await
        .expect("blank clears");
    assert_eq!(desk.update_feed().await.expect("read"), None);
}

#[tokio::test]
async fn an_update_waits_while_an_action_is_queued_and_is_safe_once_it_went_out() {
    let mut backend = Backend::spawn(0);
    let order = backend.pickup_order().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = connected_desk(&backend, dir.path()).await;
    assert!(
        desk.update_safety().await.expect("safety").safe,
        "nothing queued yet"
    );

    backend.server.stop();
    desk.advance(&order.id, OrderStatus::Preparing)
        .await
        .expect("queues offline");
    desk.sync_now()
        .await
        .expect("a sync offline is not an error");
    let busy = desk.update_safety().await.expect("safety");
    assert!(!busy.safe, "an action waits in the outbox: not now");
    assert_eq!(busy.pending_actions, 1);
    assert!(busy.reason.contains("1 acción en cola"), "{}", busy.reason);

    desk.set_settings(Settings {
        language: Language::En,
        ..desk.settings().await.expect("settings")
    })
    .await
    .expect("english");
    let busy = desk.update_safety().await.expect("safety");
    assert!(
        busy.reason.contains("1 queued action"),
        "in English: {}",
        busy.reason
    );
    let offer = desk
        .update_offer("0.1.0", "0.2.0", None)
        .await
        .expect("offer");
    assert!(offer.message.starts_with("A new version") && !offer.safety.safe);

    backend.server.restart();
    desk.sync_now().await.expect("sync");
    let ready = desk.update_safety().await.expect("safety");
    assert!(
        ready.safe,
        "the action went out: safe now ({})",
        ready.reason
    );
    assert_eq!(ready.pending_actions, 0);
}
