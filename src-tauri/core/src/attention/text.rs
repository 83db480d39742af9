//! The words of each notice, in Spanish or English, with amounts in the order's currency written
//! the way the store's customers read them and times in the store's timezone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::input::Candidate;
use super::{NoticeKind, QuickAction};
use crate::model::{Locale, OrderErrorCode, OrderStatus, StatusLabels};
use crate::outbox::Action;
use crate::outbox::kind::ActionKind;
use crate::text::Language;

/// How to word notices for one planning pass.
pub(super) struct Texts<'a> {
    language: Language,
    money_locale: Locale,
    tz: Tz,
    labels: &'a StatusLabels,
}

/// What a summary folds, by kind.
#[derive(Debug, Default)]
pub(super) struct Tally {
    /// Distinct pending orders among the folded notices.
    pub pending_orders: usize,
    pub new: usize,
    pub waiting: usize,
    pub warned: usize,
    pub auto_cancelled: usize,
    pub errors: usize,
    pub failed_actions: usize,
}

impl<'a> Texts<'a> {
    /// Spanish texts write amounts per the store's locale; English ones per `Locale::En`.
    pub fn new(language: Language, store_locale: Locale, tz: Tz, labels: &'a StatusLabels) -> Self {
        let money_locale = language.pick(store_locale, Locale::En);
        Texts {
            language,
            money_locale,
            tz,
            labels,
        }
    }

    /// Title and body for an order's notice of `kind`, due at `due_at`.
    pub fn order(
        &self,
        kind: NoticeKind,
        c: &Candidate,
        due_at: DateTime<Utc>,
    ) -> (String, String) {
        let n = &c.number;
        let who = self.who(c);
        match kind {
            NoticeKind::NewOrder => (
                self.pick(format!("Nuevo pedido #{n}"), format!("New order #{n}")),
                who,
            ),
            NoticeKind::FirstReminder | NoticeKind::SecondReminder => {
                // Under a minute (short demo policies) say seconds, never "0 min".
                let secs = (due_at - c.created_at).num_seconds().max(0);
                let waited = if secs < 60 {
                    format!("{secs} s")
                } else {
                    format!("{} min", secs / 60)
                };
                (
                    self.pick(
                        format!("Pedido #{n} sin atender"),
                        format!("Order #{n} is waiting"),
                    ),
                    self.pick(
                        format!("Lleva {waited} esperando · {who}"),
                        format!("Waiting for {waited} · {who}"),
                    ),
                )
            }
            NoticeKind::AutoCancelWarning => (
                self.pick(
                    format!("Pedido #{n} por cancelarse"),
                    format!("Order #{n} is about to be cancelled"),
                ),
                self.warning_body(c),
            ),
            NoticeKind::AutoCancelled => (
                self.pick(
                    format!("Pedido #{n} cancelado"),
                    format!("Order #{n} cancelled"),
                ),
                self.cancelled_body(c),
            ),
            NoticeKind::OrderError => (
                self.pick(
                    format!("Pedido #{n} con error"),
                    format!("Order #{n} has an error"),
                ),
                self.error_body(c),
            ),
            NoticeKind::ActionFailed | NoticeKind::Summary => (String::new(), String::new()),
        }
    }

    /// Title and body for a refused owner action.
    pub fn action(&self, a: &Action) -> (String, String) {
        let n = &a.order_number;
        let what = match &a.kind {
            ActionKind::Advance { to } => self.pick(
                format!("Cambiar a «{}»", self.es_label(*to)),
                format!("Move to “{}”", en_label(*to)),
            ),
            ActionKind::Cancel { .. } => {
                self.pick("Cancelar el pedido".into(), "Cancel the order".into())
            }
            ActionKind::RetryDocument { .. } => {
                self.pick("Reintentar documento".into(), "Retry document".into())
            }
            ActionKind::Pay { .. } => {
                self.pick("Registrar el pago".into(), "Record the payment".into())
            }
            ActionKind::Note { .. } => self.pick("Guardar la nota".into(), "Save the note".into()),
            ActionKind::Acknowledge => self.pick("Atendido".into(), "Seen".into()),
        };
        let why = self.pick_text(a.error.clone().unwrap_or_else(|| {
            crate::text::Text::new("El servidor la rechazó.", "The server refused it.")
        }));
        (
            self.pick(
                format!("No se aplicó tu acción en el pedido #{n}"),
                format!("Your action on order #{n} was refused"),
            ),
            format!("{what}: {why}"),
        )
    }

