//! The first sync's read-ahead (`platforms::woocommerce::pager`): pages read 4 at a time while
//! the desk writes, each order handed out once, in order, whatever the store's size; errors
//! midway resumed from the cursor; a cursor from elsewhere starts the reader again there.

use std::collections::BTreeSet;

use mostrador_core::platforms::woocommerce::WooCommerce;
use mostrador_core::platforms::woocommerce::sync::CursorState;
use mostrador_core::platforms::{ChangesPage, Cursor, Platform};
use serde_json::json;

use super::contract::ids;
use super::shop::{Shop, paid_order};

async fn made(shop: &Shop, n: usize) -> Vec<String> {
    let mut ids: Vec<String> = shop
        .create_many(n, paid_order("bacs", true))
        .await
        .iter()
        .map(i64::to_string)
        .collect();
    ids.sort();
    ids
}

/// The first sync from `cursor` on, up to where the polls begin (which read again what changed
/// since its start, less the overlap: here every order, all made just now).
async fn drain(woo: &WooCommerce, mut cursor: Option<Cursor>) -> (Vec<ChangesPage>, Cursor) {
    let mut pages = Vec::new();
    for _ in 0..100 {
        let page = woo.changes(cursor.as_ref()).await.expect("a page");
        let done = matches!(
            CursorState::from_cursor(&page.next),
            Ok(CursorState::Inc { .. })
        );
        cursor = Some(page.next.clone());
        pages.push(page);
        if done {
            break;
        }
    }
    (pages, cursor.expect("a cursor"))
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[tokio::test]
async fn stores_of_one_page_and_of_exactly_one_page_are_read_once() {
    for n in [30, 100] {
        let shop = Shop::fake();
        let made = made(&shop, n).await;
        let woo = shop.connector();
        let (pages, _) = drain(&woo, None).await;
        // The first read asked for pages 2–4 before it knew there was one: dropped.
        assert_eq!(sorted(ids(&pages)), made, "{n} orders, each once");
        assert_eq!(pages[0].orders.len(), n, "page 1 comes alone, and first");
    }
}

#[tokio::test]
async fn every_order_once_and_in_order_across_many_pages() {
    let shop = Shop::fake();
    let made = made(&shop, 1_050).await;
    let woo = shop.connector();
    let (pages, _) = drain(&woo, None).await;
    let read = ids(&pages);
    assert_eq!(read.len(), made.len(), "nothing twice");
    let numbers: Vec<i64> = read.iter().map(|i| i.parse().expect("an id")).collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "by id, in order");
    assert_eq!(sorted(read), made);
    assert_eq!(pages[0].orders.len(), 100, "page 1 alone");
    assert!(
        pages.iter().all(|p| p.orders.len() <= 400),
        "at most 4 pages in one answer"
    );
}

#[tokio::test]
async fn errors_midway_resume_from_the_cursor_without_losing_or_doubling() {
    let shop = Shop::fake();
    let made = made(&shop, 650).await;
    assert!(shop.faults(json!({ "error_rate": 0.3, "seed": 11 })).await);
    let woo = shop.connector();
    let mut cursor: Option<Cursor> = None;
    let (mut read, mut errors) = (Vec::new(), 0);
    for _ in 0..500 {
        match woo.changes(cursor.as_ref()).await {
            Ok(page) => {
                read.extend(page.orders.iter().map(|o| o.id.clone()));
                let done = matches!(
                    CursorState::from_cursor(&page.next),
                    Ok(CursorState::Inc { .. })
                );
                cursor = Some(page.next);
                if done {
                    break;
                }
            }
            // The desk keeps its cursor and asks again.
            Err(_) => errors += 1,
        }
    }
    shop.faults(json!({})).await;
    assert!(errors > 0, "the faults were met");
    assert_eq!(read.len(), made.len(), "nothing twice");
    assert_eq!(sorted(read), made, "nothing lost");
}

#[tokio::test]
async fn a_cursor_asked_again_or_elsewhere_reads_the_same_orders() {
    let shop = Shop::fake();
    made(&shop, 750).await;
    let woo = shop.connector();
    let first = woo.changes(None).await.expect("page 1");
    let page_two = first.next.clone();
    let ahead = woo.changes(Some(&page_two)).await.expect("pages from 2");
    assert!(!ahead.orders.is_empty());
    // As if the cursor after `ahead` was never written: the same cursor again restarts the
    // reader at page 2, on this connector and on a fresh one.
    let (again, _) = drain(&woo, Some(page_two.clone())).await;
    let (elsewhere, _) = drain(&shop.connector(), Some(page_two)).await;
    let again: BTreeSet<String> = ids(&again).into_iter().collect();
    assert_eq!(again, ids(&elsewhere).into_iter().collect());
    assert_eq!(again.len(), 650, "pages 2 to 8");
    assert!(
        ahead.orders.iter().all(|o| again.contains(&o.id)),
        "what was read ahead is read again, not skipped"
    );
}
