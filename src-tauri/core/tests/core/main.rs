//! Integration tests of mostrador-core; modules mirror `src/`.
// Tests and benchmarks: a panic with its message is how they fail, and they read real time
// against real servers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]
mod api;
mod attention;
mod counter;
mod desk;
mod generated;
mod instance;
mod links;
mod markup;
mod model;
mod money;
mod outbox;
mod platforms;
mod print;
mod store;
mod sync;
mod text;
mod transitions;
mod update;
