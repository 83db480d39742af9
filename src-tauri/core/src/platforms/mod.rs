//! The shop platforms Mostrador meets shops on (DESIGN.md "Platforms"), one module each.

pub mod shopify;
