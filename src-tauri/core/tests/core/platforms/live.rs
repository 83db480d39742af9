//! The contract suite against a real WooCommerce, when MOSTRADOR_WOO_URL, MOSTRADOR_WOO_KEY
//! and MOSTRADOR_WOO_SECRET (and MOSTRADOR_WOO_CA for its own CA) are set. The parts that
//! need the fake's admin control (faults, a frozen clock, a corrupted order) skip themselves.

use super::shop::Shop;
use super::{contract, contract_actions, woo_counter};

#[tokio::test]
async fn live_woocommerce_contract_suite() {
    let Some(shop) = Shop::live() else {
        // Written to stderr directly: libtest captures eprintln! of a passing test.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"!!! LIVE WOOCOMMERCE SUITE DID NOT RUN: set MOSTRADOR_WOO_URL, MOSTRADOR_WOO_KEY, MOSTRADOR_WOO_SECRET (and MOSTRADOR_WOO_CA) to run it against a real store !!!\n",
        );
        return;
    };
    let shop = shop.with_products().await;
    contract_actions::stage_change(&shop).await;
    contract_actions::cancel_with_partial_refund(&shop).await;
    contract::same_second_boundary(&shop).await;
    contract::deleted_orders_found_by_reconciliation(&shop).await;
    contract::first_and_incremental_sync(&shop).await;
    contract_actions::no_doubled_refund_under_dropped_answers(&shop).await;
    contract::faults_5xx_and_429(&shop).await;
    woo_counter::payment_taken_once(&shop).await;
    woo_counter::payment_refusals_in_both_languages(&shop).await;
    woo_counter::staff_note_listed_with_its_device(&shop).await;
    woo_counter::no_doubled_note_or_payment_under_faults(&shop).await;
    contract::one_malformed_order_among_good_ones(&shop).await;
    eprintln!(
        "live WooCommerce contract suite passed against {}",
        shop.config().url
    );
}
