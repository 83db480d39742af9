//! Decimal strings as WooCommerce writes them ("16800", "450.00"), held as integer minor units
//! of the store's decimals. Never floats.

/// Parses `"450.00"`, `"450"`, `"-2500"` or `"450.5"` into units of `10^-decimals`.
/// More decimals than the store has are refused.
pub fn parse(text: &str, decimals: u32) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > decimals as usize {
        return None;
    }
    let scale = 10_i64.checked_pow(decimals)?;
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut frac_units: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    frac_units *= 10_i64.pow(decimals - frac.len() as u32);
    let value = whole.checked_mul(scale)?.checked_add(frac_units)?;
    Some(if negative { -value } else { value })
}

/// Writes units of `10^-decimals` as WooCommerce does: `"16800"` (0 decimals), `"450.00"`.
pub fn format(units: i64, decimals: u32) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let abs = units.unsigned_abs();
    if decimals == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10_u64.pow(decimals);
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = decimals as usize
    )
}

/// A line's `price`: a JSON number (an integer when exact, as the real store sends `2500`).
pub fn price_number(total: i64, quantity: i64, decimals: u32) -> serde_json::Value {
    let scale = 10_i64.pow(decimals);
    let q = quantity.max(1);
    if total % (q * scale) == 0 {
        serde_json::json!(total / (q * scale))
    } else {
        // Display only, as WooCommerce does; the amounts themselves stay strings.
        serde_json::json!(total as f64 / (q as f64 * scale as f64))
    }
}
