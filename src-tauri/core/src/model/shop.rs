//! The shop as the platform describes it (`GET /v1/store`): its currency, locale and time zone,
//! the attention policy, its own status names, refund fees and features.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::OrderStatus;
use crate::money::Currency;

/// The app's languages and the store locales that matter for formatting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Locale {
    /// Spanish (Mexico): $1,234.50.
    #[default]
    #[serde(rename = "es-MX")]
    EsMx,
    /// Spanish (Chile): $1.234.
    #[serde(rename = "es-CL")]
    EsCl,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// Parses a BCP 47 tag leniently: "es-CL" → Chile, "en-US" → English, other Spanish → Mexico.
    pub fn parse(tag: &str) -> Locale {
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("en") {
            Locale::En
        } else if lower == "es-cl" {
            Locale::EsCl
        } else {
            Locale::EsMx
        }
    }
}

/// The store's attention policy: when to remind about a pending order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttentionPolicy {
    /// Reminders, seconds after creation.
    #[serde(default)]
    #[ts(type = "number[]")]
    pub reminders_after_s: Vec<i64>,
    /// The "will auto-cancel" warning, seconds after creation.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub warn_after_s: Option<i64>,
    /// When the platform auto-cancels, seconds after creation.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub auto_cancel_after_s: Option<i64>,
}

/// Names the store gives each status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusLabels {
    /// "Pendiente".
    pub pending: String,
    /// "Preparando".
    pub preparing: String,
    /// "Listo para entrega".
    pub ready: String,
    /// "Enviado".
    pub shipped: String,
    /// "Entregado".
    pub delivered: String,
    /// "Cancelado".
    pub cancelled: String,
}

impl StatusLabels {
    /// The label of `status` ("—" for a status this build does not know).
    pub fn get(&self, status: OrderStatus) -> &str {
        match status {
            OrderStatus::Pending => &self.pending,
            OrderStatus::Preparing => &self.preparing,
            OrderStatus::Ready => &self.ready,
            OrderStatus::Shipped => &self.shipped,
            OrderStatus::Delivered => &self.delivered,
            OrderStatus::Cancelled => &self.cancelled,
            OrderStatus::Unknown => "—",
        }
    }
}

impl OrderStatus {
    /// The default Spanish name (a store's own labels may differ: see [`StatusLabels`]).
    pub fn name_es(&self) -> &'static str {
        match self {
            OrderStatus::Pending => "Pendiente",
            OrderStatus::Preparing => "Preparando",
            OrderStatus::Ready => "Listo para entrega",
            OrderStatus::Shipped => "Enviado",
            OrderStatus::Delivered => "Entregado",
            OrderStatus::Cancelled => "Cancelado",
            OrderStatus::Unknown => "desconocido",
        }
    }

    /// The English name.
    pub fn name_en(&self) -> &'static str {
        match self {
            OrderStatus::Pending => "Pending",
            OrderStatus::Preparing => "Preparing",
            OrderStatus::Ready => "Ready for pickup",
            OrderStatus::Shipped => "Shipped",
            OrderStatus::Delivered => "Delivered",
            OrderStatus::Cancelled => "Cancelled",
            OrderStatus::Unknown => "unknown",
        }
    }
}

impl Default for StatusLabels {
    fn default() -> Self {
        let name = |s: OrderStatus| s.name_es().to_string();
        StatusLabels {
            pending: name(OrderStatus::Pending),
            preparing: name(OrderStatus::Preparing),
            ready: name(OrderStatus::Ready),
            shipped: name(OrderStatus::Shipped),
            delivered: name(OrderStatus::Delivered),
            cancelled: name(OrderStatus::Cancelled),
        }
    }
}

/// What the card gateway charges on a refund that differs from the charge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RefundFee {
    /// Basis points of the refunded amount (290 = 2.9 %).
    #[ts(type = "number")]
    pub percent_bps: i64,
    /// Fixed part, minor units.
    #[ts(type = "number")]
    pub fixed: i64,
}

impl RefundFee {
    /// The fee for refunding `amount` of a card charge of `paid`: none when the refund equals
    /// the charge or is zero.
    pub fn fee_for(&self, amount: i64, paid: i64) -> i64 {
        if amount <= 0 || amount == paid {
            0
        } else {
            amount * self.percent_bps / 10_000 + self.fixed
        }
    }
}

/// The `features` name of API.md's acknowledgements.
pub const FEATURE_ACKNOWLEDGEMENTS: &str = "acknowledgements";

/// The shop, from `GET /v1/store` (the wire and the UI call it `store`; in Rust `Shop`, apart
/// from the SQLite [`crate::store::Store`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "Store")]
pub struct Shop {
    /// Opaque id.
    pub id: String,
    /// "Panadería La Espiga".
    pub name: String,
    /// ISO 4217.
    pub currency: Currency,
    /// IANA zone, e.g. "America/Mexico_City".
    pub timezone: String,
    /// BCP 47, e.g. "es-MX".
    #[serde(default = "default_locale_tag")]
    pub locale: String,
    /// Days after creation an order can still be cancelled.
    #[serde(default = "default_cancel_window_days")]
    #[ts(type = "number")]
    pub cancel_window_days: i64,
    /// Reminder schedule.
    #[serde(default)]
    pub attention: AttentionPolicy,
    /// The store's own status names.
    #[serde(default)]
    pub status_labels: StatusLabels,
    /// Gateway refund fee.
    #[serde(default)]
    pub refund_fee: RefundFee,
    /// The v1 additions the platform serves (`payments`, `notes`, `acknowledgements`,
    /// `devices`); empty for a backend that predates them.
    #[serde(default)]
    pub features: Vec<String>,
}

impl Default for AttentionPolicy {
    fn default() -> Self {
        AttentionPolicy {
            reminders_after_s: vec![300, 600],
            warn_after_s: Some(900),
            auto_cancel_after_s: Some(1200),
        }
    }
}

fn default_locale_tag() -> String {
    "es-MX".into()
}

fn default_cancel_window_days() -> i64 {
    15
}

impl Shop {
    /// The store's timezone, UTC when the backend sent one this build does not know.
    pub fn tz(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::UTC)
    }

    /// The store's locale.
    pub fn locale(&self) -> Locale {
        Locale::parse(&self.locale)
    }

    /// Whether the platform serves `feature` (e.g. [`FEATURE_ACKNOWLEDGEMENTS`]).
    pub fn has_feature(&self, feature: &str) -> bool {
        self.features.iter().any(|f| f == feature)
    }

    /// The store's label for a status.
    pub fn label(&self, status: OrderStatus) -> &str {
        self.status_labels.get(status)
    }
}
