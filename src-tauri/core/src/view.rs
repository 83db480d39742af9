//! What the UI and the CLI see: queries, list rows, detail, counts, KPIs, sync status, the
//! outbox and settings. These types cross IPC; TypeScript bindings are generated from them
//! into `ui/src/bindings/` (ts-rs) and committed.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{
    DocumentKind, DocumentStatus, Fulfillment, Order, OrderError, OrderStatus, PaymentMethod,
    PaymentStatus, Shop,
};
use crate::money::Currency;

/// A page request for the order list: every filter is optional and they combine with AND.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct OrderQuery {
    /// Any of these statuses (empty = all).
    pub statuses: Vec<OrderStatus>,
    /// Any of these fulfilments (empty = all).
    pub fulfillments: Vec<Fulfillment>,
    /// `Some(true)` anything but unpaid, `Some(false)` unpaid and not cancelled (as the
    /// "sin pagar" counter).
    pub paid: Option<bool>,
    /// `Some(true)` error orders only.
    pub has_error: Option<bool>,
    /// Not yet delivered nor cancelled ("sin completar").
    pub incomplete: Option<bool>,
    /// `Some(true)` scheduled and still to be done ("Programados"); `Some(false)` not scheduled.
    pub scheduled: Option<bool>,
    /// Exact warehouse.
    pub warehouse: Option<String>,
    /// Has this tag.
    pub tag: Option<String>,
    /// Created at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before.
    pub created_to: Option<DateTime<Utc>>,
    /// Free text: number, customer, phone, e-mail, tags, SKUs, item names, address, staff
    /// notes; accents ignored.
    pub search: Option<String>,
    /// Opaque keyset cursor from the previous page's `next`.
    pub after: Option<String>,
    /// Rows per page (default 50, at most 500).
    #[ts(type = "number | null")]
    pub limit: Option<u32>,
}

/// One row of the order list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrderSummary {
    /// Order id.
    pub id: String,
    /// "1042".
    pub number: String,
    /// Current (optimistic) status.
    pub status: OrderStatus,
    /// pickup | delivery | parcel.
    pub fulfillment: Fulfillment,
    /// Placed at.
    pub created_at: DateTime<Utc>,
    /// Auto-cancel deadline while pending.
    pub auto_cancel_at: Option<DateTime<Utc>>,
    /// Customer's name.
    pub customer_name: String,
    /// ISO 4217.
    pub currency: Currency,
    /// Total, minor units.
    #[ts(type = "number")]
    pub total: i64,
    /// Paid, minor units.
    #[ts(type = "number")]
    pub paid: i64,
    /// Refunded, minor units.
    #[ts(type = "number")]
    pub refunded: i64,
    /// How it was paid.
    pub payment_method: PaymentMethod,
    /// Payment state.
    pub payment_status: PaymentStatus,
    /// Warehouse.
    pub warehouse: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Set on error orders.
    pub error: Option<OrderError>,
    /// Owner actions still queued for it.
    pub pending_actions: u32,
    /// When the customer wants it.
    #[serde(default)]
    pub scheduled_for: Option<DateTime<Utc>>,
    /// Its documents, for the row's badges.
    #[serde(default)]
    pub documents: Vec<DocBadge>,
}

/// A document as the list row shows it: "Boleta B-5521", "Factura con error".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocBadge {
    /// sales_note | receipt | invoice | credit_note.
    pub kind: DocumentKind,
    /// issued | pending | error.
    pub status: DocumentStatus,
    /// Folio, once issued.
    pub number: Option<String>,
}

/// A page of the list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrderPage {
    /// Newest first.
    pub orders: Vec<OrderSummary>,
    /// Cursor for the next page, `None` at the end.
    pub next: Option<String>,
}

/// Counts for the tabs and the KPI strip.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Counts {
    /// All cached orders.
    #[ts(type = "number")]
    pub all: i64,
    /// Pendiente.
    #[ts(type = "number")]
    pub pending: i64,
    /// Preparando.
    #[ts(type = "number")]
    pub preparing: i64,
    /// Listo para entrega.
    #[ts(type = "number")]
    pub ready: i64,
    /// Enviado.
    #[ts(type = "number")]
    pub shipped: i64,
    /// Entregado.
    #[ts(type = "number")]
    pub delivered: i64,
    /// Cancelado.
    #[ts(type = "number")]
    pub cancelled: i64,
    /// Sin pagar (not cancelled).
    #[ts(type = "number")]
    pub unpaid: i64,
    /// Sin completar: neither delivered nor cancelled.
    #[ts(type = "number")]
    pub incomplete: i64,
    /// Con error.
    #[ts(type = "number")]
    pub with_error: i64,
}

