//! Reads: the list, one order with what can be done with it, counts, facets, KPIs, settings.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::model::{Order, OrderStatus, PaymentMethod, Shop};
use crate::outbox::kind::ActionKind;
use crate::outbox::{queue, validate};
use crate::settings::Settings;
use crate::store::{kpi, kv, meta, orders, query};
use crate::text::{Language, Text};
use crate::transitions::{can_cancel_status, next_statuses};
use crate::view::{
    CancelAvailability, Counts, Facets, Kpis, OrderDetail, OrderPage, OrderQuery, Period,
};

use super::Desk;

/// kv key of the settings JSON.
pub const KEY_SETTINGS: &str = crate::store::meta::KEY_SETTINGS;

/// The order id for what the owner typed: an id, or an order number ("1042", "#1042").
pub fn resolve_order(conn: &Connection, id_or_number: &str) -> Result<String> {
    let text = id_or_number.trim();
    if orders::get(conn, text)?.is_some() {
        return Ok(text.to_string());
    }
    let number = text.trim_start_matches('#');
    // The orders table is the store's; a number lookup is one indexed read of it.
    let id: Option<String> = conn
        .prepare_cached("SELECT id FROM orders WHERE number = ?1 LIMIT 1")?
        .query_row([number], |r| r.get(0))
        .optional()?;
    id.ok_or_else(|| Error::order_not_found(text))
}

/// Whether the cancel button is enabled for `order` (its effective state), and why not.
pub fn cancel_availability(
    order: &Order,
    store: &Shop,
    backend_now: DateTime<Utc>,
    cancel_queued: bool,
    language: Language,
) -> CancelAvailability {
    let window_ends_at = validate::cancel_window_end(order, store);
    let refundable = order.refundable().minor;
    let days = store.cancel_window_days;
    let reason = if cancel_queued {
        Some(Text::new(
            "Ya hay una cancelación en espera para este pedido.",
            "A cancellation is already waiting to be sent for this order.",
        ))
    } else if order.status == OrderStatus::Cancelled {
        Some(Text::new(
            "El pedido ya está cancelado.",
            "The order is already cancelled.",
        ))
    } else if !can_cancel_status(order.status) {
        Some(Text::new(
            "El pedido está en un estado que esta versión de Mostrador no conoce; no se puede \
             cancelar desde aquí.",
            "The order is in a state this version of Mostrador does not know; it cannot be \
             cancelled from here.",
        ))
    } else if backend_now > window_ends_at {
        Some(Text::new(
            format!("Ya pasó el plazo de {days} días para cancelar."),
            format!("The {days}-day window to cancel has passed."),
        ))
    } else {
        None
    };
    let reason = reason.map(|r| r.into_string(language));
    CancelAvailability {
        allowed: reason.is_none(),
        reason,
        window_ends_at,
        refundable,
        refund_via_gateway: order.payment.method == PaymentMethod::Card,
    }
}

impl Desk {
    /// Now by the backend's clock when known (for the cancel window), else the device's.
    pub(crate) fn backend_now(&self) -> DateTime<Utc> {
        match self.api() {
            Some(api) => api.backend_now(),
            None => self.inner.clock.now(),
        }
    }

    /// A page of the order list.
    pub async fn list_orders(&self, query: OrderQuery) -> Result<OrderPage> {
        let tz = self.tz()?;
        self.inner.store.read(|conn| query::list(conn, &query, tz))
    }

    pub(crate) fn tz(&self) -> Result<chrono_tz::Tz> {
        self.inner
            .store
            .read(|conn| Ok(meta::store(conn)?.map_or(chrono_tz::UTC, |s| s.tz())))
    }

    /// One order as the owner sees it, with its buttons, cancel state and queued actions.
    pub async fn get_order(&self, id: &str) -> Result<OrderDetail> {
        let backend_now = self.backend_now();
        let now = self.inner.clock.now();
        let language = self.language();
        self.inner.store.read(|conn| {
            let id = resolve_order(conn, id)?;
            let order = orders::get(conn, &id)?.ok_or_else(|| Error::order_not_found(&id))?;
            let store = meta::store(conn)?.unwrap_or_else(default_store);
            let actions = queue::visible_for_order(conn, &id)?;
            let cancel_queued = actions.iter().any(|a| {
                a.state == crate::outbox::kind::ActionState::Pending
                    && matches!(a.kind, ActionKind::Cancel { .. })
            });
            let can_pay = store.has_feature("payments")
                && order.status != crate::model::OrderStatus::Cancelled
                && order.due().minor > 0;
            Ok(OrderDetail {
                next_statuses: next_statuses(&order),
                cancel: cancel_availability(&order, &store, backend_now, cancel_queued, language),
                actions: actions.iter().map(|a| a.view_in(language)).collect(),
                history_lines: crate::history::history_lines(&order.history, &store, language, now),
                due: order.due().minor,
                can_pay,
                can_note: store.has_feature("notes"),
                order,
            })
        })
    }

    /// Counts per status and the KPI strip.
    pub async fn counts(&self) -> Result<Counts> {
        self.inner.store.read(query::counts)
    }

    /// Every warehouse and tag among the cached orders, for the filter sheet.
    pub async fn facets(&self) -> Result<Facets> {
        self.inner.store.read(query::facets)
    }

    /// Sales for a period, in the store's timezone.
    pub async fn kpis(&self, period: Period) -> Result<Kpis> {
        let now = self.inner.clock.now();
        self.inner.store.read(|conn| {
            let store = meta::store(conn)?.unwrap_or_else(default_store);
            let tz = store.tz();
            let today = now.with_timezone(&tz).date_naive();
            kpi::kpis(conn, &period, today, tz, store.currency)
        })
    }

    pub(crate) fn read_settings(&self) -> Result<Settings> {
        self.inner
            .store
            .read(|conn| Ok(kv::get_json(conn, KEY_SETTINGS)?.unwrap_or_default()))
    }

    /// The owner's settings.
    pub async fn settings(&self) -> Result<Settings> {
        self.read_settings()
    }

    /// Saves the owner's settings and hands them to the attention scheduler.
    pub async fn set_settings(&self, settings: Settings) -> Result<Settings> {
        self.inner
            .store
            .write(|tx| kv::set_json(tx, KEY_SETTINGS, &settings))?;
        self.inner
            .attention
            .set_settings(&self.with_language(settings.clone()));
        self.apply_device_name();
        Ok(settings)
    }
}

/// Before the first connection there is no store: sensible Mexican defaults.
fn default_store() -> Shop {
    Shop {
        id: String::new(),
        name: String::new(),
        currency: crate::money::Currency::MXN,
        timezone: "America/Mexico_City".into(),
        locale: "es-MX".into(),
        cancel_window_days: 15,
        attention: Default::default(),
        status_labels: Default::default(),
        refund_fee: Default::default(),
        features: Vec::new(),
    }
}
