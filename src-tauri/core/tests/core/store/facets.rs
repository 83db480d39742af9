//! The filter sheet's choices: every warehouse and tag the cached orders have now, sorted and
//! once each, whatever rows the UI has loaded.

use mostrador_core::model::OrderStatus;
use mostrador_core::store::{orders, query};
use mostrador_core::view::Facets;

use super::fixtures::{MX, moved, order, store_with};

#[test]
fn facets_list_each_current_warehouse_and_tag_once_sorted() {
    let mut a = order(1, "2026-11-20T10:00:00Z");
    a.warehouse = Some("Bodega Sur".into());
    a.tags = vec!["web".into(), "promo".into()];
    let mut b = order(2, "2026-11-20T11:00:00Z");
    b.warehouse = Some("Bodega Centro".into());
    b.tags = vec!["web".into(), "mayoreo".into()];
    let mut c = order(3, "2026-11-20T12:00:00Z");
    c.warehouse = Some("Bodega Sur".into());
    c.tags = vec!["vip".into()];
    let mut d = order(4, "2026-11-20T13:00:00Z");
    d.warehouse = Some(String::new());
    let e = order(5, "2026-11-20T14:00:00Z");
    let store = store_with(&[a, b.clone(), c, d, e], MX);

    // b's later version drops "mayoreo" (no other order has it) and "web" (a still has it)
    // and gains "whatsapp".
    let mut b2 = moved(&b, OrderStatus::Preparing);
    b2.tags = vec!["whatsapp".into()];
    store
        .write(|tx| orders::upsert_server(tx, &[b2], MX).map(|_| ()))
        .expect("the newer version is written");

    let facets = store.read(query::facets).expect("facets read");
    assert_eq!(
        facets,
        Facets {
            warehouses: vec!["Bodega Centro".into(), "Bodega Sur".into()],
            tags: vec![
                "promo".into(),
                "vip".into(),
                "web".into(),
                "whatsapp".into()
            ],
        },
        "each warehouse and tag appears once, sorted; empty and missing warehouses are not \
         choices; a tag no order has any more is gone, one another order still has stays"
    );
}

#[test]
fn facets_of_an_empty_cache_are_empty() {
    let store = store_with(&[], MX);
    assert_eq!(
        store.read(query::facets).expect("facets read"),
        Facets::default(),
        "with no orders cached there is nothing to filter by"
    );
}
