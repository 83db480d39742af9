//! Tests of the reference backend through real HTTP: one binary, one module per concern.
// Tests and benchmarks: a panic with its message is how they fail, and they read real time
// against real servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

mod acknowledgements;
mod cancellations;
mod cli;
mod counter;
mod docs;
mod documents;
mod edges;
mod escalation;
mod events;
mod faults;
mod idempotency;
mod listing;
mod platform;
mod push;
mod receivers;
mod restart;
mod store_and_auth;
mod support;
mod transitions;
