//! The counter's actions on the desk: take a payment, write a staff note, and the device
//! name that says who did it.

use crate::error::{Error, Result};
use crate::model::PaymentMethod;
use crate::money::Money;
use crate::outbox::counter::{CashChange, cash_change};
use crate::outbox::kind::ActionKind;
use crate::store::orders;
use crate::view::ActionView;

use super::reads::resolve_order;
use super::{Desk, lock};

impl Desk {
    /// The shell hands in the machine's host name: the device name until the owner picks one.
    pub fn set_host_name(&self, host_name: Option<&str>) {
        *lock(&self.inner.host_name) = host_name.map(str::to_string);
        self.apply_device_name();
    }

    /// The name sent as `Device-Name`: the owner's setting, else the host name.
    pub fn device_name(&self) -> Option<String> {
        let setting = self.read_settings().ok().and_then(|s| s.device_name);
        let host = lock(&self.inner.host_name).clone();
        crate::device::effective_device_name(setting.as_deref(), host.as_deref())
    }

    /// Hands the device name in force to the backend client.
    pub(crate) fn apply_device_name(&self) {
        let name = self.device_name();
        self.inner.sender.set_device_name(name.as_deref());
        if let Some(api) = self.api() {
            api.set_device_name(name.as_deref());
        }
    }

    /// Records a payment typed by the owner ("450,50"), read in the order's currency.
    pub async fn pay(
        &self,
        id: &str,
        amount: &str,
        method: PaymentMethod,
        reference: Option<&str>,
    ) -> Result<ActionView> {
        let currency = self.order_currency(id)?;
        let amount = Money::parse(amount, currency)?;
        self.pay_minor(id, amount.minor, method, reference).await
    }

    /// [`Desk::pay`] with the cash the customer handed over ("500", cash only), for the
    /// platforms that record it.
    pub async fn pay_received(
        &self,
        id: &str,
        amount: &str,
        method: PaymentMethod,
        reference: Option<&str>,
        received: Option<&str>,
    ) -> Result<ActionView> {
        let currency = self.order_currency(id)?;
        let amount = Money::parse(amount, currency)?;
        let received = match received.map(str::trim).filter(|r| !r.is_empty()) {
            Some(text) if method == PaymentMethod::Cash => {
                Some(Money::parse(text, currency)?.minor)
            }
            _ => None,
        };
        self.pay_minor_received(id, amount.minor, method, reference, received)
            .await
    }

    /// Records a payment in minor units: queued, exactly once, and shown at once.
    pub async fn pay_minor(
        &self,
        id: &str,
        amount_minor: i64,
        method: PaymentMethod,
        reference: Option<&str>,
    ) -> Result<ActionView> {
        self.pay_minor_received(id, amount_minor, method, reference, None)
            .await
    }

    /// [`Desk::pay_minor`] with the cash handed over (`received`, minor units; cash only), so
    /// a platform that has a place for it records "Recibido $500 · Vuelto $50".
    pub async fn pay_minor_received(
        &self,
        id: &str,
        amount_minor: i64,
        method: PaymentMethod,
        reference: Option<&str>,
        received: Option<i64>,
    ) -> Result<ActionView> {
        self.queue_action(
            id,
            ActionKind::Pay {
                amount: amount_minor,
                method,
                reference: reference.map(str::to_string),
                received,
            },
        )
    }

    /// The change for cash handed over ("500") on a payment of `amount` ("450"), both in the
    /// order's currency; `None` when the cash does not cover it.
    pub async fn cash_change(
        &self,
        id: &str,
        amount: &str,
        received: &str,
    ) -> Result<Option<CashChange>> {
        let currency = self.order_currency(id)?;
        let amount = Money::parse(amount, currency)?;
        let received = Money::parse(received, currency)?;
        Ok(cash_change(amount, received))
    }

    /// Adds a staff note.
    pub async fn add_note(&self, id: &str, text: &str) -> Result<ActionView> {
        self.queue_action(
            id,
            ActionKind::Note {
                text: text.to_string(),
            },
        )
    }

    fn order_currency(&self, id: &str) -> Result<crate::money::Currency> {
        self.inner.store.read(|conn| {
            let id = resolve_order(conn, id)?;
            let order = orders::get(conn, &id)?.ok_or_else(|| Error::order_not_found(&id))?;
            Ok(order.currency)
        })
    }
}

impl Desk {
    fn printer(&self) -> Result<crate::print::PrinterSettings> {
        self.read_settings()?.printer.ok_or_else(|| {
            Error::new(
                crate::error::ErrorCode::InvalidInput,
                "Configura la impresora en Ajustes.",
                "Set up the printer in Settings.",
            )
        })
    }

