//! Opening the database: migrations, PRAGMAs, a corrupt file moved aside.

use std::path::{Path, PathBuf};

use mostrador_core::store::{MIGRATIONS, Store, kv, meta, query};

/// Files moved aside from `name` in `dir` (`<name>.damaged-<time>`), oldest name first.
pub fn moved_aside(dir: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = format!("{name}.damaged-");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the folder lists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(&prefix) && !n.ends_with("-wal") && !n.ends_with("-shm")
            })
        })
        .collect();
    found.sort();
    found
}

#[test]
fn migrations_validate_against_an_empty_database() {
    assert!(
        MIGRATIONS.validate().is_ok(),
        "every migration must apply, in order, to an empty database"
    );
}

#[test]
fn opening_a_file_sets_wal_foreign_keys_full_sync_and_a_busy_timeout() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = Store::open(dir.path().join("mostrador.db")).expect("a new file opens");
    let pragmas = store
        .write(|tx| {
            let get = |p: &str| -> rusqlite::Result<String> {
                tx.query_row(&format!("PRAGMA {p}"), [], |r| {
                    r.get::<_, rusqlite::types::Value>(0)
                        .map(|v| format!("{v:?}"))
                })
            };
            Ok([
                get("journal_mode")?,
                get("foreign_keys")?,
                get("synchronous")?,
                get("busy_timeout")?,
            ])
        })
        .expect("pragmas can be read");
    assert_eq!(
        pragmas,
        [
            r#"Text("wal")"#,
            "Integer(1)",
            "Integer(2)",
            "Integer(5000)"
        ],
        "the writer runs in WAL with foreign keys, synchronous=FULL and a 5 s busy timeout"
    );
}

#[test]
fn a_reopened_file_keeps_what_was_written() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("nested").join("mostrador.db");
    {
        let store = Store::open(&path).expect("the file and its folder are created");
        store
            .write(|tx| meta::set_cursor(tx, 77))
            .expect("the cursor is written");
    }
    let store = Store::open(&path).expect("the file opens again");
    assert_eq!(
        store.read(meta::cursor).expect("the reader sees it"),
        77,
        "a committed cursor survives closing and reopening"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_moved_aside_and_a_fresh_cache_created() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("mostrador.db");
    let garbage = vec![0x5a_u8; 8192];
    std::fs::write(&path, &garbage).expect("garbage is written");

    let store = Store::open(&path).expect("a corrupt cache does not stop the app");
    let aside = moved_aside(dir.path(), "mostrador.db");
    assert_eq!(
        aside.len(),
        1,
        "the damaged cache is moved aside, with the time in its name"
    );
    assert_eq!(
        std::fs::read(&aside[0]).expect("the corrupt file is kept aside"),
        garbage,
        "the corrupt file is moved aside untouched, for a later look"
    );
    store
        .write(|tx| kv::set(tx, "k", "v"))
        .expect("the fresh cache takes writes");
    assert_eq!(
        store
            .read(query::counts)
            .expect("the fresh cache reads")
            .all,
        0,
        "the fresh cache starts empty and is filled by the next sync"
    );
}

#[test]
fn a_second_corrupt_file_does_not_overwrite_the_first_one_moved_aside() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("mostrador.db");
    let now = chrono::Utc::now();
    std::fs::write(&path, vec![1_u8; 4096]).expect("written");
    Store::open_at(&path, now).expect("opens");
    std::fs::write(&path, vec![2_u8; 4096]).expect("written");
    Store::open_at(&path, now).expect("opens again in the same second");
    let aside = moved_aside(dir.path(), "mostrador.db");
    assert_eq!(aside.len(), 2, "each damaged file gets its own name");
    let contents: Vec<Vec<u8>> = aside
        .iter()
        .map(|p| std::fs::read(p).expect("reads"))
        .collect();
    assert!(
        contents.contains(&vec![1_u8; 4096]) && contents.contains(&vec![2_u8; 4096]),
        "an earlier damaged file is never overwritten"
    );
}

