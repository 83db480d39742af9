//! Printing: the code page mapping as a table, slips decoded by a printer stand-in on
//! 127.0.0.1 (text lines, cut, code page), widths, and a failed print that says why.

use std::time::Duration;

use mostrador_core::print::escpos::{CODE_PAGE_858, Escpos, PaperWidth, encode};
use mostrador_core::print::slip::{self, columns, wrap};
use mostrador_core::print::{PrintTarget, PrinterSettings, SlipKind};
use mostrador_core::view::{Language, Settings};
use serde_json::json;
use tokio::io::AsyncReadExt;

use crate::desk::harness::{Backend, connected_desk};
use crate::outbox::fixtures::shop;

/// What a printer would have done with the bytes.
#[derive(Debug, Default)]
struct Printed {
    code_page: Option<u8>,
    lines: Vec<String>,
    cuts: usize,
    resets: usize,
}

/// The stand-in's own reading of code page 858 (written apart from the encoder's table).
fn cp858_char(b: u8) -> char {
    const HIGH: &[(u8, char)] = &[
        (0xA0, 'á'),
        (0x82, 'é'),
        (0xA1, 'í'),
        (0xA2, 'ó'),
        (0xA3, 'ú'),
        (0xA4, 'ñ'),
        (0xA5, 'Ñ'),
        (0x81, 'ü'),
        (0x9A, 'Ü'),
        (0xA8, '¿'),
        (0xAD, '¡'),
        (0xB5, 'Á'),
        (0x90, 'É'),
        (0xD6, 'Í'),
        (0xE0, 'Ó'),
        (0xE9, 'Ú'),
        (0xD5, '€'),
        (0xFA, '·'),
    ];
    if b < 0x80 {
        return b as char;
    }
    HIGH.iter()
        .find(|(k, _)| *k == b)
        .map_or('\u{FFFD}', |(_, c)| *c)
}

fn decode(bytes: &[u8]) -> Printed {
    let mut p = Printed::default();
    let mut line = String::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x1B => {
                match bytes.get(i + 1) {
                    Some(b'@') => {
                        p.resets += 1;
                        i += 2;
                    }
                    Some(b't') => {
                        p.code_page = bytes.get(i + 2).copied();
                        i += 3;
                    }
                    Some(b'E' | b'a' | b'd') => i += 3,
                    other => panic!("unknown ESC command {other:?} at {i}"),
                }
                continue;
            }
            0x1D => {
                match bytes.get(i + 1) {
                    Some(b'!') => i += 3,
                    Some(b'V') => {
                        p.cuts += 1;
                        let m = bytes.get(i + 2).copied().unwrap_or(0);
                        i += if m >= 65 { 4 } else { 3 };
                    }
                    other => panic!("unknown GS command {other:?} at {i}"),
                }
                continue;
            }
            b'\n' => p.lines.push(std::mem::take(&mut line)),
            b => line.push(cp858_char(b)),
        }
        i += 1;
    }
    assert!(line.is_empty(), "every line ends in a line feed: {line:?}");
    p
}

#[test]
fn spanish_accents_and_money_signs_map_to_code_page_858() {
    let table = [
        ('á', 0xA0),
        ('é', 0x82),
        ('í', 0xA1),
        ('ó', 0xA2),
        ('ú', 0xA3),
        ('ñ', 0xA4),
        ('Ñ', 0xA5),
        ('ü', 0x81),
        ('Ü', 0x9A),
        ('¿', 0xA8),
        ('¡', 0xAD),
        ('$', 0x24),
        ('€', 0xD5),
        ('Á', 0xB5),
        ('É', 0x90),
        ('Í', 0xD6),
        ('Ó', 0xE0),
        ('Ú', 0xE9),
    ];
    for (c, byte) in table {
        assert_eq!(encode(&c.to_string()), vec![byte], "{c} in CP858");
    }
    assert_eq!(
        encode("漢"),
        b"?".to_vec(),
        "what the page lacks prints as ?"
    );
    assert_eq!(
        encode("a\nb"),
        b"a b".to_vec(),
        "no stray line feeds from order text"
    );
    let job = Escpos::new().line("Ñuñoa").cut().bytes();
    assert_eq!(
        &job[..5],
        &[0x1B, b'@', 0x1B, b't', CODE_PAGE_858],
        "reset, then CP858"
    );
    assert_eq!(decode(&job).lines, vec!["Ñuñoa"]);
}

