//! An order as the cache's typed columns see it, and the pure derivations behind them: the
//! creation day in the store's timezone, the counters a row adds to, and the folded search text.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::model::{Order, OrderStatus, PaymentStatus};
use crate::{Error, Result};

/// Bits of `rid` below the creation time: up to 65,536 orders may share one millisecond.
pub(crate) const RID_SHIFT: u32 = 16;

/// The first rid of orders created at `at` (or later): `unix_ms << 16`.
pub(crate) fn rid_floor(at: DateTime<Utc>) -> i64 {
    rid_floor_ms(at.timestamp_millis())
}

/// [`rid_floor`] from unix milliseconds, clamped so the shift cannot overflow.
pub(crate) fn rid_floor_ms(ms: i64) -> i64 {
    const LIMIT: i64 = i64::MAX >> (RID_SHIFT + 1);
    ms.clamp(-LIMIT, LIMIT) << RID_SHIFT
}

/// The typed columns of one order as displayed (the server's order or the optimistic one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OrderRow {
    pub number: String,
    pub status: &'static str,
    pub fulfillment: &'static str,
    pub created_at: i64,
    pub auto_cancel_at: Option<i64>,
    pub customer_name: String,
    pub currency: String,
    pub total: i64,
    pub paid: i64,
    pub refunded: i64,
    pub payment_method: &'static str,
    pub payment_status: &'static str,
    pub warehouse: Option<String>,
    pub has_error: bool,
    pub error: Option<String>,
    pub tags: String,
    pub day: String,
    pub search: String,
    pub scheduled_for: Option<i64>,
    pub doc_badges: Option<String>,
}

impl OrderRow {
    /// The row for `order`, its creation day taken in `tz`.
    pub fn from_order(order: &Order, tz: Tz) -> Result<OrderRow> {
        let error = match &order.error {
            Some(e) => Some(serde_json::to_string(e).map_err(Error::internal)?),
            None => None,
        };
        Ok(OrderRow {
            number: order.number.clone(),
            status: order.status.as_str(),
            fulfillment: order.fulfillment.as_str(),
            created_at: order.created_at.timestamp_millis(),
            auto_cancel_at: order.auto_cancel_at.map(|t| t.timestamp_millis()),
            customer_name: order.customer.name.clone(),
            currency: order.currency.code().to_string(),
            total: order.total,
            paid: order.paid,
            refunded: order.refunded,
            payment_method: order.payment.method.as_str(),
            payment_status: order.payment.status.as_str(),
            warehouse: order.warehouse.clone(),
            has_error: order.error.is_some(),
            error,
            tags: serde_json::to_string(&order.tags).map_err(Error::internal)?,
            day: local_day(order.created_at, tz).to_string(),
            search: search_text(order),
            scheduled_for: order.scheduled_for.map(|t| t.timestamp_millis()),
            doc_badges: doc_badges(order)?,
        })
    }

    /// What this row adds to the counters and the daily table.
    pub fn tally(&self) -> Tally {
        Tally::of(
            OrderStatus::from_wire(self.status),
            PaymentStatus::from_wire(self.payment_status),
            self.has_error,
            self.day.clone(),
            self.paid - self.refunded,
        )
    }
}

/// One row's contribution to `counts` and `daily`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Counter keys the row adds one to.
    pub keys: Vec<&'static str>,
    /// Its creation day.
    pub day: String,
    /// paid − refunded.
    pub sales: i64,
    /// 1 unless cancelled: KPIs count orders that were not cancelled.
    pub orders: i64,
}

impl Tally {
    /// The contribution of a row with these columns.
    pub fn of(
        status: OrderStatus,
        payment: PaymentStatus,
        has_error: bool,
        day: String,
        sales: i64,
    ) -> Tally {
        let cancelled = status == OrderStatus::Cancelled;
        let mut keys = vec![COUNT_ALL, status.as_str()];
        if payment == PaymentStatus::Unpaid && !cancelled {
            keys.push(COUNT_UNPAID);
        }
        if !matches!(status, OrderStatus::Delivered | OrderStatus::Cancelled) {
            keys.push(COUNT_INCOMPLETE);
        }
        if has_error {
            keys.push(COUNT_WITH_ERROR);
        }
        Tally {
            keys,
            day,
            sales,
            orders: i64::from(!cancelled),
        }
    }
}

/// The documents as the list row shows them, JSON; `None` without documents.
fn doc_badges(order: &Order) -> Result<Option<String>> {
    if order.documents.is_empty() {
        return Ok(None);
    }
    let badges: Vec<crate::view::DocBadge> = order
        .documents
        .iter()
        .map(|d| crate::view::DocBadge {
            kind: d.kind,
            status: d.status,
            number: d.number.clone(),
        })
        .collect();
    serde_json::to_string(&badges)
        .map(Some)
        .map_err(Error::internal)
}

/// Counter key: every cached order.
pub(crate) const COUNT_ALL: &str = "all";
/// Counter key: unpaid and not cancelled ("sin pagar").
pub(crate) const COUNT_UNPAID: &str = "unpaid";
/// Counter key: neither delivered nor cancelled ("sin completar").
pub(crate) const COUNT_INCOMPLETE: &str = "incomplete";
/// Counter key: error orders ("con error").
pub(crate) const COUNT_WITH_ERROR: &str = "with_error";

