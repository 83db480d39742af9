//! # woocommerce-fake
//!
//! A WooCommerce REST v3 (`/wp-json/wc/v3`) test server that answers as the recorded real
//! WooCommerce 9.4.3 store does (../shared/platforms/woocommerce-9.4.3/), quirks included:
//! HTTP Basic with a REST key and secret, `modified_after` strictly greater at one-second
//! resolution, `per_page` at most 100, `X-WP-Total`/`X-WP-TotalPages`, decimal-string money,
//! `*_gmt` times without `Z`, no custom statuses, refunds that are made twice when posted
//! twice, 500 `woocommerce_rest_cannot_create_order_refund` on an over-refund or a gateway
//! that cannot refund, trash and force-delete, `POST /orders/batch`.
//!
//! It shares no code with the app's connector: two independent readings of one platform.
//! Admin control (create orders, change them "as the shop", faults, the clock) lives under
//! `/mostrador-fake/` and answers only with the admin token, on loopback only.
//!
//! ```no_run
//! use woocommerce_fake::{Config, TestServer};
//!
//! let server = TestServer::spawn(Config::default());
//! let url = format!("{}/wp-json/wc/v3/orders", server.base_url());
//! // GET it with HTTP Basic: server.key() / server.secret().
//! # let _ = url;
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![recursion_limit = "256"]
// A test double of a real platform: a panic is a bug in the test rig, reported as such, and
// its clock is the platform's own wall clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod faults;
pub mod lifecycle;
pub mod money;
pub mod render;
pub mod routes;
pub mod server;
pub mod test_server;

pub use config::{Config, Gateway, Permissions, Product};
pub use server::{AppState, serve};
pub use test_server::TestServer;
