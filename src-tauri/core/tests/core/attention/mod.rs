//! The attention engine: planner tables, texts, the ledger and scheduler over SQLite, and a walk
//! through one order's life against the reference backend.

mod backend;
mod ladder;
mod rules;
mod scheduler;
mod shop;
mod support;
mod texts;