#[test]
fn lines_wrap_to_the_paper_and_amounts_sit_flush_right() {
    assert_eq!(
        wrap("Pastel tres leches con fresas", 12),
        vec!["Pastel tres", "leches con", "fresas"]
    );
    assert_eq!(
        wrap("Supercalifragilístico", 8),
        vec!["Supercal", "ifragilí", "stico"]
    );
    assert_eq!(columns("2 x Concha", "$30.00", 20), "2 x Concha    $30.00");
    assert_eq!(
        columns("Rosca de reyes mediana", "$380.00", 20)
            .chars()
            .count(),
        20
    );
}

fn sample() -> mostrador_core::model::Order {
    serde_json::from_value(json!({
        "id": "ord_1", "number": "1042", "version": 2, "seq": 9, "status": "preparing",
        "fulfillment": "delivery", "created_at": "2026-12-15T20:05:00Z",
        "updated_at": "2026-12-15T20:05:00Z", "currency": "MXN", "total": 41600, "paid": 40000,
        "customer": {"name": "Ana Pérez", "phone": "+52 55 1234 5678"},
        "payment": {"method": "cash", "status": "unpaid"},
        "items": [
            {"sku": "PAN-001", "name": "Concha", "quantity": 2, "unit_price": 1500, "total": 3000},
            {"sku": "PAS-010", "name": "Pastel tres leches con fresas y crema batida", "quantity": 1,
             "unit_price": 38600, "total": 38600}
        ],
        "notes": "Sin azúcar",
        "staff_notes": [{"id": "n1", "text": "Llamó: pasa a las 6", "at": "2026-12-15T20:10:00Z", "device": "Caja 1"}],
        "payments": [{"id": "p1", "amount": 40000, "method": "cash", "at": "2026-12-15T20:11:00Z"}],
        "shipping_address": {"line1": "Av. Álvaro Obregón 182", "line2": "Col. Roma Norte",
            "city": "Cuauhtémoc", "region": "CDMX", "postal_code": "06700", "country": "MX",
            "reference": "Portón verde"},
        "scheduled_for": "2026-12-16T00:30:00Z"
    }))
    .expect("sample order")
}

#[test]
fn the_kitchen_slip_has_what_the_kitchen_needs_at_both_widths() {
    let order = sample();
    for width in [PaperWidth::Mm58, PaperWidth::Mm80] {
        let lines = slip::kitchen_slip(&order, &shop(), Language::Es, width);
        let printed = decode(&slip::render(&lines, width));
        assert_eq!(printed.code_page, Some(19), "code page 858 selected");
        assert_eq!(printed.cuts, 1, "one cut at the end");
        for want in [
            "#1042",
            "A DOMICILIO",
            "15/12/2026 14:05",
            "PARA LAS 18:30",
            "2 x Concha",
            "Nota: Sin azúcar",
            "Tienda: Llamó: pasa a las 6",
            "Av. Álvaro Obregón 182",
            "Cuauhtémoc, CDMX, 06700",
            "Portón verde",
        ] {
            assert!(
                printed.lines.iter().any(|l| l == want),
                "{width:?}: {want:?} in {:#?}",
                printed.lines
            );
        }
        let max = printed
            .lines
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        assert!(
            max <= width.chars(),
            "{width:?}: a line of {max} characters"
        );
    }
    let english = slip::kitchen_slip(&order, &shop(), Language::En, PaperWidth::Mm80);
    assert!(english.iter().any(|l| l.text == "FOR 18:30"), "English too");
}

#[test]
fn the_receipt_has_the_shop_totals_payments_and_what_is_due() {
    let printed = decode(&slip::render(
        &slip::receipt(&sample(), &shop(), Language::Es, PaperWidth::Mm58),
        PaperWidth::Mm58,
    ));
    let w = 32;
    for want in [
        "Panadería La Espiga".to_string(),
        columns("TOTAL", "$416.00", w),
        columns("Efectivo", "$400.00", w),
        columns("Por pagar", "$16.00", w),
        "¡Gracias por su compra!".to_string(),
    ] {
        assert!(
            printed.lines.iter().any(|l| l.trim() == want.trim()),
            "{want:?} in {:#?}",
            printed.lines
        );
    }
}

