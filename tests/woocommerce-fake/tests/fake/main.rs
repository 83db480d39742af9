//! Tests of the WooCommerce fake: its answers against the real store's JSON Schema, field by
//! field against the recordings of a real WooCommerce 9.4.3, and each quirk.
// Tests and benchmarks: a panic with its message is how they fail, and they read real time
// against real servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]
mod golden;
mod payments_notes;
mod quirks;
mod schema;
mod support;