    /// "Imprimir prueba": a test page to the configured printer.
    pub async fn print_test(&self) -> Result<()> {
        let printer = self.printer()?;
        let language = self.language();
        let store = self.shop_or_default()?;
        let lines =
            crate::print::slip::test_page(&store, language, printer.width, self.inner.clock.now());
        let bytes = crate::print::slip::render(&lines, printer.width);
        crate::print::send(&printer.target, &bytes, PRINT_TIMEOUT).await
    }

    /// Prints an order's kitchen slip or receipt; a failure leaves the order as it was.
    pub async fn print_order(&self, id: &str, kind: crate::print::SlipKind) -> Result<()> {
        let printer = self.printer()?;
        let language = self.language();
        let store = self.shop_or_default()?;
        let order = self.inner.store.read(|conn| {
            let id = resolve_order(conn, id)?;
            orders::get(conn, &id)?.ok_or_else(|| Error::order_not_found(&id))
        })?;
        let lines = match kind {
            crate::print::SlipKind::Kitchen => {
                crate::print::slip::kitchen_slip(&order, &store, language, printer.width)
            }
            crate::print::SlipKind::Receipt => {
                crate::print::slip::receipt(&order, &store, language, printer.width)
            }
        };
        let bytes = crate::print::slip::render(&lines, printer.width);
        crate::print::send(&printer.target, &bytes, PRINT_TIMEOUT).await
    }

    /// Tells the UI an automatic slip did not print, in the owner's language.
    fn tell_print_failed(&self, id: &str, err: &Error) {
        let language = self.language();
        let number = self
            .inner
            .store
            .read(|conn| Ok(orders::get(conn, id)?.map(|o| o.number)))
            .ok()
            .flatten()
            .unwrap_or_else(|| id.to_string());
        let message = crate::text::Text::new(
            format!(
                "No se imprimió la comanda del pedido #{number}: {}",
                err.text.es
            ),
            format!("Order #{number}'s slip did not print: {}", err.text.en),
        )
        .into_string(language);
        self.emit(super::DeskEvent::PrintFailed(crate::view::PrintFailed {
            order_id: id.to_string(),
            order_number: number,
            message,
        }));
    }

    fn shop_or_default(&self) -> Result<crate::model::Shop> {
        self.inner.store.read(|conn| {
            crate::store::meta::store(conn)?.ok_or_else(|| {
                Error::new(
                    crate::error::ErrorCode::NotConnected,
                    "Conecta la tienda antes de imprimir.",
                    "Connect the store before printing.",
                )
            })
        })
    }
}

/// How long a printer may take to take a job.
const PRINT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

impl Desk {
    /// With auto-print on, prints a kitchen slip for each order among `changed` that is new
    /// (pending, never changed since the customer placed it) and not printed before. Runs
    /// apart from the sync cycle: a slow or failing printer never holds an order up; a
    /// failure is logged and the order is not marked printed, so the next change retries.
    pub(crate) fn auto_print(&self, changed: Vec<String>) {
        let Ok(Some(printer)) = self.read_settings().map(|s| s.printer) else {
            return;
        };
        if !printer.auto_print || printer.target == crate::print::PrintTarget::System {
            return;
        }
        let fresh: Vec<String> = self
            .inner
            .store
            .read(|conn| {
                let mut out = Vec::new();
                for id in &changed {
                    let new = orders::get(conn, id)?.is_some_and(|o| {
                        o.status == crate::model::OrderStatus::Pending && o.history.len() <= 1
                    });
                    if new && crate::store::kv::get(conn, &printed_key(id))?.is_none() {
                        out.push(id.clone());
                    }
                }
                Ok(out)
            })
            .unwrap_or_default();
        if fresh.is_empty() {
            return;
        }
        let desk = self.clone();
        tokio::spawn(async move {
            for id in fresh {
                match desk.print_order(&id, crate::print::SlipKind::Kitchen).await {
                    Ok(()) => {
                        let _ = desk
                            .inner
                            .store
                            .write(|tx| crate::store::kv::set(tx, &printed_key(&id), "1"));
                    }
                    Err(err) => {
                        tracing::warn!(order = %id, error = %err, "auto-print failed");
                        desk.tell_print_failed(&id, &err);
                    }
                }
            }
        });
    }
}

fn printed_key(order_id: &str) -> String {
    format!("print.auto.{order_id}")
}
