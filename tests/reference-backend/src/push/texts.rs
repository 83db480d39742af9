//! The words of a push, in Spanish or English (the device's `lang`), with amounts in the
//! order's currency and times in the store's time zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::model::Order;

use super::Step;

/// Title and body of `step` for `order`, in `lang` (`en`, else Spanish).
pub fn words(step: Step, order: &Order, lang: &str, tz: Tz, at: DateTime<Utc>) -> (String, String) {
    let en = lang == "en";
    let n = &order.number;
    let who = format!(
        "{} · {}",
        order.customer.name,
        money(order.total, &order.currency)
    );
    let pick = |es: String, english: String| if en { english } else { es };
    match step {
        Step::NewOrder => (
            pick(format!("Nuevo pedido #{n}"), format!("New order #{n}")),
            who,
        ),
        Step::FirstReminder | Step::SecondReminder => {
            let waited = waited((at - order.created_at).num_seconds().max(0));
            (
                pick(
                    format!("Pedido #{n} sin atender"),
                    format!("Order #{n} is waiting"),
                ),
                pick(
                    format!("Lleva {waited} esperando · {who}"),
                    format!("Waiting for {waited} · {who}"),
                ),
            )
        }
        Step::AutoCancelWarning => {
            let when = order
                .auto_cancel_at
                .map(|t| t.with_timezone(&tz).format("%H:%M").to_string())
                .unwrap_or_default();
            (
                pick(
                    format!("Pedido #{n} por cancelarse"),
                    format!("Order #{n} will be cancelled"),
                ),
                pick(
                    format!("Se cancelará automáticamente a las {when}"),
                    format!("It will be cancelled automatically at {when}"),
                ),
            )
        }
        Step::AutoCancelled => {
            let refund = order.cancellation.as_ref().map_or(0, |c| c.refund_amount);
            let refund = money(refund, &order.currency);
            (
                pick(
                    format!("Pedido #{n} cancelado"),
                    format!("Order #{n} cancelled"),
                ),
                pick(
                    format!("Cancelado por falta de atención, reembolso de {refund}"),
                    format!("Cancelled for lack of attention, refund of {refund}"),
                ),
            )
        }
        Step::OrderError => {
            let message = order
                .error
                .as_ref()
                .map(|e| e.message.clone())
                .unwrap_or_default();
            (
                pick(
                    format!("Problema con el pedido #{n}"),
                    format!("Problem with order #{n}"),
                ),
                message,
            )
        }
    }
}

/// "20 s" under a minute, else whole minutes.
pub fn waited(secs: i64) -> String {
    if secs < 60 {
        format!("{secs} s")
    } else {
        format!("{} min", secs / 60)
    }
}

/// `$1,234.50` (MXN, two decimals) or `$1.234` (CLP, none): minor units as the store writes them.
pub fn money(minor: i64, currency: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let minor = minor.unsigned_abs();
    if currency == "CLP" {
        return format!("{sign}${}", group(minor, '.'));
    }
    format!("{sign}${}.{:02}", group(minor / 100, ','), minor % 100)
}

fn group(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_the_way_the_store_writes_them() {
        assert_eq!(money(45_000, "MXN"), "$450.00", "MXN has two decimals");
        assert_eq!(
            money(123_450, "MXN"),
            "$1,234.50",
            "MXN groups thousands with commas"
        );
        assert_eq!(
            money(16_800, "CLP"),
            "$16.800",
            "CLP has no decimals and groups with dots"
        );
        assert_eq!(money(0, "CLP"), "$0", "zero is still an amount");
    }
}
