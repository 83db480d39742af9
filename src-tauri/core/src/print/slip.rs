//! What a kitchen/pick slip and a customer receipt say, line by line, in the store's
//! language, currency and time zone — pure, then rendered to ESC/POS bytes ([`render`]).

use chrono::{DateTime, Utc};

use crate::model::{Fulfillment, Order, PaymentMethod, Shop};
use crate::money::Money;
use crate::text::Language;

use super::escpos::{Align, Escpos, PaperWidth};

/// How a line prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Plain.
    Normal,
    /// Bold.
    Bold,
    /// Double width and height, bold.
    Big,
}

/// One printed line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlipLine {
    /// The text (wrapped to the paper when rendered).
    pub text: String,
    /// How it prints.
    pub style: Style,
    /// Centred or left.
    pub centered: bool,
}

fn plain(text: impl Into<String>) -> SlipLine {
    SlipLine {
        text: text.into(),
        style: Style::Normal,
        centered: false,
    }
}

fn bold(text: impl Into<String>) -> SlipLine {
    SlipLine {
        style: Style::Bold,
        ..plain(text)
    }
}

fn big_center(text: impl Into<String>) -> SlipLine {
    SlipLine {
        style: Style::Big,
        centered: true,
        ..plain(text)
    }
}

fn rule(width: PaperWidth) -> SlipLine {
    plain("-".repeat(width.chars()))
}

/// `left` and `right` on one line, `right` flush right (`left` cut if both do not fit).
pub fn columns(left: &str, right: &str, width: usize) -> String {
    let right_len = right.chars().count();
    let room = width.saturating_sub(right_len + 1);
    let left: String = left.chars().take(room).collect();
    let gap = width.saturating_sub(left.chars().count() + right_len);
    format!("{left}{}{right}", " ".repeat(gap.max(1)))
}

fn pick(language: Language, es: &str, en: &str) -> String {
    language.pick(es, en).to_string()
}

fn local(at: DateTime<Utc>, store: &Shop) -> String {
    at.with_timezone(&store.tz())
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

fn fulfilment(f: Fulfillment, language: Language) -> String {
    match f {
        Fulfillment::Pickup => pick(language, "PARA RECOGER", "PICKUP"),
        Fulfillment::Delivery => pick(language, "A DOMICILIO", "DELIVERY"),
        Fulfillment::Parcel => pick(language, "PAQUETERÍA", "PARCEL"),
        Fulfillment::Unknown => String::new(),
    }
}

fn method(m: PaymentMethod, language: Language) -> String {
    match m {
        PaymentMethod::Card => pick(language, "Tarjeta", "Card"),
        PaymentMethod::Cash => pick(language, "Efectivo", "Cash"),
        PaymentMethod::Transfer => pick(language, "Transferencia", "Transfer"),
        PaymentMethod::Other | PaymentMethod::Unknown => pick(language, "Otro", "Other"),
    }
}

/// The kitchen/pick slip: number, time, pickup or delivery, scheduled time, items with
/// quantities, the customer's notes, the staff notes and the address.
pub fn kitchen_slip(
    order: &Order,
    store: &Shop,
    language: Language,
    width: PaperWidth,
) -> Vec<SlipLine> {
    let mut lines = vec![
        big_center(format!("#{}", order.number)),
        SlipLine {
            centered: true,
            ..bold(fulfilment(order.fulfillment, language))
        },
        plain(local(order.created_at, store)),
    ];
    if let Some(at) = order.scheduled_for {
        let time = at.with_timezone(&store.tz()).format("%H:%M").to_string();
        lines.push(bold(
            language.pick(format!("PARA LAS {time}"), format!("FOR {time}")),
        ));
    }
    lines.push(plain(order.customer.name.clone()));
    if let Some(phone) = &order.customer.phone {
        lines.push(plain(phone.clone()));
    }
    lines.push(rule(width));
    for item in &order.items {
        lines.push(bold(format!("{} x {}", item.quantity, item.name)));
    }
    lines.push(rule(width));
    if let Some(notes) = order.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        lines.push(plain(format!(
            "{}: {notes}",
            pick(language, "Nota", "Note")
        )));
    }
    for note in &order.staff_notes {
        lines.push(plain(format!(
            "{}: {}",
            pick(language, "Tienda", "Shop"),
            note.text
        )));
    }
    if let Some(address) = &order.shipping_address {
        lines.push(bold(pick(language, "Entregar en:", "Deliver to:")));
        lines.push(plain(address.line1.clone()));
        if let Some(line2) = &address.line2 {
            lines.push(plain(line2.clone()));
        }
        let city = [&address.city, &address.region, &address.postal_code]
            .into_iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if !city.is_empty() {
            lines.push(plain(city));
        }
        if let Some(reference) = &address.reference {
            lines.push(plain(reference.clone()));
        }
    }
    lines
}

