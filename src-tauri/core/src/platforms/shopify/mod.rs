//! Shopify: the Admin GraphQL API (version [`API_VERSION`]) with a custom app's access token.
//!
//! - [`client`]: transport, cost-aware throttling, `Retry-After`, errors in words.
//! - [`sync`]: the shop, one order, pages of changes after an opaque cursor.
//! - [`map`]: Shopify's orders in Mostrador's model, pure.
//! - [`actions`]: the outbox's actions as mutations, exactly once.
//! - [`notes`]: staff notes as blocks in the order's `note`.
//! - [`documents`]: the GraphQL documents, checked against Shopify's schema in the test
//!   command (tests/shopify-schema).
//!
//! Scopes the custom app needs: `read_orders`, `write_orders`,
//! `read_merchant_managed_fulfillment_orders`, `write_merchant_managed_fulfillment_orders`
//! (fulfillments and pickup), and refunds come with `write_orders`.

pub mod actions;
pub mod client;
pub mod documents;
pub mod error;
pub mod map;
pub mod notes;
pub mod platform;
pub mod sync;
pub mod wire;

pub use actions::ApplyOutcome;
pub use client::{
    API_VERSION, CA_ENV, ShopifyClient, ShopifyConfig, normalize_domain, throttle_wait,
};
pub use error::ShopifyError;
pub use sync::{BadOrder, ShopifyPage};

/// The scopes the custom app must have, as Ajustes and docs/shopify.md name them.
pub const SCOPES: &[&str] = &[
    "read_orders",
    "write_orders",
    "read_merchant_managed_fulfillment_orders",
    "write_merchant_managed_fulfillment_orders",
];
