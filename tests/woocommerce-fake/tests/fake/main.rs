//! Tests of the WooCommerce fake: its answers against the real store's JSON Schema, field by
//! field against the recordings of a real WooCommerce 9.4.3, and each quirk.
mod golden;
mod payments_notes;
mod quirks;
mod schema;
mod support;