#[test]
fn a_failed_write_rolls_back_everything_it_did() {
    let store = Store::open_in_memory().expect("opens");
    let result: mostrador_core::Result<()> = store.write(|tx| {
        meta::set_cursor(tx, 5)?;
        Err(mostrador_core::Error::internal("boom"))
    });
    assert!(result.is_err(), "the closure's error is returned");
    assert_eq!(
        store.read(meta::cursor).expect("reads"),
        0,
        "a write that fails leaves nothing behind"
    );
}

#[test]
fn a_first_wave_single_file_moves_its_actions_ledger_and_settings_into_the_state_file() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("mostrador.db");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("a new file opens");
        MIGRATIONS
            .to_version(&mut conn, 3)
            .expect("the first wave's three migrations apply");
        conn.execute_batch(
            r#"INSERT INTO kv(key, value) VALUES ('settings', '{"sound":false}'),
                   ('backend.url', 'http://127.0.0.1:9'), ('sync.cursor', '41');
               INSERT INTO outbox(id, order_id, order_number, kind, action, path, body, state,
                   attempts, created_at)
               VALUES ('00000000-0000-4000-8000-000000000001', 'ord_1', '1041', 'advance',
                       '{"kind":"advance","to":"preparing"}', '/v1/orders/ord_1/transitions',
                       X'7B22746F223A22707265706172696E67227D', 'pending', 2, 1),
                      ('00000000-0000-4000-8000-000000000002', 'ord_2', '1042', 'cancel',
                       '{"kind":"cancel","reason":"x","refund_amount":45000}',
                       '/v1/orders/ord_2/cancellations', X'00FF', 'pending', 0, 2),
                      ('00000000-0000-4000-8000-000000000003', 'ord_3', '1043', 'advance',
                       '{"kind":"advance","to":"ready"}', '/v1/orders/ord_3/transitions',
                       X'01', 'applied', 1, 3);
               INSERT INTO attention_ledger(subject, kinds, rings, acked_at, updated_at)
               VALUES ('ord_1', 5, 1, 7, 8);"#,
        )
        .expect("first-wave rows are written");
    }

    let store = Store::open(&path).expect("the first-wave file opens");

    assert!(
        store.report().is_none(),
        "a sound file is not reported as damaged"
    );
    let state = rusqlite::Connection::open(dir.path().join("mostrador.state.db"))
        .expect("the state file was created beside the cache");
    let rows: Vec<String> = state
        .prepare(
            "SELECT seq || ' ' || id || ' ' || state || ' ' || attempts || ' ' || hex(body)
             FROM outbox ORDER BY seq",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the state's outbox reads");
    assert_eq!(
        rows,
        [
            "1 00000000-0000-4000-8000-000000000001 pending 2 7B22746F223A22707265706172696E67227D",
            "2 00000000-0000-4000-8000-000000000002 pending 0 00FF",
            "3 00000000-0000-4000-8000-000000000003 applied 1 01",
        ],
        "every action moved: same queue order, key, state, attempts and exact bytes"
    );
    let ledger: String = state
        .query_row(
            "SELECT subject || ' ' || kinds || ' ' || rings || ' ' || acked_at FROM attention_ledger",
            [],
            |r| r.get(0),
        )
        .expect("the ledger moved");
    assert_eq!(ledger, "ord_1 5 1 7", "announced notices are remembered");
    assert_eq!(
        store
            .read(|c| kv::get(c, "backend.url"))
            .expect("reads")
            .as_deref(),
        Some("http://127.0.0.1:9"),
        "the connection moved"
    );
    assert_eq!(
        store
            .read(|c| kv::get(c, "settings"))
            .expect("reads")
            .as_deref(),
        Some(r#"{"sound":false}"#),
        "the settings moved"
    );
    assert_eq!(
        store.read(meta::cursor).expect("reads"),
        41,
        "a sound cache keeps its cursor: no resync is needed"
    );
    let left: i64 = store
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM main.sqlite_master WHERE name IN ('outbox', 'attention_ledger')",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("reads");
    assert_eq!(left, 0, "the cache no longer holds what cannot be rebuilt");
}