/// The customer receipt: shop name, items, totals, payments, refund if any.
pub fn receipt(
    order: &Order,
    store: &Shop,
    language: Language,
    width: PaperWidth,
) -> Vec<SlipLine> {
    let w = width.chars();
    let locale = store.locale();
    let money = |minor: i64| Money::new(minor, order.currency).format(locale);
    // Double size only when the name fits on one line of it.
    let name = if store.name.chars().count() <= w / 2 {
        big_center(store.name.clone())
    } else {
        SlipLine {
            centered: true,
            ..bold(store.name.clone())
        }
    };
    let mut lines = vec![
        name,
        SlipLine {
            centered: true,
            ..plain(format!(
                "{} #{}",
                pick(language, "Pedido", "Order"),
                order.number
            ))
        },
        SlipLine {
            centered: true,
            ..plain(local(order.created_at, store))
        },
        rule(width),
    ];
    for item in &order.items {
        let left = format!("{} x {}", item.quantity, item.name);
        lines.push(plain(columns(&left, &money(item.total), w)));
    }
    lines.push(rule(width));
    lines.push(bold(columns("TOTAL", &money(order.total), w)));
    for p in &order.payments {
        lines.push(plain(columns(
            &method(p.method, language),
            &money(p.amount),
            w,
        )));
    }
    let paid_label = pick(language, "Pagado", "Paid");
    lines.push(plain(columns(&paid_label, &money(order.paid), w)));
    let due = order.due().minor;
    if due > 0 && order.status != crate::model::OrderStatus::Cancelled {
        let label = pick(language, "Por pagar", "Due");
        lines.push(bold(columns(&label, &money(due), w)));
    }
    if order.refunded > 0 {
        let label = pick(language, "Reembolso", "Refund");
        lines.push(plain(columns(
            &label,
            &format!("-{}", money(order.refunded)),
            w,
        )));
    }
    lines.push(SlipLine {
        centered: true,
        ..plain(pick(language, "¡Gracias por su compra!", "Thank you!"))
    });
    lines
}

/// "Imprimir prueba": the shop, the paper width and every accent the page must carry.
pub fn test_page(
    store: &Shop,
    language: Language,
    width: PaperWidth,
    now: DateTime<Utc>,
) -> Vec<SlipLine> {
    vec![
        big_center(pick(language, "Prueba", "Test")),
        SlipLine {
            centered: true,
            ..plain(store.name.clone())
        },
        plain(format!(
            "{} {} mm · {}",
            pick(language, "Papel", "Paper"),
            if width == PaperWidth::Mm58 { 58 } else { 80 },
            local(now, store)
        )),
        plain("áéíóú ÁÉÍÓÚ ñÑ üÜ ¿? ¡! $ €"),
        rule(width),
    ]
}

/// Wraps `text` to `width` characters at spaces (a longer word is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let mut word: String = word.to_string();
        loop {
            let used = current.chars().count();
            let len = word.chars().count();
            if used == 0 && len <= width {
                current = word;
                break;
            }
            if used > 0 && used + 1 + len <= width {
                current.push(' ');
                current.push_str(&word);
                break;
            }
            if used > 0 {
                out.push(std::mem::take(&mut current));
                continue;
            }
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            out.push(head);
        }
    }
    if !current.is_empty() || out.is_empty() {
        out.push(current);
    }
    out
}

/// The lines as ESC/POS bytes for `width` paper, ending in a cut.
pub fn render(lines: &[SlipLine], width: PaperWidth) -> Vec<u8> {
    let mut job = Escpos::new();
    for line in lines {
        let chars = if line.style == Style::Big {
            width.chars() / 2
        } else {
            width.chars()
        };
        job = job.align(if line.centered {
            Align::Center
        } else {
            Align::Left
        });
        job = match line.style {
            Style::Normal => job,
            Style::Bold => job.bold(true),
            Style::Big => job.bold(true).big(true),
        };
        for part in wrap(&line.text, chars) {
            job = job.line(&part);
        }
        job = match line.style {
            Style::Normal => job,
            Style::Bold => job.bold(false),
            Style::Big => job.big(false).bold(false),
        };
    }
    job.align(Align::Left).cut().bytes()
}
