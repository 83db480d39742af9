//! What the commands print: short tables for people, `--json` for scripts.

use mostrador_core::model::{Locale, OrderStatus};
use mostrador_core::money::Money;
use mostrador_core::outbox::reasons::{status_en, status_es};
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

fn status(s: OrderStatus, english: bool) -> &'static str {
    if english { status_en(s) } else { status_es(s) }
}

/// The order list.
pub fn page(page: &OrderPage, locale: Locale, english: bool) {
    for o in &page.orders {
        let amount = Money::new(o.total, o.currency).format(locale);
        let error = if o.error.is_some() { " ⚠" } else { "" };
        let queued = if o.pending_actions > 0 {
            format!(" ({} en cola)", o.pending_actions)
        } else {
            String::new()
        };
        println!(
            "#{:<8} {:<20} {:<24} {:>12} {}{error}{queued}",
            o.number,
            status(o.status, english),
            o.customer_name,
            amount,
            o.fulfillment.as_str(),
        );
    }
}

/// One order.
pub fn detail(d: &OrderDetail, locale: Locale, english: bool) {
    let o = &d.order;
    let money = |m: i64| Money::new(m, o.currency).format(locale);
    println!(
        "#{} · {} · {} · {}",
        o.number,
        status(o.status, english),
        o.fulfillment.as_str(),
        o.id
    );
    println!(
        "{} {}",
        o.customer.name,
        o.customer.phone.as_deref().unwrap_or("")
    );
    println!(
        "total {} · pagado {} · reembolsado {}",
        money(o.total),
        money(o.paid),
        money(o.refunded)
    );
    if let Some(at) = o.scheduled_for {
        println!(
            "{} {}",
            if english {
                "scheduled for"
            } else {
                "programado para"
            },
            at.to_rfc3339()
        );
    }
    if let Some(address) = &o.shipping_address {
        println!(
            "{}: {}",
            if english { "address" } else { "dirección" },
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
            if english { "payment" } else { "pago" },
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
        println!(
            "{} {}",
            if english { "due" } else { "por cobrar" },
            money(d.due)
        );
    }
    for n in &o.staff_notes {
        println!(
            "  {} {}{} — {}",
            if english { "note" } else { "nota" },
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
        "siguiente: {}",
        if next.is_empty() {
            "—".into()
        } else {
            next.join(", ")
        }
    );
    match &d.cancel.reason {
        None => println!("cancelar: sí (hasta {})", money(d.cancel.refundable)),
        Some(why) => println!("cancelar: no — {why}"),
    }
    for a in &d.actions {
        action(a);
    }
}

/// Counts per status.
pub fn counts(c: &Counts) {
    println!(
        "todos {} · pendientes {} · preparando {} · listos {} · enviados {} · entregados {} · cancelados {} · sin pagar {} · sin completar {} · con error {}",
        c.all,
        c.pending,
        c.preparing,
        c.ready,
        c.shipped,
        c.delivered,
        c.cancelled,
        c.unpaid,
        c.incomplete,
        c.with_error
    );
}

/// KPIs.
pub fn kpis(k: &Kpis, locale: Locale) {
    let money = |m: i64| Money::new(m, k.currency).format(locale);
    let t = &k.current;
    println!(
        "{} … {}: ventas {} · pedidos {} · ticket promedio {}",
        t.from,
        t.to,
        money(t.sales),
        t.orders,
        money(t.average_ticket)
    );
}

/// One queued action.
pub fn action(a: &ActionView) {
    let what = match &a.kind {
        ActionKind::Advance { to } => format!("→ {}", to.as_str()),
        ActionKind::Cancel { refund_amount, .. } => format!("cancelar (reembolso {refund_amount})"),
        ActionKind::RetryDocument { document_id } => format!("reintentar {document_id}"),
        ActionKind::Pay { amount, method, .. } => format!("cobrar {amount} ({})", method.as_str()),
        ActionKind::Note { .. } => "nota".to_string(),
        ActionKind::Acknowledge => "atendido".to_string(),
    };
    let state = match a.state {
        ActionState::Pending => "pendiente",
        ActionState::Applied => "aplicada",
        ActionState::Failed => "rechazada",
    };
    let note = a
        .error
        .as_deref()
        .map(|e| format!(" — {e}"))
        .unwrap_or_default();
    println!(
        "{} #{} {what} [{state}, {} intentos]{note}",
        a.id, a.order_number, a.attempts
    );
}

/// The sync summary.
pub fn sync_status(s: &SyncStatus) {
    let state = match &s.state {
        SyncState::NotConnected => "sin conectar".to_string(),
        SyncState::Online => "en línea".to_string(),
        SyncState::Syncing { fetched } => format!("sincronizando ({fetched})"),
        SyncState::Offline { since } => format!("sin conexión desde {since}"),
        SyncState::NeedsReconnect => "hay que volver a conectar".to_string(),
        SyncState::NoKeychain { detail } => format!("sin llavero del sistema: {detail}"),
        SyncState::Error { reason, .. } => format!("error: {reason}"),
    };
    let parked = if s.parked_actions > 0 {
        format!(" · de otra tienda {}", s.parked_actions)
    } else {
        String::new()
    };
    println!(
        "{state} · acciones en cola {} · rechazadas {}{parked}",
        s.pending_actions, s.failed_actions
    );
    // Orders kept in quarantine, refunds queued for long: the owner should know.
    for alert in &s.alerts {
        println!("aviso: {}", alert.es);
    }
}