    /// Title and body of a summary.
    pub fn summary(&self, t: &Tally) -> (String, String) {
        let total = t.new + t.waiting + t.warned + t.auto_cancelled + t.errors + t.failed_actions;
        let title = match t.pending_orders {
            1 => self.pick("1 pedido pendiente".into(), "1 pending order".into()),
            0 => self.pick(
                format!("{total} avisos de pedidos"),
                format!("{total} order notices"),
            ),
            p => self.pick(
                format!("{p} pedidos pendientes"),
                format!("{p} pending orders"),
            ),
        };
        let parts: [(usize, &str, &str, &str, &str); 6] = [
            (t.new, "nuevo", "nuevos", "new", "new"),
            (
                t.waiting,
                "sin atender",
                "sin atender",
                "waiting",
                "waiting",
            ),
            (
                t.warned,
                "por cancelarse",
                "por cancelarse",
                "about to be cancelled",
                "about to be cancelled",
            ),
            (
                t.auto_cancelled,
                "cancelado por falta de atención",
                "cancelados por falta de atención",
                "cancelled for lack of attention",
                "cancelled for lack of attention",
            ),
            (
                t.errors,
                "con error",
                "con error",
                "with an error",
                "with errors",
            ),
            (
                t.failed_actions,
                "acción rechazada",
                "acciones rechazadas",
                "refused action",
                "refused actions",
            ),
        ];
        let body = parts
            .iter()
            .filter(|p| p.0 > 0)
            .map(|&(count, es1, es, en1, en)| {
                let word = if count == 1 {
                    self.language.pick(es1, en1)
                } else {
                    self.language.pick(es, en)
                };
                format!("{count} {word}")
            })
            .collect::<Vec<_>>()
            .join(" · ");
        (title, body)
    }

    /// The buttons that make sense on an order's notice.
    pub fn actions(&self, kind: NoticeKind, c: &Candidate) -> Vec<QuickAction> {
        let pending_step = matches!(
            kind,
            NoticeKind::NewOrder
                | NoticeKind::FirstReminder
                | NoticeKind::SecondReminder
                | NoticeKind::AutoCancelWarning
        );
        if pending_step && c.status == OrderStatus::Pending {
            return vec![QuickAction {
                id: "prepare".into(),
                label: self.pick("Preparar".into(), "Prepare".into()),
            }];
        }
        let document_error = c
            .error
            .as_ref()
            .is_some_and(|e| e.code == OrderErrorCode::DocumentError);
        if kind == NoticeKind::OrderError && document_error {
            return vec![QuickAction {
                id: "retry_document".into(),
                label: self.pick("Reintentar documento".into(), "Retry document".into()),
            }];
        }
        Vec::new()
    }

    fn who(&self, c: &Candidate) -> String {
        let amount = c.total.format(self.money_locale);
        if c.customer_name.trim().is_empty() {
            amount
        } else {
            format!("{} · {amount}", c.customer_name.trim())
        }
    }

    fn warning_body(&self, c: &Candidate) -> String {
        let n = &c.number;
        match c.auto_cancel_at.map(|t| t.with_timezone(&self.tz)) {
            Some(at) => self.pick(
                format!(
                    "Pedido #{n}: se cancelará automáticamente a las {}",
                    at.format("%H:%M")
                ),
                format!(
                    "Order #{n} will be cancelled automatically at {}",
                    at.format("%-I:%M %p")
                ),
            ),
            None => self.pick(
                format!("Pedido #{n}: se cancelará automáticamente pronto"),
                format!("Order #{n} will be cancelled automatically soon"),
            ),
        }
    }

    fn cancelled_body(&self, c: &Candidate) -> String {
        let n = &c.number;
        let refund = c.cancellation.as_ref().map_or(0, |x| x.refund_amount);
        if refund > 0 {
            let amount =
                crate::money::Money::new(refund, c.total.currency).format(self.money_locale);
            self.pick(
                format!("Pedido #{n} cancelado por falta de atención; reembolso de {amount}"),
                format!("Order #{n} was cancelled for lack of attention; refund of {amount}"),
            )
        } else {
            self.pick(
                format!("Pedido #{n} cancelado por falta de atención; sin reembolso"),
                format!("Order #{n} was cancelled for lack of attention; no refund"),
            )
        }
    }

    fn error_body(&self, c: &Candidate) -> String {
        let Some(err) = &c.error else {
            return String::new();
        };
        let what = match err.code {
            OrderErrorCode::Oversell => self.pick(
                "Se vendió más de lo que hay en stock".into(),
                "Sold more than is in stock".into(),
            ),
            OrderErrorCode::DocumentError => self.pick(
                "No se pudo emitir un documento".into(),
                "A document could not be issued".into(),
            ),
            OrderErrorCode::PaymentError => self.pick(
                "Hay un problema con el pago".into(),
                "There is a problem with the payment".into(),
            ),
            OrderErrorCode::ApiError | OrderErrorCode::Unknown => self.pick(
                "La plataforma informó un error".into(),
                "The platform reported an error".into(),
            ),
        };
        let detail = err.message.trim();
        if detail.is_empty() {
            what
        } else {
            format!("{what}: {detail}")
        }
    }

    fn es_label(&self, status: OrderStatus) -> &str {
        self.labels.get(status)
    }

    fn pick(&self, es: String, en: String) -> String {
        self.language.pick(es, en)
    }

    fn pick_text(&self, text: crate::text::Text) -> String {
        text.into_string(self.language)
    }
}

fn en_label(status: OrderStatus) -> &'static str {
    status.name_en()
}
