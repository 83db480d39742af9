//! Money as integer minor units of an ISO 4217 currency: parsing what the owner types and
//! formatting amounts the way a shop in Mexico or Chile writes them. Never floats.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

use crate::model::Locale;
use crate::text::Text;

/// An ISO 4217 currency code, e.g. `MXN` or `CLP`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(export, type = "string")]
pub struct Currency([u8; 3]);

impl Currency {
    /// Mexican peso, two decimals.
    pub const MXN: Currency = Currency(*b"MXN");
    /// Chilean peso, no decimals.
    pub const CLP: Currency = Currency(*b"CLP");
    /// US dollar, two decimals.
    pub const USD: Currency = Currency(*b"USD");

    /// Parses a three-letter code (case-insensitive).
    pub fn parse(code: &str) -> Option<Currency> {
        let bytes = code.trim().as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        let mut out = [0u8; 3];
        for (o, b) in out.iter_mut().zip(bytes) {
            *o = b.to_ascii_uppercase();
        }
        Some(Currency(out))
    }

    /// The code as text.
    pub fn code(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// How many decimals the currency's minor unit has (ISO 4217).
    pub fn decimals(&self) -> u32 {
        match self.code() {
            "CLP" | "JPY" | "KRW" | "PYG" | "ISK" | "VND" | "UYI" | "XAF" | "XOF" => 0,
            "BHD" | "KWD" | "OMR" | "JOD" | "TND" | "LYD" | "IQD" => 3,
            _ => 2,
        }
    }

    fn scale(&self) -> i64 {
        10_i64.pow(self.decimals())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Currency::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not an ISO 4217 code: {text:?}")))
    }
}

/// An amount in integer minor units of a currency (MXN 45000 = $450.00; CLP 45000 = $45.000).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Money {
    /// Minor units (centavos for MXN, pesos for CLP).
    #[ts(type = "number")]
    pub minor: i64,
    /// ISO 4217 code.
    pub currency: Currency,
}

/// Why an amount the owner typed was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Nothing typed.
    #[error("Enter an amount.")]
    Empty,
    /// Letters or symbols that are not part of an amount.
    #[error("\"{0}\" is not a valid amount.")]
    NotANumber(String),
    /// A minus sign.
    #[error("The amount cannot be negative.")]
    Negative,
    /// More decimals than the currency has.
    #[error("{currency} allows at most {decimals} decimals.")]
    TooManyDecimals {
        /// The currency.
        currency: Currency,
        /// Its decimals.
        decimals: u32,
    },
    /// Larger than any real order.
    #[error("The amount is too large.")]
    TooLarge,
    /// One separator followed by exactly three digits, in a currency with two decimals:
    /// "12.505" may be twelve thousand five hundred five or twelve and a half. Both readings
    /// come written the unambiguous way.
    #[error("Did you mean {thousands} or {decimal}?")]
    Ambiguous {
        /// The separator read as thousands, e.g. "12,505.00".
        thousands: String,
        /// The separator read as the decimal mark, cut to the currency's decimals, e.g. "12.50".
        decimal: String,
    },
}

impl MoneyError {
    /// What to tell the owner, in both languages.
    pub fn text(&self) -> Text {
        match self {
            MoneyError::Empty => Text::new("Escribe un monto.", "Enter an amount."),
            MoneyError::NotANumber(t) => Text::new(
                format!("\"{t}\" no es un monto válido."),
                format!("\"{t}\" is not a valid amount."),
            ),
            MoneyError::Negative => Text::new(
                "El monto no puede ser negativo.",
                "The amount cannot be negative.",
            ),
            MoneyError::TooManyDecimals { currency, decimals } => Text::new(
                format!("{currency} admite como máximo {decimals} decimales."),
                format!("{currency} allows at most {decimals} decimals."),
            ),
            MoneyError::TooLarge => {
                Text::new("El monto es demasiado grande.", "The amount is too large.")
            }
            MoneyError::Ambiguous { thousands, decimal } => Text::new(
                format!("¿Quisiste decir {thousands} o {decimal}?"),
                format!("Did you mean {thousands} or {decimal}?"),
            ),
        }
    }
}

