//! The attention engine: planner tables, texts, the ledger and scheduler over SQLite, and a walk
//! through one order's life against the reference backend.

mod ahead;
mod backend;
mod ladder;
mod push;
mod rules;
mod scheduler;
mod shop;
mod support;
mod texts;
