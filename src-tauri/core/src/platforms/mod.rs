//! Platforms: the shops Mostrador reaches, each behind one [`Platform`] trait (DESIGN.md
//! "Platforms"). Sync and the outbox talk to a `Platform`; they never know which one.
//!
//! A platform gives an opaque [`Cursor`] of changes, says what it can do
//! ([`Capabilities`]), answers the shop ([`Platform::shop`]), pages of changed orders
//! ([`Platform::changes`]), one order ([`Platform::order`]), which of a set of ids still exist
//! ([`Platform::present_ids`]), and applies one outbox action ([`Platform::apply`]) with an
//! outcome that is [`ApplyOutcome::Applied`], [`ApplyOutcome::Rejected`] (definite, explained
//! in words) or [`ApplyOutcome::Unknown`] (send again later: the platform checks first
//! whether it already happened).

pub mod any;
pub mod orders_api;
pub mod shopify;
pub mod woocommerce;

pub use any::{AnyPlatform, Credentials, PlatformKind};

use crate::text::Text;
use std::future::Future;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::model::{Order, Shop};
use crate::outbox::kind::ActionKind;

/// Where a platform's changes were read up to. Opaque: stored as text, handed back as is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cursor(String);

impl Cursor {
    /// A cursor from its stored text.
    pub fn new(text: impl Into<String>) -> Cursor {
        Cursor(text.into())
    }

    /// The text to store.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a platform can do; the desk shows only these.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capabilities {
    /// Move an order through the stages.
    pub advance: bool,
    /// Cancel an order.
    pub cancel: bool,
    /// Refund part of an order.
    pub partial_refund: bool,
    /// Knows paid / unpaid / refunded.
    pub payments: bool,
    /// Keeps notes on an order.
    pub notes: bool,
    /// Wants a new order acknowledged.
    pub acknowledgements: bool,
    /// Cancels unattended orders by itself.
    pub auto_cancel: bool,
    /// Issues tax documents.
    pub documents: bool,
}

/// One order as read, with the JSON text it was decoded from (the store keeps it).
#[derive(Clone, Debug, PartialEq)]
pub struct Fetched {
    /// The order.
    pub order: Order,
    /// Its JSON as the platform sent it.
    pub json: Box<str>,
}

/// An order in a page that could not be read; the others still are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    /// Its id, when even that was readable.
    pub id: Option<String>,
    /// What was wrong.
    pub error: String,
}

/// One page of changes.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangesPage {
    /// Orders to show (new or changed), oldest change first.
    pub orders: Vec<Order>,
    /// The JSON each of `orders` was decoded from, in the same order.
    pub json: Vec<Box<str>>,
    /// Ids to take off the list: the platform says they are not orders to attend (in the
    /// trash, or an unpaid checkout on WooCommerce).
    pub gone: Vec<String>,
    /// Orders that could not be read.
    pub malformed: Vec<Malformed>,
    /// Where to read from next time.
    pub next: Cursor,
    /// More is waiting now: ask again at once.
    pub more: bool,
}

/// One outbox action, as a platform receives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformAction {
    /// UUID v4 of the outbox row: every write is tagged with it.
    pub id: String,
    /// The order.
    pub order_id: String,
    /// The order's number, for messages.
    pub order_number: String,
    /// What to do.
    pub kind: ActionKind,
    /// The device that queued it ("Caja 1"), written into staff notes; `None` when unnamed.
    pub device: Option<String>,
    /// When it was queued (a staff note written offline keeps the time it was written).
    pub at: chrono::DateTime<chrono::Utc>,
}

/// How an action went.
#[derive(Clone, Debug, PartialEq)]
pub enum ApplyOutcome {
    /// Done (now, or found done by an earlier attempt); the order as it is now, when read.
    Applied(Option<Box<Fetched>>),
    /// Definitely not done, and sending it again will not help.
    Rejected(Text),
    /// Not known: send again later (the platform checks before doing it twice).
    Unknown {
        /// What the platform asked to wait, if it said.
        retry_after: Option<Duration>,
        /// What happened.
        why: Text,
    },
}

/// Why a platform call failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlatformError {
    /// The store address is not usable.
    #[error("{}", .0.en)]
    InvalidUrl(Text),
    /// No connection.
    #[error("cannot connect: {0}")]
    Connect(String),
    /// The certificate was refused.
    #[error("certificate problem: {0}")]
    Certificate(String),
    /// No answer in time.
    #[error("timed out")]
    Timeout,
    /// The connection broke.
    #[error("transport: {0}")]
    Transport(String),
    /// The platform answered with an error.
    #[error("HTTP {status} {code}: {message}")]
    Http {
        /// HTTP status.
        status: u16,
        /// The platform's code (`woocommerce_rest_…`), empty when none.
        code: String,
        /// The platform's words.
        message: String,
        /// `Retry-After`, when sent.
        retry_after: Option<Duration>,
    },
    /// An answer that could not be read.
    #[error("unreadable answer: {0}")]
    Decode(String),
    /// An answer larger than allowed.
    #[error("answer larger than {0} bytes")]
    TooLarge(usize),
    /// A redirect (never followed).
    #[error("redirected to {0}")]
    Redirect(String),
    /// The address answers, but it is not the platform.
    #[error("not this platform")]
    WrongPlatform,
}

impl PlatformError {
    /// Whether trying again may help (no connection, 5xx without a platform code, 429).
    pub fn is_transient(&self) -> bool {
        match self {
            PlatformError::Connect(_)
            | PlatformError::Timeout
            | PlatformError::Transport(_)
            | PlatformError::Decode(_)
            | PlatformError::TooLarge(_) => true,
            PlatformError::Http { status, code, .. } => {
                *status == 429 || *status == 408 || (*status >= 500 && !is_platform_code(code))
            }
            _ => false,
        }
    }

    /// `Retry-After`, when the platform sent one.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            PlatformError::Http { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// A code a platform gives on purpose (`woocommerce_rest_…`, `rest_…`): a definite answer
/// even on a 500.
pub fn is_platform_code(code: &str) -> bool {
    code.starts_with("woocommerce_rest_") || code.starts_with("rest_")
}

/// A shop platform.
///
/// Futures are `Send` so a sender task can run them on any runtime thread.
pub trait Platform: Send + Sync {
    /// What it can do.
    fn capabilities(&self) -> Capabilities;

    /// The shop: name, currency, time zone, from the platform itself.
    fn shop(&self) -> impl Future<Output = Result<Shop, PlatformError>> + Send;

    /// The next page of changes after `cursor` (`None`: the first sync, from the start).
    fn changes(
        &self,
        cursor: Option<&Cursor>,
    ) -> impl Future<Output = Result<ChangesPage, PlatformError>> + Send;

    /// One order; `Ok(None)` when it does not exist or is not an order to attend.
    fn order(
        &self,
        id: &str,
    ) -> impl Future<Output = Result<Option<Fetched>, PlatformError>> + Send;

    /// Applies one outbox action; safe to call again with the same action after an
    /// `Unknown` (or a crash): what is already done is found and not done twice.
    fn apply(&self, action: &PlatformAction) -> impl Future<Output = ApplyOutcome> + Send;

    /// Which of `ids` still exist as orders to attend (reconciliation: an order deleted on the
    /// platform vanishes from every change list, and only this finds it).
    fn present_ids(
        &self,
        ids: &[String],
    ) -> impl Future<Output = Result<Vec<String>, PlatformError>> + Send;
}
