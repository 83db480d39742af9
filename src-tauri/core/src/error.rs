//! Errors of the core, each with a code the UI branches on and a message for the owner in
//! Spanish or English. The UI never matches on message text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::{Language, Text};

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

/// An error of the core: what to branch on, what to tell the owner in both languages, and
/// for the logs the cause underneath (in English, never shown as the owner's sentence).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// Kind.
    pub code: ErrorCode,
    /// What to tell the owner.
    pub text: Text,
    /// What went wrong underneath, for logs (a database or network message).
    pub cause: Option<String>,
}

impl Error {
    /// An error with both texts.
    pub fn new(code: ErrorCode, es: impl Into<String>, en: impl Into<String>) -> Error {
        Error::from_text(code, Text::new(es, en))
    }

    /// An error with a sentence already made.
    pub fn from_text(code: ErrorCode, text: Text) -> Error {
        Error {
            code,
            text,
            cause: None,
        }
    }

    /// The same error with the cause underneath it, for logs.
    pub fn with_cause(mut self, cause: impl std::fmt::Display) -> Error {
        self.cause = Some(cause.to_string());
        self
    }

    /// A database failure.
    pub fn storage(err: impl std::fmt::Display) -> Error {
        Error::new(
            ErrorCode::Storage,
            "No se pudo leer o guardar en la base local.",
            "The local database failed.",
        )
        .with_cause(err)
    }

    /// A bug.
    pub fn internal(err: impl std::fmt::Display) -> Error {
        Error::new(
            ErrorCode::Internal,
            "Error interno de Mostrador.",
            "Mostrador hit an internal error.",
        )
        .with_cause(err)
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
        self.text.get(language)
    }

    /// For the UI.
    pub fn to_user(&self, language: Language) -> UserError {
        UserError {
            code: self.code,
            message: self.message(language).to_string(),
        }
    }
}

impl std::fmt::Display for Error {
    /// English, with the cause: for logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text.en)?;
        if let Some(cause) = &self.cause {
            write!(f, " ({cause})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Error {
        Error::storage(err)
    }
}

impl From<crate::money::MoneyError> for Error {
    fn from(err: crate::money::MoneyError) -> Error {
        Error::from_text(ErrorCode::InvalidInput, err.text())
    }
}

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
