//! One voice in two languages: an English-speaking owner never reads Spanish from the desk,
//! and a Spanish-speaking one never reads English; and the source keeps the choice of language
//! in one place (`text.rs`), so no sentence can be made in one language only.

use std::path::{Path, PathBuf};

use mostrador_core::attention::{tray_menu, tray_tooltip};
use mostrador_core::desk::{Desk, QuickOutcome};
use mostrador_core::model::{OrderStatus, PaymentMethod};
use mostrador_core::update::{offer as update_offer, update_safety};
use mostrador_core::view::{OrderQuery, Settings, SyncState};
use mostrador_core::{Language, Text};
use serde_json::json;

use crate::desk::harness::{Backend, open_desk};

/// Words only Spanish sentences use (function words and the desk's own vocabulary).
const SPANISH: &[&str] = &[
    "el",
    "la",
    "los",
    "las",
    "del",
    "pedido",
    "pedidos",
    "se",
    "ya",
    "está",
    "para",
    "por",
    "una",
    "con",
    "sin",
    "cola",
    "acción",
    "acciones",
    "monto",
    "cancelar",
    "cancelado",
    "cancelación",
    "reembolso",
    "pago",
    "servidor",
    "nota",
    "tienda",
    "cliente",
    "marcó",
    "hasta",
    "plazo",
    "días",
    "documento",
    "conexión",
    "reintentará",
    "escribe",
    "hay",
    "puedes",
    "versión",
    "pendiente",
    "pendientes",
    "abrir",
    "salir",
    "preparar",
    "listo",
    "guardado",
    "recibido",
    "vuelto",
    "impresora",
    "llavero",
    "que",
    "es",
    "de",
    "en",
    "y",
];

/// Words only English sentences use.
const ENGLISH: &[&str] = &[
    "the",
    "order",
    "orders",
    "was",
    "were",
    "is",
    "has",
    "been",
    "queued",
    "cancelled",
    "refund",
    "could",
    "cannot",
    "will",
    "retry",
    "server",
    "payment",
    "note",
    "shop",
    "customer",
    "marked",
    "until",
    "days",
    "already",
    "waiting",
    "sent",
    "of",
    "and",
    "to",
    "you",
    "your",
    "pending",
    "open",
    "quit",
    "prepare",
    "ready",
    "saved",
    "received",
    "change",
    "printer",
    "keychain",
    "amount",
    "enter",
    "update",
    "version",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The other language's words found in `text`, which is meant to be in `language`.
fn foreign(text: &str, language: Language) -> Vec<String> {
    let other = language.pick(ENGLISH, SPANISH);
    let mut found: Vec<String> = words(text)
        .filter(|w| other.contains(&w.as_str()))
        .collect();
    if language == Language::En && (text.contains('¿') || text.contains('¡')) {
        found.push("¿/¡".into());
    }
    found
}

/// Every sentence a desk hands out while an owner works through the day, in its language.
async fn sentences(desk: &Desk, backend: &Backend, language: Language) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut put = |what: &str, text: &str| out.push((what.to_string(), text.to_string()));

    let order = backend.pickup_order().await;
    desk.sync_now().await.expect("sync");

    // Bad input from the owner: every refusal is a sentence.
    for (what, err) in [
        (
            "cancel without a reason",
            desk.cancel(&order.id, "  ", "0").await.err(),
        ),
        (
            "cancel with a refund that is not an amount",
            desk.cancel(&order.id, "Sin stock", "doce").await.err(),
        ),
        (
            "cancel with a negative refund",
            desk.cancel(&order.id, "Sin stock", "-5").await.err(),
        ),
        (
            "an ambiguous payment",
            desk.pay(&order.id, "12.505", PaymentMethod::Cash, None)
                .await
                .err(),
        ),
        ("an empty note", desk.add_note(&order.id, "   ").await.err()),
        (
            "a move the order cannot make",
            desk.advance(&order.id, OrderStatus::Delivered).await.err(),
        ),
        (
            "an order that does not exist",
            desk.get_order("nada-9999").await.err(),
        ),
        (
            "a test print with no printer",
            desk.print_test().await.err(),
        ),
    ] {
        if let Some(err) = err {
            put(what, err.message(language));
        }
    }

    // A queued cancellation: the order page says why it cannot be cancelled again.
    desk.cancel(&order.id, "Sin stock", "0")
        .await
        .expect("a cancellation is queued");
    let detail = desk.get_order(&order.id).await.expect("the order");
    put(
        "the cancel button's reason",
        detail.cancel.reason.as_deref().unwrap_or(""),
    );
    for line in &detail.history_lines {
        put("a history line", line);
    }

    // The server down: the queued action's note and the sync status.
    backend
        .faults(json!({"error_rate": 1.0, "retry_after_s": 0}))
        .await;
    let status = desk.sync_now().await.expect("sync");
    if let SyncState::Error {
        reason, reason_en, ..
    } = &status.state
    {
        put("the sync error", language.pick(reason, reason_en));
    }
    for action in desk.outbox().await.expect("outbox") {
        if let Some(note) = &action.error {
            put("a queued action's note", note);
        }
    }
    for action in &desk.get_order(&order.id).await.expect("order").actions {
        if let Some(note) = &action.error {
            put("the order page's queued action", note);
        }
    }
    backend.faults(json!({})).await;

    // The notification's button pressed on an order that has moved on.
    let other = backend.pickup_order().await;
    desk.sync_now().await.expect("sync");
    desk.advance(&other.id, OrderStatus::Preparing)
        .await
        .expect("advance");
    desk.sync_now().await.expect("sync");
    if let Ok(QuickOutcome::Stale(result) | QuickOutcome::Done(result)) =
        desk.quick_action(&other.id, "prepare").await
    {
        put("a stale quick action", &result.title);
        put("a stale quick action", &result.body);
        for action in &result.actions {
            put("a stale quick action's button", &action.label);
        }
    }

    // The tray, the updater.
    put("the tray", &tray_tooltip(language, 3, true, None));
    let menu = tray_menu(language);
    for word in [menu.open, menu.sync, menu.pause, menu.quit] {
        put("the tray menu", word);
    }
    put("update safety", &update_safety(2, language).reason);
    let offer = update_offer("0.1.0", "0.2.0", None, 0, language);
    put("update offer", &offer.title);
    put("update offer", &offer.message);
    out
}

