//! Platforms: the WooCommerce mapping as tables on the recorded real answers, and one
//! contract suite run against the WooCommerce fake (and a real store when configured).

mod contract;
mod contract_actions;
mod exactly_once;
mod live;
mod map;
mod shop;