/// What the filter sheet can offer: every warehouse and tag among the cached orders, not
/// only those of the rows loaded so far.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Facets {
    /// Distinct non-empty warehouses, sorted.
    pub warehouses: Vec<String>,
    /// Distinct non-empty tags, sorted.
    pub tags: Vec<String>,
}

/// A period for the KPIs, in the store's timezone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Period {
    /// Today so far.
    Today,
    /// The last 7 days including today.
    Last7Days,
    /// The last 30 days including today.
    Last30Days,
    /// This calendar month so far.
    ThisMonth,
    /// From `from` to `to`, both inclusive.
    Custom {
        /// First day.
        from: NaiveDate,
        /// Last day.
        to: NaiveDate,
    },
}

/// Sales of one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DayPoint {
    /// The day in the store's timezone.
    pub date: NaiveDate,
    /// paid − refunded of orders created that day (cancelled ones too: a kept payment counts),
    /// minor units.
    #[ts(type = "number")]
    pub sales: i64,
    /// Orders created that day, not counting cancelled ones (as [`KpiTotals::orders`]).
    #[ts(type = "number")]
    pub orders: i64,
}

/// Totals over a range of days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KpiTotals {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// paid − refunded, minor units.
    #[ts(type = "number")]
    pub sales: i64,
    /// Orders created, not counting cancelled ones.
    #[ts(type = "number")]
    pub orders: i64,
    /// sales / orders, minor units (0 with no orders).
    #[ts(type = "number")]
    pub average_ticket: i64,
}

/// The Resumen screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Kpis {
    /// The store's currency.
    pub currency: Currency,
    /// The chosen period.
    pub current: KpiTotals,
    /// The same number of days just before it.
    pub previous: KpiTotals,
    /// One point per day of the chosen period.
    pub per_day: Vec<DayPoint>,
}

/// An action in the outbox, for the queue panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionView {
    /// The action's UUID (its Idempotency-Key).
    pub id: String,
    /// The order.
    pub order_id: String,
    /// The order's number.
    pub order_number: String,
    /// What it does.
    pub kind: ActionKind,
    /// Where it stands.
    pub state: ActionState,
    /// Send attempts so far.
    pub attempts: u32,
    /// Queued at.
    pub created_at: DateTime<Utc>,
    /// Next attempt, while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The owner can take it back until then ("Deshacer"): held, never sent yet.
    pub undo_until: Option<DateTime<Utc>>,
    /// Plain-language reason, when failed (or the last transient problem while pending).
    pub error: Option<String>,
}

/// Whether "Cancelar pedido" is possible now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CancelAvailability {
    /// The button is enabled.
    pub allowed: bool,
    /// Why not, in words for the owner.
    pub reason: Option<String>,
    /// The window closes at.
    pub window_ends_at: DateTime<Utc>,
    /// The most that can be refunded, minor units.
    #[ts(type = "number")]
    pub refundable: i64,
    /// Card payments refund through the gateway and may cost a fee.
    pub refund_via_gateway: bool,
}

/// The Pedido screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrderDetail {
    /// The order in its optimistic state.
    pub order: Order,
    /// Buttons to show, usual next step first.
    pub next_statuses: Vec<OrderStatus>,
    /// Cancel button state.
    pub cancel: CancelAvailability,
    /// Its actions still queued or failed.
    pub actions: Vec<ActionView>,
    /// Its history in words, oldest first: "Caja 1 marcó Listo para entrega · 14:05".
    #[serde(default)]
    pub history_lines: Vec<String>,
    /// What is still owed (total − paid), minor units.
    #[serde(default)]
    #[ts(type = "number")]
    pub due: i64,
    /// The backend takes payments ("Cobrar").
    #[serde(default)]
    pub can_pay: bool,
    /// The backend takes staff notes.
    #[serde(default)]
    pub can_note: bool,
}