/// A printer stand-in on 127.0.0.1: accepts one job and hands back its bytes.
async fn stand_in() -> (u16, tokio::task::JoinHandle<Vec<u8>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let job = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("a job arrives");
        let mut bytes = Vec::new();
        socket.read_to_end(&mut bytes).await.expect("read the job");
        bytes
    });
    (port, job)
}

async fn with_printer(desk: &mostrador_core::desk::Desk, target: PrintTarget, width: PaperWidth) {
    let settings = Settings {
        printer: Some(PrinterSettings {
            target,
            width,
            auto_print: false,
        }),
        ..desk.settings().await.expect("settings")
    };
    desk.set_settings(settings).await.expect("saved");
}

#[tokio::test]
async fn a_slip_for_a_new_order_reaches_the_printer_stand_in_and_decodes() {
    let backend = Backend::spawn(0);
    let order = backend
        .create_order(json!({"fulfillment": "delivery", "total": 3000,
            "items": [{"sku": "PAN-001", "name": "Concha", "quantity": 2, "unit_price": 1500}],
            "notes": "Sin azúcar, ¿con moño?"}))
        .await;
    let dir = tempfile::tempdir().expect("dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let (port, job) = stand_in().await;
    let target = PrintTarget::Network {
        host: "127.0.0.1".into(),
        port,
    };
    with_printer(&desk, target, PaperWidth::Mm80).await;
    desk.print_order(&order.id, SlipKind::Kitchen)
        .await
        .expect("printed");
    let printed = decode(&job.await.expect("stand-in"));
    assert_eq!(printed.code_page, Some(19));
    assert_eq!(printed.cuts, 1);
    assert!(
        printed.lines.contains(&format!("#{}", order.number)),
        "{:#?}",
        printed.lines
    );
    assert!(printed.lines.contains(&"2 x Concha".to_string()));
    assert!(
        printed
            .lines
            .contains(&"Nota: Sin azúcar, ¿con moño?".to_string()),
        "accents survive"
    );
    let address = order
        .shipping_address
        .expect("a delivery order has an address");
    assert!(
        printed.lines.contains(&address.line1),
        "the address is on the slip"
    );

    let (port, job) = stand_in().await;
    with_printer(
        &desk,
        PrintTarget::Network {
            host: "127.0.0.1".into(),
            port,
        },
        PaperWidth::Mm58,
    )
    .await;
    desk.print_test().await.expect("test page");
    let test = decode(&job.await.expect("stand-in"));
    assert!(
        test.lines
            .iter()
            .any(|l| l.contains("áéíóú ÁÉÍÓÚ ñÑ üÜ ¿? ¡! $ €")),
        "{:#?}",
        test.lines
    );
}

#[tokio::test]
async fn a_failed_print_says_why_and_leaves_the_order_alone() {
    let backend = Backend::spawn(0);
    let order = backend.create_order(json!({"fulfillment": "pickup"})).await;
    let dir = tempfile::tempdir().expect("dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let err = desk
        .print_order(&order.id, SlipKind::Receipt)
        .await
        .expect_err("no printer");
    assert!(
        err.text.es.contains("Configura la impresora"),
        "{}",
        err.text.es
    );
    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    with_printer(
        &desk,
        PrintTarget::Network {
            host: "127.0.0.1".into(),
            port,
        },
        PaperWidth::Mm80,
    )
    .await;
    let before = desk.get_order(&order.id).await.expect("cached");
    let err = desk
        .print_order(&order.id, SlipKind::Kitchen)
        .await
        .expect_err("refused");
    assert!(
        err.text.es.contains(&format!("127.0.0.1:{port}")),
        "it names the printer: {}",
        err.text.es
    );
    assert!(
        err.text.en.contains("The order is unchanged"),
        "{}",
        err.text.en
    );
    let after = desk.get_order(&order.id).await.expect("cached");
    assert_eq!(after.order, before.order, "the order is untouched");
    assert!(
        desk.outbox().await.expect("outbox").is_empty(),
        "nothing queued"
    );
}

#[tokio::test]
async fn a_device_file_printer_gets_the_same_bytes() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("lp0");
    std::fs::write(&path, b"").expect("device stand-in");
    let bytes = slip::render(
        &slip::receipt(&sample(), &shop(), Language::En, PaperWidth::Mm80),
        PaperWidth::Mm80,
    );
    let target = PrintTarget::Device {
        path: path.display().to_string(),
    };
    mostrador_core::print::send(&target, &bytes, Duration::from_secs(2))
        .await
        .expect("written");
    let printed = decode(&std::fs::read(&path).expect("read back"));
    assert!(
        printed.lines.iter().any(|l| l.trim() == "Thank you!"),
        "{:#?}",
        printed.lines
    );
    let missing = PrintTarget::Device {
        path: dir.path().join("nope/lp9").display().to_string(),
    };
    let err = mostrador_core::print::send(&missing, &bytes, Duration::from_secs(2))
        .await
        .expect_err("no device");
    assert!(err.text.es.contains("lp9"), "{}", err.text.es);
}

#[tokio::test]
async fn with_auto_print_on_each_new_order_prints_one_slip() {
    let backend = Backend::spawn(0);
    let dir = tempfile::tempdir().expect("dir");
    let desk = connected_desk(&backend, dir.path()).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let jobs = std::sync::Arc::new(tokio::sync::Mutex::new(Vec::<Vec<u8>>::new()));
    let sink = jobs.clone();
    let server = tokio::spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.expect("accept");
            let mut bytes = Vec::new();
            socket.read_to_end(&mut bytes).await.expect("read");
            sink.lock().await.push(bytes);
        }
    });
    let settings = Settings {
        printer: Some(PrinterSettings {
            target: PrintTarget::Network {
                host: "127.0.0.1".into(),
                port,
            },
            width: PaperWidth::Mm80,
            auto_print: true,
        }),
        ..desk.settings().await.expect("settings")
    };
    desk.set_settings(settings).await.expect("saved");
    let order = backend.create_order(json!({"fulfillment": "pickup"})).await;
    desk.sync_now().await.expect("sync");
    let mut waited = 0;
    while jobs.lock().await.is_empty() && waited < 50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    desk.sync_now().await.expect("a sync with nothing new");
    let other = backend
        .create_order(json!({"fulfillment": "delivery"}))
        .await;
    desk.sync_now().await.expect("sync");
    let mut waited = 0;
    while jobs.lock().await.len() < 2 && waited < 50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.abort();
    let jobs = jobs.lock().await;
    assert_eq!(jobs.len(), 2, "one slip per new order, none twice");
    let first = decode(&jobs[0]);
    assert!(
        first.lines.contains(&format!("#{}", order.number)),
        "{:#?}",
        first.lines
    );
    let second = decode(&jobs[1]);
    assert!(second.lines.contains(&format!("#{}", other.number)));
}

