//! # mostrador-core
//!
//! Everything the Mostrador order desk knows, with no Tauri in it: the shop's [`model::Order`]s
//! and [`money::Money`], the transition table ([`transitions`]), the SQLite cache ([`store`]),
//! the backend client and sync, the outbox that carries the owner's actions exactly once, and
//! the attention planner that decides which notifications are due.
//!
//! The Tauri shell (`src-tauri`) and the command-line front end (`mostrador-cli`) are thin
//! layers over the core.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod api;
pub mod attention;
pub mod clock;
pub mod desk;
pub mod device;
pub mod error;
pub mod history;
pub mod instance;
pub mod links;
pub mod markup;
pub mod model;
pub mod money;
pub mod outbox;
pub mod platforms;
pub mod print;
pub mod settings;
pub mod store;
pub mod sync;
pub mod text;
pub mod transitions;
pub mod update;
pub mod view;

pub use error::{Error, ErrorCode, Result, UserError};
pub use text::{Language, Text};
