//! Integration tests of mostrador-core; modules mirror `src/`.
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
mod transitions;
mod update;
