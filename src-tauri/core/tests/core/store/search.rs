//! Search over number, customer, phone, e-mail, tags, SKUs and item names; accents and case
//! ignored, words matched as prefixes, newest first.

use mostrador_core::model::{LineItem, Order, OrderStatus};
use mostrador_core::store::{Store, query};
use mostrador_core::view::OrderQuery;

use super::fixtures::{MX, order, store_with};

fn shop() -> Store {
    let people = [
        (
            "Ana Pérez",
            "+52 55 1234 5678",
            "ana@example.com",
            "PAN-001",
            "Concha",
        ),
        (
            "José Núñez",
            "+52 33 8765 4321",
            "jose@correo.mx",
            "CAF-010",
            "Café de olla",
        ),
        (
            "Pedro Perea",
            "+56 9 5555 0000",
            "pedro@example.cl",
            "EMP-002",
            "Empanada de pino",
        ),
        (
            "María Gómez",
            "+52 81 0000 1111",
            "maria@example.com",
            "PAN-002",
            "Bolillo",
        ),
    ];
    let list: Vec<Order> = people
        .iter()
        .enumerate()
        .map(|(i, (name, phone, email, sku, item))| {
            let n = i as u32 + 1;
            let mut o = order(n, &format!("2026-11-20T1{n}:00:00Z"));
            o.customer.name = name.to_string();
            o.customer.phone = Some(phone.to_string());
            o.customer.email = Some(email.to_string());
            o.items = vec![LineItem {
                sku: sku.to_string(),
                name: item.to_string(),
                quantity: 1,
                unit_price: 1000,
                total: 1000,
            }];
            o.tags = if n.is_multiple_of(2) {
                vec!["promo-buen-fin".into()]
            } else {
                vec![]
            };
            o
        })
        .collect();
    store_with(&list, MX)
}

fn found(store: &Store, text: &str) -> Vec<String> {
    let q = OrderQuery {
        search: Some(text.into()),
        ..OrderQuery::default()
    };
    let page = store.read(|c| query::list(c, &q, MX)).expect("search runs");
    page.orders.into_iter().map(|o| o.customer_name).collect()
}

#[test]
fn accents_and_case_are_ignored_both_ways() {
    let store = shop();
    assert_eq!(found(&store, "perez"), ["Ana Pérez"], "perez finds Pérez");
    assert_eq!(found(&store, "jose"), ["José Núñez"], "jose finds José");
    assert_eq!(
        found(&store, "NUÑEZ"),
        ["José Núñez"],
        "capitals and ñ match too"
    );
    assert_eq!(
        found(&store, "gómez"),
        ["María Gómez"],
        "an accented query finds the name"
    );
}

#[test]
fn words_match_as_prefixes_and_all_must_match() {
    let store = shop();
    assert_eq!(
        found(&store, "pere"),
        ["Pedro Perea", "Ana Pérez"],
        "pere is the start of Perea and Pérez, newest first"
    );
    assert_eq!(
        found(&store, "pere ana"),
        ["Ana Pérez"],
        "every word must match"
    );
    assert!(
        found(&store, "zzz").is_empty(),
        "nothing matches an unknown word"
    );
}

#[test]
fn number_phone_email_tags_skus_and_items_are_searchable() {
    let store = shop();
    assert_eq!(found(&store, "1002"), ["José Núñez"], "by order number");
    assert_eq!(
        found(&store, "8765"),
        ["José Núñez"],
        "by a group of the phone"
    );
    assert_eq!(
        found(&store, "5512345678"),
        ["Ana Pérez"],
        "by the phone's digits without country code"
    );
    assert_eq!(
        found(&store, "pedro@example.cl"),
        ["Pedro Perea"],
        "by e-mail"
    );
    assert_eq!(
        found(&store, "buen fin"),
        ["María Gómez", "José Núñez"],
        "by tag words"
    );
    assert_eq!(found(&store, "PAN-002"), ["María Gómez"], "by SKU");
    assert_eq!(
        found(&store, "cafe olla"),
        ["José Núñez"],
        "by item name, accents ignored"
    );
}

#[test]
fn a_search_of_only_punctuation_lists_everything() {
    assert_eq!(
        found(&shop(), " ,- ").len(),
        4,
        "no words means no search filter"
    );
}

