//! # reference-backend
//!
//! The reference implementation of the Orders API v1 (`docs/api.md`): a real HTTP server
//! (axum) over a real database (SQLite, WAL) that every test layer and the demo run against.
//! It shares no code with the app's core: two independent implementations of one contract
//! catch each other's mistakes.
//!
//! Principal types:
//! - [`TestServer`]: starts the backend on `127.0.0.1:0` on its own thread and runtime,
//!   stops it on drop, and can [`stop`](TestServer::stop) and
//!   [`restart`](TestServer::restart) it on the same port with the same data.
//! - [`Config`]: the store, tokens and platform behaviour; `Config::default()` is a Mexican
//!   bakery with tokens `test-token` / `admin-token`.
//! - [`ErrorCode`] and [`ROUTES`]: every error code and route, checked against
//!   `docs/openapi.yaml` by the tests.
//!
//! ```no_run
//! use reference_backend::{Config, TestServer};
//!
//! let server = TestServer::spawn(Config::default());
//! let url = format!("{}/v1/orders?after=0", server.base_url());
//! // GET it with `Authorization: Bearer {server.token()}`.
//! # let _ = url;
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// A test double of a real platform: a panic is a bug in the test rig, reported as such, and
// its clock is the platform's own wall clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

pub mod addresses;
pub mod clock;
pub mod config;
pub mod counter;
pub mod db;
pub mod demo;
pub mod faults;
pub mod idempotency;
pub mod model;
pub mod problem;
pub mod push;
pub mod rng;
pub mod routes;
pub mod rules;
pub mod seed;
pub mod server;
pub mod sse;
pub mod test_server;

pub use config::{Attention, Config, Currency, RefundFee, StatusLabels};
pub use problem::ErrorCode;
pub use server::{AppState, ROUTES};
pub use test_server::TestServer;