impl Money {
    /// An amount from minor units.
    pub const fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// Parses what an owner types: "450", "450.50", "450,50", "$1.234,50", "1,234.50",
    /// "$45.000" (CLP). When both `.` and `,` appear the last one is the decimal mark. A
    /// single separator followed by exactly three digits groups thousands in a currency
    /// without decimals ("45.000" CLP), is refused as [`MoneyError::Ambiguous`] in one with
    /// two ("12.505" MXN: 12,505.00 or 12.50?), and is the decimal mark in one with three
    /// ("1.500" KWD, as the app shows 1.5 dinars); otherwise it is the decimal mark. Negative
    /// amounts, letters and extra decimals are refused.
    pub fn parse(input: &str, currency: Currency) -> Result<Money, MoneyError> {
        let mut text: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        for prefix in ["MX$", "CLP$", "CL$", "US$"] {
            if let Some(rest) = text.strip_prefix(prefix) {
                text = rest.to_string();
            }
        }
        let code = currency.code();
        if let Some(rest) = text.strip_suffix(code).or_else(|| text.strip_prefix(code)) {
            text = rest.to_string();
        }
        if text.starts_with('-') || text.starts_with("$-") {
            return Err(MoneyError::Negative);
        }
        let text = text.strip_prefix('$').unwrap_or(&text).to_string();
        if text.is_empty() {
            return Err(if input.trim().is_empty() {
                MoneyError::Empty
            } else {
                MoneyError::NotANumber(input.trim().to_string())
            });
        }
        if text.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        if !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            || !text.starts_with(|c: char| c.is_ascii_digit())
        {
            return Err(MoneyError::NotANumber(input.trim().to_string()));
        }
        let decimals = currency.decimals();
        if let Some(err) = ambiguity(&text, decimals) {
            return Err(err);
        }
        let (int_part, frac_part) = split_decimal(&text, decimals)
            .ok_or_else(|| MoneyError::NotANumber(input.trim().to_string()))?;
        let frac_trimmed = frac_part.trim_end_matches('0');
        if frac_trimmed.len() > decimals as usize {
            return Err(MoneyError::TooManyDecimals { currency, decimals });
        }
        let int_value: i64 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| MoneyError::TooLarge)?
        };
        let mut frac_value: i64 = 0;
        for i in 0..decimals as usize {
            let digit = frac_trimmed
                .as_bytes()
                .get(i)
                .map_or(0, |b| i64::from(b - b'0'));
            frac_value = frac_value * 10 + digit;
        }
        let minor = int_value
            .checked_mul(currency.scale())
            .and_then(|v| v.checked_add(frac_value))
            .filter(|v| *v <= MAX_MINOR)
            .ok_or(MoneyError::TooLarge)?;
        Ok(Money { minor, currency })
    }

    /// Formats for people: `$1,234.50` (es-MX, en), `$1.234,50` (es-CL), `$45.000` (CLP).
    pub fn format(&self, locale: Locale) -> String {
        let (group, decimal) = match locale {
            Locale::EsCl => ('.', ','),
            Locale::EsMx | Locale::En => {
                // CLP is always grouped with dots: "$45.000" is how Chileans read it.
                if self.currency == Currency::CLP {
                    ('.', ',')
                } else {
                    (',', '.')
                }
            }
        };
        let scale = self.currency.scale();
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let int = abs / scale as u64;
        let frac = abs % scale as u64;
        let digits = int.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(group);
            }
            grouped.push(ch);
        }
        let decimals = self.currency.decimals() as usize;
        if decimals == 0 {
            format!("{sign}${grouped}")
        } else {
            format!("{sign}${grouped}{decimal}{frac:0decimals$}")
        }
    }
}

/// The largest amount accepted from input: 10^15 minor units.
const MAX_MINOR: i64 = 1_000_000_000_000_000;

/// `Some(Ambiguous)` when `text` (digits and separators only) has exactly one separator, followed
/// by exactly three digits, before which stand 1–3 digits not starting with 0 (so it could group
/// thousands), in a currency with two decimals.
fn ambiguity(text: &str, decimals: u32) -> Option<MoneyError> {
    if decimals != 2 {
        return None;
    }
    let at = text.find(['.', ','])?;
    let (int, rest) = (&text[..at], &text[at + 1..]);
    let could_group = (1..=3).contains(&int.len()) && !int.starts_with('0');
    if !could_group || rest.len() != 3 || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(MoneyError::Ambiguous {
        thousands: format!("{int},{rest}.00"),
        decimal: format!("{int}.{}", &rest[..2]),
    })
}