async fn desk_in(language: Language) -> (Backend, tempfile::TempDir, Desk, Vec<String>) {
    let backend = Backend::spawn(3);
    let dir = tempfile::tempdir().expect("temp dir");
    let (desk, notifier) = open_desk(dir.path(), None).await;
    let settings = desk.settings().await.expect("settings");
    desk.set_settings(Settings {
        language,
        ..settings
    })
    .await
    .expect("settings saved");
    // A wrong token first: the refusal is the first sentence a new owner reads.
    let mut first = Vec::new();
    if let Err(err) = desk
        .connect(&backend.server.base_url(), "nope", false)
        .await
    {
        first.push(err.message(language).to_string());
    }
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    desk.sync_now().await.expect("first sync");
    let _ = desk.list_orders(OrderQuery::default()).await;
    for notice in notifier.notices() {
        first.push(notice.title);
        first.push(notice.body);
    }
    (backend, dir, desk, first)
}

async fn check_owner(language: Language) {
    let (backend, _dir, desk, first) = desk_in(language).await;
    let mut all: Vec<(String, String)> = first
        .into_iter()
        .map(|t| ("connecting".to_string(), t))
        .collect();
    all.extend(sentences(&desk, &backend, language).await);
    let empty: Vec<&String> = all
        .iter()
        .filter(|(_, t)| t.trim().is_empty())
        .map(|(w, _)| w)
        .collect();
    assert!(
        all.len() >= 15 && empty.len() <= 2,
        "the walk produced {} sentences, {} of them empty ({empty:?}): it must reach the desk's \
         words",
        all.len(),
        empty.len()
    );
    if std::env::var_os("MOSTRADOR_SHOW_SENTENCES").is_some() {
        for (what, text) in &all {
            eprintln!("{language:?} · {what}: {text}");
        }
    }
    let wrong: Vec<String> = all
        .iter()
        .filter_map(|(what, text)| {
            let found = foreign(text, language);
            (!found.is_empty()).then(|| format!("{what}: {text:?} has {found:?}"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "an owner who reads {language:?} got words of the other language:\n{}",
        wrong.join("\n")
    );
}

#[tokio::test]
async fn an_english_speaking_owner_never_reads_spanish() {
    check_owner(Language::En).await;
}

#[tokio::test]
async fn a_spanish_speaking_owner_never_reads_english() {
    check_owner(Language::Es).await;
}

#[test]
fn the_detector_finds_the_other_language() {
    assert!(!foreign("El pedido ya está cancelado.", Language::En).is_empty());
    assert!(foreign("The order is already cancelled.", Language::En).is_empty());
    assert!(!foreign("The order is already cancelled.", Language::Es).is_empty());
    assert!(foreign("El pedido ya está cancelado.", Language::Es).is_empty());
    let both = Text::new("Pedido #12 listo", "Order #12 ready");
    assert!(foreign(both.get(Language::En), Language::En).is_empty());
    assert!(foreign(both.get(Language::Es), Language::Es).is_empty());
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Outside `text.rs`, code never chooses a language itself (`Language::Es =>`,
/// `== Language::En`, an `english` flag): it builds a [`Text`] or calls `Language::pick`, which
/// take both languages at once. Unit tests at the bottom of a file are left out.
#[test]
fn only_the_text_module_chooses_a_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "../src", "../../cli/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(
        files.len() > 50,
        "the scan reads the sources ({} files)",
        files.len()
    );
    let mut found = Vec::new();
    for file in files {
        if file.ends_with("text.rs") && file.parent().is_some_and(|p| p.ends_with("core/src")) {
            continue;
        }
        let source = std::fs::read_to_string(&file).expect("readable");
        let code = source.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let line = line.trim();
            if line.starts_with("//") {
                continue;
            }
            let chooses = line.contains("Language::Es")
                || line.contains("Language::En")
                || line.contains("Lang::En =>")
                || line
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|w| w == "english");
            // The CLI maps its flag onto the core's language, one arm each.
            let mapping = line.starts_with("Lang::Es => mostrador_core::Language::Es")
                || line.starts_with("Lang::En => mostrador_core::Language::En");
            if chooses && !mapping {
                found.push(format!("{}:{}: {line}", file.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "a language chosen outside text.rs (build a Text or call Language::pick):\n{}",
        found.join("\n")
    );
}
