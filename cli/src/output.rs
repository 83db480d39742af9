//! What the commands print: short tables for people, `--json` for scripts.

use mostrador_core::model::{Locale, OrderStatus};
use mostrador_core::money::Money;
use mostrador_core::text::Language;
use mostrador_core::view::{
    ActionKind, ActionState, ActionView, Counts, Kpis, OrderDetail, OrderPage, SyncState,
    SyncStatus,
};
use serde::Serialize;

/// Prints `value` as pretty JSON.
pub fn json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(err) => eprintln!("error[internal]: {err}"),
    }
}

fn status(s: OrderStatus, lang: Language) -> &'static str {
    lang.pick(s.name_es(), s.name_en())
}

/// The order list.
pub fn page(page: &OrderPage, locale: Locale, lang: Language) {
    for o in &page.orders {
        let amount = Money::new(o.total, o.currency).format(locale);
        let error = if o.error.is_some() { " ⚠" } else { "" };
        let queued = if o.pending_actions > 0 {
            let n = o.pending_actions;
            lang.pick(format!(" ({n} en cola)"), format!(" ({n} queued)"))
        } else {
            String::new()
        };
        println!(
            "#{:<8} {:<20} {:<24} {:>12} {}{error}{queued}",
            o.number,
            status(o.status, lang),
            o.customer_name,
            amount,
            o.fulfillment.as_str(),
        );
    }
}

/// One order.
pub fn detail(d: &OrderDetail, locale: Locale, lang: Language) {
    let o = &d.order;
    let money = |m: i64| Money::new(m, o.currency).format(locale);
    println!(
        "#{} · {} · {} · {}",
        o.number,
        status(o.status, lang),
        o.fulfillment.as_str(),
        o.id
    );
    println!(
        "{} {}",
        o.customer.name,
        o.customer.phone.as_deref().unwrap_or("")
    );
    let (total, paid, refunded) = (money(o.total), money(o.paid), money(o.refunded));
    println!(
        "{}",
        lang.pick(
            format!("total {total} · pagado {paid} · reembolsado {refunded}"),
            format!("total {total} · paid {paid} · refunded {refunded}"),
        )
    );
    if let Some(at) = o.scheduled_for {
        println!(
            "{} {}",
            lang.pick("programado para", "scheduled for"),
            at.to_rfc3339()
        );
    }
    if let Some(address) = &o.shipping_address {
        println!(
            "{}: {}",
            lang.pick("dirección", "address"),
            address.one_line()
        );
        if let Some(reference) = &address.reference {
            println!("  {reference}");
        }
    }
    for item in &o.items {
        println!("  {} × {} {}", item.quantity, item.name, money(item.total));
    }
    for p in &o.payments {
        println!(
            "  {} {} {} {}{}{}",
            lang.pick("pago", "payment"),
            money(p.amount),
            p.method.as_str(),
            p.at.to_rfc3339(),
            p.reference
                .as_deref()
                .map(|r| format!(" ref {r}"))
                .unwrap_or_default(),
            p.device
                .as_deref()
                .map(|d| format!(" · {d}"))
                .unwrap_or_default(),
        );
    }
    if d.due > 0 && o.status != mostrador_core::model::OrderStatus::Cancelled {
        println!("{} {}", lang.pick("por cobrar", "due"), money(d.due));
    }
    for n in &o.staff_notes {
        println!(
            "  {} {}{} — {}",
            lang.pick("nota", "note"),
            n.at.to_rfc3339(),
            n.device
                .as_deref()
                .map(|d| format!(" · {d}"))
                .unwrap_or_default(),
            n.text
        );
    }
    for line in &d.history_lines {
        println!("  · {line}");
    }
    for doc in &o.documents {
        println!(
            "  doc {} {} {}",
            doc.id,
            doc.kind.as_str(),
            doc.status.as_str()
        );
    }
    let next: Vec<&str> = d.next_statuses.iter().map(|s| s.as_str()).collect();
    println!(
        "{}: {}",
        lang.pick("siguiente", "next"),
        if next.is_empty() {
            "—".into()
        } else {
            next.join(", ")
        }
    );
    let refundable = money(d.cancel.refundable);
    match &d.cancel.reason {
        None => println!(
            "{}",
            lang.pick(
                format!("cancelar: sí (hasta {refundable})"),
                format!("cancel: yes (up to {refundable})"),
            )
        ),
        Some(why) => println!("{}: no — {why}", lang.pick("cancelar", "cancel")),
    }
    for a in &d.actions {
        action(a, lang);
    }
}

