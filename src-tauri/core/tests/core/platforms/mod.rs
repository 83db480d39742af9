//! The platform connectors: pure mapping tables and the connector contract against each
//! platform's test server.
mod shopify_contract;
mod shopify_map;
