//! The SQLite cache: opening, upserts and overlays, list filters, search, counters and KPIs.

mod counters;
mod damage;
mod facets;
pub mod fixtures;
mod kpi;
mod list;
mod open;
mod salvage;
mod search;
mod upsert;

pub use fixtures::SAMPLE_ORDER;
