//! Exit codes and error lines a script can rely on.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | done |
//! | 1 | anything else (local database, a bug) |
//! | 2 | usage or bad input (nothing was queued) |
//! | 3 | order or document not found |
//! | 4 | not connected, or the token was refused (401): run `connect` again |
//! | 5 | the backend could not be reached (or a sign-in portal answered, or it answered an error status and will be retried); queued actions are still waiting |
//! | 6 | the backend was reached but its answer is not what API.md says (it does not decode); queued actions are still waiting |
//!
//! Errors go to stderr as one line, `error[<code>]: <message>`, where `<code>` is the core's
//! stable error code (`invalid_input`, `not_found`, `not_connected`, `network`, …) and the
//! message is in Spanish unless `--lang en`.
//!
//! When a local file was found damaged at start, one line `warning[storage]: <message>` on
//! stderr says what was kept and what could not be read; the command then runs as usual.

use mostrador_core::{Error, ErrorCode, Language, Text};

/// Done.
pub const OK: u8 = 0;
/// Anything else.
pub const OTHER: u8 = 1;
/// Usage or bad input.
pub const USAGE: u8 = 2;
/// Not found.
pub const NOT_FOUND: u8 = 3;
/// Not connected / 401.
pub const NOT_CONNECTED: u8 = 4;
/// Offline, actions still queued.
pub const OFFLINE: u8 = 5;
/// Reached, but the answer does not decode; actions still queued.
pub const BAD_ANSWER: u8 = 6;

/// The exit code for a core error.
pub fn code_for(err: &Error) -> u8 {
    match err.code {
        ErrorCode::InvalidInput
        | ErrorCode::NotAllowed
        | ErrorCode::RefundTooLarge
        | ErrorCode::CancelWindowClosed
        | ErrorCode::AlreadyQueued => USAGE,
        ErrorCode::NotFound => NOT_FOUND,
        ErrorCode::NotConnected | ErrorCode::KeychainUnavailable => NOT_CONNECTED,
        ErrorCode::Network => OFFLINE,
        ErrorCode::BadAnswer => BAD_ANSWER,
        ErrorCode::Storage | ErrorCode::Internal => OTHER,
    }
}

/// The stable name of an error code.
pub fn code_name(code: ErrorCode) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "internal".into())
}

/// A failure to report: exit code and the stderr line.
#[derive(Debug)]
pub struct Failure {
    /// Exit code.
    pub exit: u8,
    /// `error[code]: message`.
    pub line: String,
}

impl Failure {
    /// From a core error, in the chosen language.
    pub fn from_error(err: &Error, lang: Language) -> Failure {
        Failure::new(code_for(err), &code_name(err.code), err.text.clone(), lang)
    }

    /// A failure with its own code name and sentence.
    pub fn new(exit: u8, code: &str, text: Text, lang: Language) -> Failure {
        Failure {
            exit,
            line: format!("error[{code}]: {}", text.get(lang)),
        }
    }
}