/// Counts per status.
pub fn counts(c: &Counts, lang: Language) {
    let parts = [
        ("todos", "all", c.all),
        ("pendientes", "pending", c.pending),
        ("preparando", "preparing", c.preparing),
        ("listos", "ready", c.ready),
        ("enviados", "shipped", c.shipped),
        ("entregados", "delivered", c.delivered),
        ("cancelados", "cancelled", c.cancelled),
        ("sin pagar", "unpaid", c.unpaid),
        ("sin completar", "incomplete", c.incomplete),
        ("con error", "with error", c.with_error),
    ];
    let line: Vec<String> = parts
        .iter()
        .map(|&(es, en, n)| format!("{} {n}", lang.pick(es, en)))
        .collect();
    println!("{}", line.join(" · "));
}

/// KPIs.
pub fn kpis(k: &Kpis, locale: Locale, lang: Language) {
    let money = |m: i64| Money::new(m, k.currency).format(locale);
    let t = &k.current;
    let (sales, orders, ticket) = (money(t.sales), t.orders, money(t.average_ticket));
    println!(
        "{} … {}: {}",
        t.from,
        t.to,
        lang.pick(
            format!("ventas {sales} · pedidos {orders} · ticket promedio {ticket}"),
            format!("sales {sales} · orders {orders} · average ticket {ticket}"),
        )
    );
}

/// One queued action.
pub fn action(a: &ActionView, lang: Language) {
    let what = match &a.kind {
        ActionKind::Advance { to } => format!("→ {}", to.as_str()),
        ActionKind::Cancel { refund_amount, .. } => lang.pick(
            format!("cancelar (reembolso {refund_amount})"),
            format!("cancel (refund {refund_amount})"),
        ),
        ActionKind::RetryDocument { document_id } => lang.pick(
            format!("reintentar {document_id}"),
            format!("retry {document_id}"),
        ),
        ActionKind::Pay { amount, method, .. } => {
            let method = method.as_str();
            lang.pick(
                format!("cobrar {amount} ({method})"),
                format!("take payment {amount} ({method})"),
            )
        }
        ActionKind::Note { .. } => lang.pick("nota", "note").to_string(),
        ActionKind::Acknowledge => lang.pick("atendido", "seen").to_string(),
    };
    let state = match a.state {
        ActionState::Pending => lang.pick("pendiente", "pending"),
        ActionState::Applied => lang.pick("aplicada", "applied"),
        ActionState::Failed => lang.pick("rechazada", "refused"),
    };
    let note = a
        .error
        .as_deref()
        .map(|e| format!(" — {e}"))
        .unwrap_or_default();
    let attempts = lang.pick("intentos", "attempts");
    println!(
        "{} #{} {what} [{state}, {} {attempts}]{note}",
        a.id, a.order_number, a.attempts
    );
}

/// The sync summary.
pub fn sync_status(s: &SyncStatus, lang: Language) {
    let state = match &s.state {
        SyncState::NotConnected => lang.pick("sin conectar", "not connected").to_string(),
        SyncState::Online => lang.pick("en línea", "online").to_string(),
        SyncState::Syncing { fetched } => lang.pick(
            format!("sincronizando ({fetched})"),
            format!("syncing ({fetched})"),
        ),
        SyncState::Offline { since } => lang.pick(
            format!("sin conexión desde {since}"),
            format!("offline since {since}"),
        ),
        SyncState::NeedsReconnect => lang
            .pick("hay que volver a conectar", "connect again")
            .to_string(),
        SyncState::NoKeychain { detail } => lang.pick(
            format!("sin llavero del sistema: {detail}"),
            format!("no system keychain: {detail}"),
        ),
        SyncState::Error {
            reason, reason_en, ..
        } => {
            format!("error: {}", lang.pick(reason, reason_en))
        }
    };
    let parked = if s.parked_actions > 0 {
        let n = s.parked_actions;
        lang.pick(
            format!(" · de otra tienda {n}"),
            format!(" · from another shop {n}"),
        )
    } else {
        String::new()
    };
    let (pending, failed) = (s.pending_actions, s.failed_actions);
    println!(
        "{state} · {}{parked}",
        lang.pick(
            format!("acciones en cola {pending} · rechazadas {failed}"),
            format!("queued actions {pending} · refused {failed}"),
        )
    );
    // Orders kept in quarantine, refunds queued for long: the owner should know.
    for alert in &s.alerts {
        println!(
            "{}: {}",
            lang.pick("aviso", "notice"),
            lang.pick(&alert.es, &alert.en)
        );
    }
}