#[test]
fn search_combines_with_filters_and_pages() {
    let store = shop();
    let mut moved = store
        .read(|c| mostrador_core::store::orders::get(c, "ord_3"))
        .expect("reads");
    let moved = moved.as_mut().map(|o| {
        o.status = OrderStatus::Cancelled;
        o.version += 1;
        o.clone()
    });
    store
        .write(|tx| mostrador_core::store::orders::upsert_server(tx, &[moved.expect("cached")], MX))
        .expect("writes");
    let q = OrderQuery {
        search: Some("example".into()),
        statuses: vec![OrderStatus::Pending],
        limit: Some(1),
        ..OrderQuery::default()
    };
    let first = store.read(|c| query::list(c, &q, MX)).expect("first page");
    assert_eq!(
        first.orders[0].customer_name, "María Gómez",
        "newest pending match first"
    );
    let second = store
        .read(|c| {
            query::list(
                c,
                &OrderQuery {
                    after: first.next,
                    ..q.clone()
                },
                MX,
            )
        })
        .expect("second page");
    let names: Vec<_> = second
        .orders
        .iter()
        .map(|o| o.customer_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Ana Pérez"],
        "Pedro's cancelled order is filtered out of the search"
    );
    assert!(second.next.is_none(), "no more pages");
}

#[test]
fn a_changed_name_is_found_by_its_new_name_only() {
    let store = shop();
    let mut o = store
        .read(|c| mostrador_core::store::orders::get(c, "ord_1"))
        .expect("reads")
        .expect("cached");
    o.customer.name = "Ana Ramírez".into();
    o.version += 1;
    store
        .write(|tx| mostrador_core::store::orders::upsert_server(tx, &[o], MX))
        .expect("writes");
    assert!(
        found(&store, "perez").is_empty(),
        "the old name is out of the index"
    );
    assert_eq!(
        found(&store, "ramirez"),
        ["Ana Ramírez"],
        "the new name is in it"
    );
}

#[test]
fn a_long_word_is_found_from_its_first_letters_up_to_the_whole_word() {
    let store = shop();
    for typed in ["con", "conc", "conch", "concha", "CONCHA"] {
        assert_eq!(
            found(&store, typed),
            ["Ana Pérez"],
            "{typed:?} is the start of Concha, Ana's item"
        );
    }
    assert!(
        found(&store, "conchas").is_empty(),
        "a word longer than every indexed word matches nothing"
    );
    assert_eq!(
        found(&store, "empanada pino"),
        ["Pedro Perea"],
        "two long words, both required"
    );
}

#[test]
fn a_single_letter_finds_every_order_with_a_word_it_begins() {
    assert_eq!(
        found(&shop(), "j"),
        ["José Núñez"],
        "j begins only José's name and e-mail"
    );
}

/// `i` as three letters (a = 0 … j = 9): 7 → "aah".
fn letters(i: u32) -> String {
    format!("{i:03}")
        .bytes()
        .map(|d| char::from(d - b'0' + b'a'))
        .collect()
}

/// `n` orders whose customers are `Zafiroaaa`, `Zafiroaab`, … (the order's index in letters,
/// a = 0 … j = 9): `n` different words that begin with "zafiro".
fn many_words(n: u32) -> Store {
    let list: Vec<Order> = (0..n)
        .map(|i| {
            let mut o = order(i + 1, "2026-11-20T12:00:00Z");
            let letters = letters(i);
            o.customer.name = format!("Zafiro{letters}");
            o
        })
        .collect();
    store_with(&list, MX)
}

fn count_found(store: &Store, text: &str) -> usize {
    let q = OrderQuery {
        search: Some(text.into()),
        limit: Some(500),
        ..OrderQuery::default()
    };
    let page = store.read(|c| query::list(c, &q, MX)).expect("search runs");
    page.orders.len()
}

