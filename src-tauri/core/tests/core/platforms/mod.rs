//! The platform connectors: each platform's mapping as tables (WooCommerce on the recorded
//! real answers, Shopify on its schema's shapes) and the connector contract against each
//! platform's test server (and a real store when configured).

mod approval_desk;
mod approval_links;
mod contract;
mod contract_actions;
mod desk;
mod desk_counter;
mod exactly_once;
mod exactly_once_counter;
mod first_sync;
mod generic;
mod live;
mod map;
mod shop;
mod shopify_contract;
mod shopify_contract_notes;
mod shopify_map;
mod woo_counter;
