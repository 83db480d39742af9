//! The counter's actions on the desk: take a payment, write a staff note, and the device
//! name that says who did it.

use crate::error::{Error, Result};
use crate::model::PaymentMethod;
use crate::money::Money;
use crate::outbox::counter::{CashChange, cash_change};
use crate::store::orders;
use crate::view::{ActionKind, ActionView};

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

    /// Records a payment in minor units: queued, exactly once, and shown at once.
    pub async fn pay_minor(
        &self,
        id: &str,
        amount_minor: i64,
        method: PaymentMethod,
        reference: Option<&str>,
    ) -> Result<ActionView> {
        self.queue_action(
            id,
            ActionKind::Pay {
                amount: amount_minor,
                method,
                reference: reference.map(str::to_string),
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