/// The calendar date of `at` in the store's timezone.
pub fn local_day(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// The text search matches: number, customer name, phone (also as bare digits from each group
/// on, so "5512345678" and "525512345678" find "+52 55 1234 5678"), e-mail, tags, SKUs and item
/// names, the delivery address and the staff notes, folded by [`fold`].
pub(crate) fn search_text(order: &Order) -> String {
    let mut folded = String::with_capacity(256);
    let mut add = |part: &str| push_words(&mut folded, part);
    add(&order.number);
    add(&order.customer.name);
    if let Some(phone) = &order.customer.phone {
        add(phone);
        for run in digit_runs(phone) {
            add(&run);
        }
    }
    if let Some(email) = &order.customer.email {
        add(email);
    }
    for tag in &order.tags {
        add(tag);
    }
    for item in &order.items {
        add(&item.sku);
        add(&item.name);
    }
    if let Some(address) = &order.shipping_address {
        add(&address.line1);
        for part in [&address.line2, &address.reference].into_iter().flatten() {
            add(part);
        }
        add(&address.city);
        add(&address.postal_code);
    }
    for note in &order.staff_notes {
        add(&note.text);
    }
    folded
}

/// Appends the words of `text` (runs of letters and digits), folded (see [`fold`]), each
/// preceded by one space: " ana rojas 85 example com" for "Ana.Rojas85@example.com", in one
/// pass. The indexed text and search terms alike are built by it, so FTS5 and the scan in
/// `store/search.rs` see the same words, and "a word beginning with x" is the substring " x".
///
/// Letters and digits are separate words: e-mails like `ana.perez85@…` would otherwise make a
/// hundred words begin with "perez", which a search cannot expand into whole words; "perez85"
/// still finds the order, as "perez" and "85…" are both in it.
pub(crate) fn push_words(out: &mut String, text: &str) {
    // Whether the previous character was a digit; `None` between words.
    let mut prev: Option<bool> = None;
    for c in text.chars() {
        // ASCII, nearly all of an order's text, takes the short path.
        if c.is_ascii() {
            push_word_char(out, &mut prev, c.to_ascii_lowercase());
            continue;
        }
        for lower in c.to_lowercase() {
            if let Some(folded) = fold_char(lower) {
                push_word_char(out, &mut prev, folded);
            }
        }
    }
}

#[inline]
fn push_word_char(out: &mut String, prev: &mut Option<bool>, c: char) {
    let (word, digit) = if c.is_ascii() {
        (c.is_ascii_alphanumeric(), c.is_ascii_digit())
    } else {
        (c.is_alphanumeric(), false)
    };
    if !word {
        *prev = None;
        return;
    }
    if *prev != Some(digit) {
        out.push(' ');
    }
    out.push(c);
    *prev = Some(digit);
}

/// The phone's digits joined from each group to the end, for groups after the first:
/// "+52 55 1234 5678" → "525512345678", "5512345678", "12345678".
fn digit_runs(phone: &str) -> Vec<String> {
    let groups: Vec<&str> = phone
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    (0..groups.len().saturating_sub(1))
        .map(|i| groups[i..].concat())
        .collect()
}

/// Lower case without the accents Spanish and its neighbours use, so "Pérez" and "perez" are
/// the same text. FTS5's tokenizer ('ascii') does not fold: the index holds this folding.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// Appends `text` folded (see [`fold`]) to `out`. ASCII takes one branch per byte: the
/// general path (`char::to_lowercase` through iterator adapters) cost ~50 instructions per
/// character.
fn fold_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        out.extend(c.to_lowercase().filter_map(fold_char));
    }
}

/// A lower-case letter without its accent; `None` for a combining accent on its own.
fn fold_char(lower: char) -> Option<char> {
    Some(match lower {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        '\u{300}'..='\u{36f}' => return None,
        other => other,
    })
}

/// The words of a search as FTS5 sees them: runs of letters and digits, folded.
pub fn search_terms(query: &str) -> Vec<String> {
    let mut words = String::with_capacity(query.len() + 8);
    push_words(&mut words, query);
    words
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_spanish_accents_and_case() {
        assert_eq!(
            fold("José Pérez Ñuñoa"),
            "jose perez nunoa",
            "search ignores accents"
        );
    }

    #[test]
    fn search_terms_split_on_punctuation() {
        assert_eq!(
            search_terms(" Pérez, ana@example.com "),
            vec!["perez", "ana", "example", "com"],
            "terms are the runs of letters and digits, as in the indexed text"
        );
        assert_eq!(
            search_terms("Perez85 B2"),
            vec!["perez", "85", "b", "2"],
            "letters and digits are separate words, as in the indexed text"
        );
    }

    #[test]
    fn rid_keeps_creation_order() {
        assert!(
            rid_floor_ms(1) > rid_floor_ms(0),
            "later orders sort after earlier ones"
        );
        assert_eq!(
            rid_floor_ms(i64::MAX),
            (i64::MAX >> 17) << 16,
            "huge times are clamped"
        );
    }
}
