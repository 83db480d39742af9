//! A cache found corrupt at open is moved aside; what the backend cannot send again (queued
//! actions, settings) is copied into the fresh database, the order cache is not.

use mostrador_core::store::{MIGRATIONS, Store, kv, meta, query};
use rusqlite::Connection;

/// A database one migration behind, holding a queued action, a setting, a sync cursor and a
/// counter, whose free-page list points past the end of the file: it reads fine, but the next
/// page SQLite allocates (migration 0003's new table) is reported as corruption.
fn old_file_with_a_broken_free_list(path: &std::path::Path) {
    let mut conn = Connection::open(path).expect("a new file opens");
    MIGRATIONS
        .to_version(&mut conn, 2)
        .expect("the cache and outbox migrations apply");
    conn.execute_batch(
        "INSERT INTO kv(key, value) VALUES ('settings', '{\"sound\":true}'),
                                           ('sync.cursor', '99'), ('store.bulk', '1');
         INSERT INTO counts(key, n) VALUES ('all', 5);
         INSERT INTO outbox(id, order_id, order_number, kind, action, path, body, created_at)
         VALUES ('a1b2', 'ord_1', '1042', 'advance', '{\"kind\":\"advance\",\"to\":\"preparing\"}',
                 '/v1/orders/ord_1/status',
                 X'7B7D', 1700000000000);",
    )
    .expect("rows are written");
    drop(conn);
    let mut bytes = std::fs::read(path).expect("the file reads");
    // Header: first free-list trunk page (offset 32) and free-page count (offset 36).
    bytes[32..36].copy_from_slice(&0x00ff_ffff_u32.to_be_bytes());
    bytes[36..40].copy_from_slice(&1_u32.to_be_bytes());
    std::fs::write(path, bytes).expect("the header is rewritten");
}

#[test]
fn queued_actions_and_settings_survive_a_corrupt_cache_and_the_cache_does_not() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("mostrador.db");
    old_file_with_a_broken_free_list(&path);

    let store = Store::open(&path).expect("a corrupt cache does not stop the app");

    assert_eq!(
        super::open::moved_aside(dir.path(), "mostrador.db").len(),
        1,
        "the migration hit the corruption, so the file was moved aside"
    );
    let (action, setting) = store
        .read(|c| {
            let action: String = c.query_row(
                "SELECT id || ' ' || order_id || ' ' || hex(body) FROM outbox",
                [],
                |r| r.get(0),
            )?;
            Ok((action, kv::get(c, "settings")?))
        })
        .expect("the fresh database reads");
    assert_eq!(
        action, "a1b2 ord_1 7B7D",
        "a queued action is never lost with the cache: same key, same bytes"
    );
    assert_eq!(
        setting.as_deref(),
        Some("{\"sound\":true}"),
        "the owner's settings are copied over"
    );
    assert_eq!(
        store.read(meta::cursor).expect("reads"),
        0,
        "the cursor is not copied: the empty cache must be synced from the start"
    );
    assert!(
        !store.read(meta::in_bulk).expect("reads"),
        "a bulk load of the old cache is not carried over"
    );
    assert_eq!(
        store.read(query::counts).expect("reads").all,
        0,
        "counters belong to the old cache and are not copied"
    );
}
