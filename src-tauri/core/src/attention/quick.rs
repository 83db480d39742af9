//! Quick actions on notifications, decided here so every platform's shell only draws buttons
//! and reports which one was pressed: which buttons a notice carries ([`buttons`]), what a
//! pressed one does to the order as the desk knows it now ([`command_for`]), and the notice
//! that replaces it once done ([`result_text`], "#1042 → Preparando"). Pure: no I/O, no clock.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Notice, QuickAction};
use crate::model::{DocumentStatus, Fulfillment, Order, OrderStatus, StatusLabels};
use crate::text::Language;
use crate::transitions::{is_allowed, next_statuses_for};

/// "Abrir": shows the window on the order. On every notice about an order.
pub const OPEN: &str = "open";
/// "Preparar": Pendiente → Preparando.
pub const PREPARE: &str = "prepare";
/// "Listo": → Listo para entrega.
pub const READY: &str = "ready";
/// "Enviado": → Enviado.
pub const SHIP: &str = "ship";
/// "Entregado": → Entregado.
pub const DELIVER: &str = "deliver";
/// "Reintentar documento": re-issues the order's document in error.
pub const RETRY_DOCUMENT: &str = "retry_document";

/// Every action id a notification may carry, for the mobile action types the UI registers.
pub const ALL: [&str; 6] = [OPEN, PREPARE, READY, SHIP, DELIVER, RETRY_DOCUMENT];

/// What a pressed button does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum QuickCommand {
    /// Show the order (the window opens on it).
    Open,
    /// Move the order to a status, through the outbox.
    Advance {
        /// Target.
        to: OrderStatus,
    },
    /// Re-issue this document, through the outbox.
    RetryDocument {
        /// The document in error.
        document_id: String,
    },
}

/// The action id that moves an order to `to`, if there is a button for it.
pub fn step_action(to: OrderStatus) -> Option<&'static str> {
    match to {
        OrderStatus::Preparing => Some(PREPARE),
        OrderStatus::Ready => Some(READY),
        OrderStatus::Shipped => Some(SHIP),
        OrderStatus::Delivered => Some(DELIVER),
        _ => None,
    }
}

/// What the button of `action_id` says.
pub fn label(action_id: &str, language: Language) -> Option<&'static str> {
    let (es, en) = match action_id {
        OPEN => ("Abrir", "Open"),
        PREPARE => ("Preparar", "Prepare"),
        READY => ("Listo", "Ready"),
        SHIP => ("Enviado", "Shipped"),
        DELIVER => ("Entregado", "Delivered"),
        RETRY_DOCUMENT => ("Reintentar documento", "Retry document"),
        _ => return None,
    };
    Some(language.pick(es, en))
}

fn action(id: &str, language: Language) -> Option<QuickAction> {
    Some(QuickAction {
        id: id.to_string(),
        label: label(id, language)?.to_string(),
    })
}

/// The button for the usual next step of an order in `status` ("Listo" for a pickup being
/// prepared, "Enviado" for a delivery), if any.
pub fn next_step(
    status: OrderStatus,
    fulfillment: Fulfillment,
    language: Language,
) -> Option<QuickAction> {
    let to = *next_statuses_for(status, fulfillment).first()?;
    action(step_action(to)?, language)
}

/// The buttons to draw on `notice`: its quick actions, then "Abrir" when it is about an order.
/// A summary gets none (a click on it opens the app).
pub fn buttons(notice: &Notice, language: Language) -> Vec<QuickAction> {
    let mut out = notice.actions.clone();
    if notice.order_id.is_some() && !out.iter().any(|a| a.id == OPEN) {
        out.extend(action(OPEN, language));
    }
    out
}

/// The name under which a platform registers a set of buttons before showing a notice with
/// them (the notification plugin's action types: Windows toast buttons, macOS actions, iOS
/// categories, Android actions). One name per set and language, so "Preparar · Abrir" and
/// "Listo · Abrir" never share a type, and a language change registers new words instead of
/// showing old ones. `None` for no buttons (a summary: a plain notification).
pub fn action_type_id(buttons: &[QuickAction], language: Language) -> Option<String> {
    if buttons.is_empty() {
        return None;
    }
    let ids: Vec<&str> = buttons.iter().map(|b| b.id.as_str()).collect();
    Some(format!(
        "mostrador.{}.{}",
        language.pick("es", "en"),
        ids.join(".")
    ))
}

/// What pressing `action_id` does to `order` as the desk shows it now; `None` when it no
/// longer applies (the order moved on elsewhere, the document was fixed): the shell then opens
/// the order instead, so the owner sees why.
pub fn command_for(action_id: &str, order: &Order) -> Option<QuickCommand> {
    let to = match action_id {
        OPEN => return Some(QuickCommand::Open),
        RETRY_DOCUMENT => {
            let doc = order
                .documents
                .iter()
                .find(|d| d.status == DocumentStatus::Error)?;
            return Some(QuickCommand::RetryDocument {
                document_id: doc.id.clone(),
            });
        }
        PREPARE => OrderStatus::Preparing,
        READY => OrderStatus::Ready,
        SHIP => OrderStatus::Shipped,
        DELIVER => OrderStatus::Delivered,
        _ => return None,
    };
    is_allowed(order.status, to, order.fulfillment).then_some(QuickCommand::Advance { to })
}

/// The notice that replaces the pressed one: its title and body, and the buttons that make
/// sense next. `order` is the order as the desk shows it after the action was queued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuickResult {
    /// The order.
    pub order_id: String,
    /// "#1042 → Preparando".
    pub title: String,
    /// "Se enviará aunque estés sin conexión." and the like.
    pub body: String,
    /// The next buttons ("Listo", "Abrir").
    pub actions: Vec<QuickAction>,
}

/// Words and buttons for the result of `command` on `order` (already showing its effect).
pub fn result_text(
    order: &Order,
    command: &QuickCommand,
    language: Language,
    labels: &StatusLabels,
) -> QuickResult {
    let n = &order.number;
    let name = |s: OrderStatus| language.pick(labels.get(s), s.name_en()).to_string();
    let saved = || {
        language
            .pick(
                "Guardado; se envía aunque estés sin conexión.",
                "Saved; it is sent even while offline.",
            )
            .to_string()
    };
    let (title, body) = match command {
        QuickCommand::Advance { to } => (format!("#{n} → {}", name(*to)), saved()),
        QuickCommand::RetryDocument { document_id } => (
            language.pick(
                format!("#{n} → reintentando documento {document_id}"),
                format!("#{n} → retrying document {document_id}"),
            ),
            saved(),
        ),
        QuickCommand::Open => (String::new(), String::new()),
    };
    let mut actions: Vec<QuickAction> = next_step(order.status, order.fulfillment, language)
        .into_iter()
        .collect();
    actions.extend(action(OPEN, language));
    QuickResult {
        order_id: order.id.clone(),
        title,
        body,
        actions,
    }
}

/// The words when a pressed button no longer applied (the shell shows it with "Abrir").
pub fn stale_text(order: &Order, language: Language, labels: &StatusLabels) -> QuickResult {
    let n = &order.number;
    let (title, body) = language.pick(
        (
            format!("#{n} ahora está {}", labels.get(order.status)),
            "Ese botón ya no aplica; no se cambió nada.".to_string(),
        ),
        (
            format!("#{n} is now {}", order.status.name_en()),
            "That button no longer applies; nothing was changed.".to_string(),
        ),
    );
    QuickResult {
        order_id: order.id.clone(),
        title,
        body,
        actions: action(OPEN, language).into_iter().collect(),
    }
}
