//! Who did what, in words: "Caja 1 marcó Listo para entrega · 14:05". Pure: the store (time
//! zone, status names), the language and now are passed in.

use chrono::{DateTime, Datelike, Utc};

use crate::model::{Actor, HistoryEntry, OrderStatus, Shop};
use crate::text::Language;

const MONTHS_ES: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "14:05" when `at` is on the same day as `now` in the store's zone, else "15 dic, 14:05"
/// (English: "Dec 15, 14:05").
pub fn when(at: DateTime<Utc>, now: DateTime<Utc>, store: &Shop, language: Language) -> String {
    let tz = store.tz();
    let local = at.with_timezone(&tz);
    let time = local.format("%H:%M");
    if local.date_naive() == now.with_timezone(&tz).date_naive() {
        return time.to_string();
    }
    let month = local.month0() as usize;
    language.pick(
        format!("{} {}, {time}", local.day(), MONTHS_ES[month]),
        format!("{} {}, {time}", MONTHS_EN[month], local.day()),
    )
}

/// The status's name: the store's own label in Spanish, the standard name in English.
fn status_name(status: OrderStatus, store: &Shop, language: Language) -> String {
    language
        .pick(store.label(status), status.name_en())
        .to_string()
}

/// Who, as the line's subject: the device, else "La tienda" / "El cliente" / "La plataforma".
fn who(entry: &HistoryEntry, language: Language) -> String {
    if let Some(device) = entry.device.as_deref().filter(|d| !d.trim().is_empty()) {
        return device.to_string();
    }
    let (es, en) = match entry.by {
        Actor::Customer => ("El cliente", "The customer"),
        Actor::Auto | Actor::System | Actor::Unknown => ("La plataforma", "The platform"),
        Actor::Merchant => ("La tienda", "The shop"),
    };
    language.pick(es, en).to_string()
}

/// One history entry in words.
pub fn history_line(
    entry: &HistoryEntry,
    store: &Shop,
    language: Language,
    now: DateTime<Utc>,
) -> String {
    let at = when(entry.at, now, store, language);
    let what = match (entry.status, entry.by) {
        (OrderStatus::Pending, Actor::Customer) => {
            let line = language.pick("El cliente hizo el pedido", "The customer placed the order");
            return format!("{line} · {at}");
        }
        (OrderStatus::Cancelled, Actor::Auto) => {
            let line = language.pick(
                "Se canceló automáticamente por falta de atención",
                "Cancelled automatically for lack of attention",
            );
            return format!("{line} · {at}");
        }
        (OrderStatus::Cancelled, _) => language
            .pick("canceló el pedido", "cancelled the order")
            .to_string(),
        (status, _) => {
            let name = status_name(status, store, language);
            language.pick(format!("marcó {name}"), format!("marked {name}"))
        }
    };
    format!("{} {what} · {at}", who(entry, language))
}

/// Every entry in words, oldest first.
pub fn history_lines(
    history: &[HistoryEntry],
    store: &Shop,
    language: Language,
    now: DateTime<Utc>,
) -> Vec<String> {
    history
        .iter()
        .map(|e| history_line(e, store, language, now))
        .collect()
}
