//! Tests of the reference backend through real HTTP: one binary, one module per concern.

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
