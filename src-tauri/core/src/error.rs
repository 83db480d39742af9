//! Errors of the core, each with a code the UI branches on and a message for the owner in
//! Spanish or English. The UI never matches on message text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::view::Language;

/// What kind of failure it is; the UI branches on this, never on text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The owner typed something unusable (amount, reason, URL, token).
    InvalidInput,
    /// The move is not allowed for this order now.
    NotAllowed,
    /// The refund is above what can be refunded.
    RefundTooLarge,
    /// The cancel window has closed.
    CancelWindowClosed,
    /// A cancellation for this order is already queued.
    AlreadyQueued,
    /// No such order or document in the cache.
    NotFound,
    /// No backend configured, or the token was refused.
    NotConnected,
    /// The OS keychain is not available to keep the token.
    KeychainUnavailable,
    /// The backend could not be reached or answered with an error.
    Network,
    /// The backend was reached but its answer is not what API.md says (it does not decode).
    BadAnswer,
    /// The local database failed.
    Storage,
    /// A bug.
    Internal,
}

/// An error as the UI receives it: `{ code, message }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UserError {
    /// What to branch on.
    pub code: ErrorCode,
    /// What to show.
    pub message: String,
}

/// An error of the core with both languages' texts.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{es}")]
pub struct Error {
    /// Kind.
    pub code: ErrorCode,
    /// Spanish text.
    pub es: String,
    /// English text.
    pub en: String,
}

impl Error {
    /// An error with both texts.
    pub fn new(code: ErrorCode, es: impl Into<String>, en: impl Into<String>) -> Error {
        Error {
            code,
            es: es.into(),
            en: en.into(),
        }
    }

    /// A database failure.
    pub fn storage(err: impl std::fmt::Display) -> Error {
        Error::new(
            ErrorCode::Storage,
            format!("No se pudo leer o guardar en la base local: {err}"),
            format!("The local database failed: {err}"),
        )
    }

    /// A bug.
    pub fn internal(err: impl std::fmt::Display) -> Error {
        Error::new(
            ErrorCode::Internal,
            format!("Error interno: {err}"),
            format!("Internal error: {err}"),
        )
    }

    /// No order with that id in the cache.
    pub fn order_not_found(id: &str) -> Error {
        Error::new(
            ErrorCode::NotFound,
            format!("No se encontró el pedido {id}."),
            format!("Order {id} was not found."),
        )
    }

    /// The message in `language`.
    pub fn message(&self, language: Language) -> &str {
        match language {
            Language::Es => &self.es,
            Language::En => &self.en,
        }
    }

    /// For the UI.
    pub fn to_user(&self, language: Language) -> UserError {
        UserError {
            code: self.code,
            message: self.message(language).to_string(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Error {
        Error::storage(err)
    }
}

impl From<crate::money::MoneyError> for Error {
    fn from(err: crate::money::MoneyError) -> Error {
        Error::new(ErrorCode::InvalidInput, err.to_string(), err.message_en())
    }
}

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
