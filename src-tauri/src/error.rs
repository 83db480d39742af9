//! How a core error crosses IPC: `{ code, message }`, the message in the owner's language.
//!
//! The UI branches on `code` (the core's [`ErrorCode`](mostrador_core::ErrorCode)) and shows
//! `message`; it never matches on text.

use mostrador_core::desk::Desk;
use mostrador_core::view::Language;
use mostrador_core::{Error, UserError};

/// What a failed command rejects with in JavaScript: the core's `UserError`.
pub type IpcError = UserError;

/// A command's result as the UI receives it.
pub type IpcResult<T> = Result<T, IpcError>;

/// Converts a core result for the UI, with the message in the language of the owner's
/// settings (Spanish when even the settings cannot be read).
pub async fn to_ipc<T>(desk: &Desk, result: mostrador_core::Result<T>) -> IpcResult<T> {
    match result {
        Ok(value) => Ok(value),
        Err(err) => Err(user_error(&err, language(desk).await)),
    }
}

/// The error in `language`.
pub fn user_error(err: &Error, language: Language) -> IpcError {
    err.to_user(language)
}

async fn language(desk: &Desk) -> Language {
    desk.language()
}