#[test]
fn a_prefix_of_many_words_finds_the_orders_of_every_one() {
    let store = many_words(300);
    assert_eq!(
        count_found(&store, "zafiro"),
        300,
        "300 words begin with zafiro: too many to expand into whole words, and all still match"
    );
    assert_eq!(
        count_found(&store, "zafirob"),
        100,
        "zafirobaa…zafirobjj: 100 words, all found"
    );
    assert_eq!(
        count_found(&store, "zafirobc"),
        10,
        "zafirobca…zafirobcj: 10 words, expanded into an OR of whole words, all found"
    );
    assert_eq!(
        count_found(&store, "zafirobcd"),
        1,
        "the whole word matches itself"
    );
}

#[test]
fn an_email_with_digits_is_found_by_its_name_with_or_without_the_digits() {
    let mut o = order(1, "2026-11-20T12:00:00Z");
    o.customer.name = "Ana".into();
    o.customer.email = Some("ana.rojas85@example.com".into());
    let store = store_with(&[o], MX);
    for typed in ["rojas", "rojas85", "rojas8", "ROJAS85@EXAMPLE"] {
        assert_eq!(
            found(&store, typed),
            ["Ana"],
            "{typed:?}: the e-mail's name part and its digits are both searchable"
        );
    }
    assert!(
        found(&store, "rojas86").is_empty(),
        "other digits do not match"
    );
}

/// 300 orders: even ones for `Zafiroaaa`, `Zafiroaac`, … (150 words beginning with "za"),
/// odd ones for `Ozafiroaab`, … (the same letters inside a word, never at its start).
fn za_inside_and_at_the_start() -> Store {
    let list: Vec<Order> = (0..300u32)
        .map(|i| {
            let mut o = order(i + 1, "2026-11-20T12:00:00Z");
            let letters = letters(i);
            let lead = if i % 2 == 0 { "" } else { "O" };
            o.customer.name = format!("{lead}Zafiro{letters}");
            o
        })
        .collect();
    store_with(&list, MX)
}

#[test]
fn a_short_prefix_of_many_words_matches_word_starts_only() {
    let store = za_inside_and_at_the_start();
    assert_eq!(
        count_found(&store, "za"),
        150,
        "150 words begin with za (too many to expand, so the folded text is scanned) and the \
         150 names holding za inside a word do not match"
    );
    assert_eq!(
        count_found(&store, "Z"),
        150,
        "a single capital letter is a prefix too"
    );
    assert_eq!(
        count_found(&store, "za zafirobce"),
        1,
        "a common short term combines with a rare one: only the order with both"
    );
    assert_eq!(
        count_found(&store, "oz za"),
        0,
        "two common short terms that never meet in one order find nothing"
    );
}

#[test]
fn letters_outside_spanish_are_found_in_any_case_and_as_prefixes() {
    let mut o = order(1, "2026-11-20T12:00:00Z");
    o.customer.name = "Søren Straße".into();
    let store = store_with(&[o], MX);
    for typed in ["SØREN", "sø", "straße", "STRAẞ", "str"] {
        assert_eq!(
            found(&store, typed),
            ["Søren Straße"],
            "{typed:?}: letters the folding keeps are lower-cased and matched like any other"
        );
    }
}

#[test]
fn two_common_short_terms_are_answered_by_the_rarer_ones_index_entries() {
    // 300 orders of `Zafiro…` (300 words beginning with "za"); every third also `Bravo…` (100
    // words beginning with "br"): both terms are common, "br" is in fewer places, so the index
    // drives it and "za" is checked on its rows.
    let list: Vec<Order> = (0..300u32)
        .map(|i| {
            let mut o = order(i + 1, "2026-11-20T12:00:00Z");
            let letters = letters(i);
            o.customer.name = if i % 3 == 0 {
                format!("Zafiro{letters} Bravo{letters}")
            } else {
                format!("Zafiro{letters}")
            };
            o
        })
        .collect();
    let store = store_with(&list, MX);
    assert_eq!(count_found(&store, "za br"), 100, "the orders with both");
    assert_eq!(count_found(&store, "br za"), 100, "in either order");
    assert_eq!(count_found(&store, "br"), 100);
    assert_eq!(
        count_found(&store, "br zafiroaab"),
        0,
        "order 2 is no Bravo: a common term and a rare one that never meet"
    );
    assert_eq!(count_found(&store, "br zafiroaad"), 1, "order 4 is (i = 3)");
}
