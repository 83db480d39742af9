//! Configuration of one backend instance: the store it serves, its tokens and its behaviour.

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

/// The store's currency. MXN has two decimals, CLP none; amounts are always minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Currency {
    /// Mexican peso (2 decimals).
    #[serde(rename = "MXN")]
    Mxn,
    /// Chilean peso (no decimals).
    #[serde(rename = "CLP")]
    Clp,
}

impl Currency {
    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Mxn => "MXN",
            Currency::Clp => "CLP",
        }
    }

    /// Parses `MXN` or `CLP` (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "MXN" => Some(Currency::Mxn),
            "CLP" => Some(Currency::Clp),
            _ => None,
        }
    }
}

/// When the app reminds about a pending order and when the backend cancels it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attention {
    /// Seconds after creation at which the app reminds the owner.
    pub reminders_after_s: Vec<u64>,
    /// Seconds after creation at which the app warns about the coming auto-cancel.
    pub warn_after_s: u64,
    /// Seconds after creation at which the backend cancels an unattended pending order.
    pub auto_cancel_after_s: u64,
}

/// What the card gateway charges on a refund that differs from the amount charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RefundFee {
    /// Basis points of the refunded amount (290 = 2.9 %).
    pub percent_bps: i64,
    /// Fixed part, in minor units.
    pub fixed: i64,
}

/// Labels of the six statuses, in the store's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusLabels {
    /// Label of `pending`.
    pub pending: String,
    /// Label of `preparing`.
    pub preparing: String,
    /// Label of `ready`.
    pub ready: String,
    /// Label of `shipped`.
    pub shipped: String,
    /// Label of `delivered`.
    pub delivered: String,
    /// Label of `cancelled`.
    pub cancelled: String,
}

impl Default for StatusLabels {
    fn default() -> Self {
        Self {
            pending: "Pendiente".into(),
            preparing: "Preparando".into(),
            ready: "Listo para entrega".into(),
            shipped: "Enviado".into(),
            delivered: "Entregado".into(),
            cancelled: "Cancelado".into(),
        }
    }
}

impl StatusLabels {
    /// A store that names its statuses its own way (as Hype does).
    pub fn hype() -> Self {
        Self {
            pending: "Por confirmar".into(),
            preparing: "Confirmado".into(),
            ready: "Listo para despacho".into(),
            shipped: "Despachado".into(),
            delivered: "Entregado".into(),
            cancelled: "Cancelado".into(),
        }
    }

    /// A named set: `default` or `hype`.
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "default" => Some(Self::default()),
            "hype" => Some(Self::hype()),
            _ => None,
        }
    }
}

/// The v1 additions this backend serves, as `GET /v1/store` lists them in `features`.
/// Add a name here when a new addition is served; a test may switch some off.
pub const FEATURES: &[&str] = &["payments", "notes", "devices", "acknowledgements"];

/// Everything a backend instance needs. `Config::default()` is what tests want.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store's bearer token.
    pub token: String,
    /// The admin/test-control token; `None` leaves `/v1/admin/*` unmounted (404).
    pub admin_token: Option<String>,
    /// SQLite file. `None`: a file in a temporary directory owned by the server.
    pub db_path: Option<PathBuf>,
    /// Store id.
    pub store_id: String,
    /// Store name.
    pub store_name: String,
    /// Store currency; every generated order uses it.
    pub currency: Currency,
    /// IANA time zone of the store.
    pub timezone: String,
    /// BCP 47 locale of the store.
    pub locale: String,
    /// Days after creation during which a merchant may cancel.
    pub cancel_window_days: u64,
    /// Reminder and auto-cancel schedule.
    pub attention: Attention,
    /// Card gateway fee on refunds that differ from the charge.
    pub refund_fee: RefundFee,
    /// Status labels.
    pub status_labels: StatusLabels,
    /// Names in `GET /v1/store`'s `features` (default: [`FEATURES`]).
    pub features: Vec<String>,
    /// Demo generator rate in orders per minute; `None` = off.
    pub demo_rate: Option<f64>,
    /// Historical orders to create at start when the database is empty.
    pub seed: u64,
    /// Interval of the `: ping` comment on the event stream.
    pub heartbeat: Duration,
    /// Interval of the background auto-cancel pass.
    pub auto_cancel_tick: Duration,
    /// Seed of the generator of realistic order contents.
    pub rng_seed: u64,
    /// Attempts of one UnifiedPush delivery (network errors, 5xx, 429).
    pub push_attempts: u32,
    /// Delay before the second attempt; doubles after each.
    pub push_backoff: Duration,
    /// SMTP server (`host:port`, plain SMTP) for e-mail escalations; `None` = off.
    pub smtp: Option<String>,
    /// Sender of escalation e-mails.
    pub smtp_from: String,
    /// The store owner's e-mail: the second reminder of an unattended order is sent there.
    pub owner_email: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            token: "test-token".into(),
            admin_token: Some("admin-token".into()),
            db_path: None,
            store_id: "store_1".into(),
            store_name: "Panadería La Espiga".into(),
            currency: Currency::Mxn,
            timezone: "America/Mexico_City".into(),
            locale: "es-MX".into(),
            cancel_window_days: 15,
            attention: Attention {
                reminders_after_s: vec![300, 600],
                warn_after_s: 900,
                auto_cancel_after_s: 1200,
            },
            refund_fee: RefundFee {
                percent_bps: 290,
                fixed: 300,
            },
            status_labels: StatusLabels::default(),
            features: FEATURES.iter().map(|f| f.to_string()).collect(),
            demo_rate: None,
            seed: 0,
            heartbeat: Duration::from_secs(15),
            auto_cancel_tick: Duration::from_millis(250),
            rng_seed: 7,
            push_attempts: 4,
            push_backoff: Duration::from_millis(500),
            smtp: None,
            smtp_from: "avisos@mostrador.invalid".into(),
            owner_email: None,
        }
    }
}

impl Config {
    /// A Chilean store: CLP, America/Santiago, es-CL (the CLP switch of the CLI).
    pub fn with_currency(mut self, currency: Currency) -> Self {
        self.currency = currency;
        match currency {
            Currency::Clp => {
                self.timezone = "America/Santiago".into();
                self.locale = "es-CL".into();
                self.refund_fee = RefundFee {
                    percent_bps: 290,
                    fixed: 300,
                };
            }
            Currency::Mxn => {
                self.timezone = "America/Mexico_City".into();
                self.locale = "es-MX".into();
            }
        }
        self
    }
}