#[tokio::test]
async fn an_automatic_slip_that_does_not_print_tells_the_owner_why_and_the_order_goes_on() {
    let backend = Backend::spawn(0);
    let dir = tempfile::tempdir().expect("dir");
    let desk = connected_desk(&backend, dir.path()).await;
    // A port nothing listens on: the printer is off.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let settings = Settings {
        language: mostrador_core::view::Language::En,
        printer: Some(PrinterSettings {
            target: PrintTarget::Network {
                host: "127.0.0.1".into(),
                port,
            },
            width: PaperWidth::Mm58,
            auto_print: true,
        }),
        ..desk.settings().await.expect("settings")
    };
    desk.set_settings(settings).await.expect("saved");
    let mut events = desk.subscribe();
    let order = backend.create_order(json!({"fulfillment": "pickup"})).await;
    desk.sync_now()
        .await
        .expect("the sync is not held up by the printer");
    let failed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if let Ok(mostrador_core::desk::DeskEvent::PrintFailed(p)) = events.recv().await {
                return p;
            }
        }
    })
    .await
    .expect("the owner is told within the print timeout");
    assert_eq!(failed.order_id, order.id);
    assert_eq!(failed.order_number, order.number);
    assert!(
        failed
            .message
            .starts_with(&format!("Order #{}'s slip did not print: ", order.number)),
        "in the owner's language, with the order: {}",
        failed.message
    );
    assert!(
        !failed.message.contains("pedido") && failed.message.len() > 40,
        "and why: {}",
        failed.message
    );
    let detail = desk.get_order(&order.id).await.expect("detail");
    assert_eq!(detail.order.id, order.id, "the order is there, untouched");
}
