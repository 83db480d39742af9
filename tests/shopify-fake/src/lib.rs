//! # shopify-fake
//!
//! A Shopify Admin GraphQL test server for CI: `POST /admin/api/2026-07/graphql.json` answers
//! the documents of Mostrador's Shopify connector (`src-tauri/core/src/platforms/shopify/
//! documents`) by their `operationName`, with the shapes Shopify's schema gives them (the test
//! command executes every answer it gave back through the official schema:
//! tests/shopify-schema). It shares no code with the connector.
//!
//! What it does like Shopify: the `X-Shopify-Access-Token` header (401 without it), the
//! cost-based leaky bucket with `extensions.cost` in every answer and `THROTTLED` errors when
//! a query costs more than is left, `updated_at:>'…'` at one-second resolution (strictly
//! greater), `sortKey: UPDATED_AT` with opaque page cursors, fulfillment orders that move
//! `OPEN → IN_PROGRESS → CLOSED`, `userErrors` for a mutation that does not apply (a closed
//! fulfillment order, an over-refund, an order already cancelled), `orderCancel` as a job that
//! is done only after a few polls, and `refundCreate @idempotent(key:)`: the same key answers
//! the first refund again, with no second effect.
//!
//! Test control on `/admin/test/…` (the fake listens on loopback only): create orders, change
//! one "as the shop", read an order's whole state, and set faults (5xx, 429 with
//! `Retry-After`, latency, the connection dropped after a mutation applied).
#![forbid(unsafe_code)]
// A test double of a real platform: a panic is a bug in the test rig, reported as such, and
// its clock is the platform's own wall clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

pub mod ops;
pub mod server;
pub mod state;

pub use server::{FakeShopify, Faults};
pub use state::{NewOrder, State};