/// Connection and sync state for the always-visible indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum SyncState {
    /// No backend configured.
    NotConnected,
    /// Up to date and listening.
    Online,
    /// Fetching; on a first sync `fetched` counts orders so far.
    Syncing {
        /// Orders fetched in this run.
        #[ts(type = "number")]
        fetched: i64,
    },
    /// The backend cannot be reached.
    Offline {
        /// Since when.
        since: DateTime<Utc>,
    },
    /// The token was refused (401): sync and the outbox are paused.
    NeedsReconnect,
    /// A backend is saved but its token cannot be read: no OS keychain on this session, or
    /// it is locked. Sync and the outbox wait; the cached orders still show. The UI says how
    /// to fix it on this platform.
    NoKeychain {
        /// The keychain's own error, for the log and support (not an owner sentence).
        detail: String,
    },
    /// Something else is wrong.
    Error {
        /// What kind of trouble (the CLI picks its exit code by it).
        kind: SyncErrorKind,
        /// In words for the owner, Spanish.
        reason: String,
        /// In words for the owner, English.
        reason_en: String,
    },
}

/// What kind of trouble a [`SyncState::Error`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SyncErrorKind {
    /// The backend answered with an error (5xx, 429, another status): retried.
    Server,
    /// The backend answered, but not as API.md says (an answer that does not decode).
    BadAnswer,
    /// The network answered with a web page: a portal wants the owner to sign in.
    SignIn,
}

/// The sync indicator and queue badge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncStatus {
    /// State.
    pub state: SyncState,
    /// Last time the cache was known current.
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Actions waiting to go out.
    pub pending_actions: u32,
    /// Actions the backend refused, not yet dismissed.
    pub failed_actions: u32,
    /// Age of the oldest pending action, seconds (to warn when the queue is stuck).
    #[ts(type = "number | null")]
    pub oldest_pending_age_s: Option<i64>,
    /// The backend URL, when connected.
    pub backend_url: Option<String>,
    /// Connected to the local demo backend.
    pub demo: bool,
    /// Which platform the shop runs on (the UI shows only what it can do).
    #[serde(default)]
    pub platform: crate::platforms::PlatformKind,
    /// The store, once known.
    pub store: Option<Shop>,
    /// Actions queued for another store (another backend URL or store id), parked when the
    /// owner connected to this one: never sent here, resumed when that store is connected.
    pub parked_actions: u32,
    /// Damage found in the local files at start and what was kept; `None` when they were sound.
    pub storage: Option<crate::store::StorageReport>,
    /// What the owner should know about sync beyond the state (orders that could not be
    /// read, money actions queued for long), in both languages.
    pub alerts: Vec<SyncAlert>,
}

/// Something about sync the owner should know, in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncAlert {
    /// What it is about.
    pub kind: SyncAlertKind,
    /// How many orders or actions.
    pub count: u32,
    /// Spanish.
    pub es: String,
    /// English.
    pub en: String,
}

/// What a [`SyncAlert`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SyncAlertKind {
    /// Orders arrived that could not be read; they are kept raw in quarantine and sync went on.
    UnreadableOrders,
    /// A cancellation with a refund has waited in the queue for 12 h or more.
    OldMoneyAction,
}

pub use crate::outbox::kind::{ActionKind, ActionState};
pub use crate::settings::{
    DEFAULT_ALARM_VOLUME, Language, NotifyKinds, QuietHours, Settings, Theme,
};

/// Payload of the `orders://changed` event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrdersChanged {
    /// Orders that changed (empty with `all`).
    pub ids: Vec<String>,
    /// Everything may have changed (first sync page, resync): reload the list.
    pub all: bool,
}

/// Payload of the `print://failed` event: an automatic slip did not print (the order goes on;
/// the owner is told why and can print it from the order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintFailed {
    /// The order whose slip did not print.
    pub order_id: String,
    /// Its number.
    pub order_number: String,
    /// Why, in the owner's language.
    pub message: String,
}

/// What acknowledging an order did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Acknowledgement {
    /// The order.
    pub order_id: String,
    /// `true`: sent to the platform, every device of the shop stops ringing. `false`: the
    /// platform does not serve acknowledgements, so only this device stops.
    pub shared: bool,
}

/// The order the counter PC is ringing for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Ringing {
    /// The order.
    pub order_id: String,
    /// Its number, "1042".
    pub number: String,
}

/// Payload of the `notice://opened` event: the owner tapped a notification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NoticeOpened {
    /// The order to show.
    pub order_id: String,
}