/// Splits "1.234,50" into ("1234", "50"), following the rules of [`Money::parse`]
/// (an ambiguous text was refused before).
fn split_decimal(text: &str, decimals: u32) -> Option<(String, String)> {
    let dots = text.matches('.').count();
    let commas = text.matches(',').count();
    let decimal_mark = match (dots, commas) {
        (0, 0) => None,
        (_, 0) | (0, _) => {
            let mark = if dots > 0 { '.' } else { ',' };
            let count = dots + commas;
            let after = text.rsplit(mark).next().unwrap_or("");
            // With two decimals, three digits after a lone mark that could group thousands
            // were refused as ambiguous; what is left ("1234.505", "0.505") cannot group
            // thousands, so the mark is the decimal one (and "0.500" is half a peso). With
            // three ("1.500" KWD) they are the decimals: what the app shows reads back as
            // itself. Only a currency without decimals groups them ("45.000" CLP).
            if count > 1 || (after.len() == 3 && decimals == 0) {
                None
            } else {
                Some(mark)
            }
        }
        _ => {
            let last_dot = text.rfind('.')?;
            let last_comma = text.rfind(',')?;
            Some(if last_dot > last_comma { '.' } else { ',' })
        }
    };
    let (int_raw, frac) = match decimal_mark {
        Some(mark) => {
            let idx = text.rfind(mark)?;
            (&text[..idx], &text[idx + 1..])
        }
        None => (text, ""),
    };
    if frac.contains(['.', ',']) {
        return None;
    }
    // Group separators must separate groups of three digits.
    let groups: Vec<&str> = int_raw.split(['.', ',']).collect();
    if groups.len() > 1 {
        let first_ok = !groups[0].is_empty() && groups[0].len() <= 3;
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return None;
        }
        // Thousands must use a single mark.
        let mark_count = int_raw.matches('.').count().min(1) + int_raw.matches(',').count().min(1);
        if mark_count > 1 {
            return None;
        }
    }
    Some((groups.concat(), frac.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_iso_4217() {
        assert_eq!(Currency::MXN.decimals(), 2);
        assert_eq!(Currency::CLP.decimals(), 0);
    }
}

/// What to do with fraction digits past a currency's decimals in a platform's decimal string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtraDigits {
    /// Refuse them unless they are zeros (`"16800.0"` in CLP is fine, `"450.001"` in MXN not).
    Refuse,
    /// Round half away from zero, in integers.
    Round,
}

/// A platform's decimal string (`"450.00"`, `"16800"`, `"-2500"`) in integer minor units of
/// `currency`, never through a float. `negative`: whether a leading `-` is allowed. The one
/// parser behind every connector (WooCommerce rounds, Shopify refuses extra digits).
pub fn decimal_to_minor(
    text: &str,
    currency: Currency,
    extra: ExtraDigits,
    negative: bool,
) -> Result<i64, String> {
    let text = text.trim();
    let bad = || format!("{text:?} is not a decimal amount");
    let (minus, digits) = match text.strip_prefix('-') {
        Some(rest) if negative => (true, rest),
        Some(_) => return Err(bad()),
        None => (false, text),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if (whole.is_empty() && frac.is_empty())
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let decimals = currency.decimals() as usize;
    let (kept, rest) = frac.split_at(frac.len().min(decimals));
    let round_up = match extra {
        ExtraDigits::Refuse if rest.bytes().any(|b| b != b'0') => {
            return Err(format!("{text:?} has more decimals than {currency}"));
        }
        ExtraDigits::Refuse => false,
        ExtraDigits::Round => rest.as_bytes().first().is_some_and(|b| *b >= b'5'),
    };
    let too_large = || format!("{text:?} is too large");
    let mut minor: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| too_large())?
    };
    for i in 0..decimals {
        let digit = kept.as_bytes().get(i).map_or(0, |b| i64::from(b - b'0'));
        minor = minor
            .checked_mul(10)
            .and_then(|m| m.checked_add(digit))
            .ok_or_else(too_large)?;
    }
    let minor = minor
        .checked_add(i64::from(round_up))
        .ok_or_else(too_large)?;
    Ok(if minus { -minor } else { minor })
}
