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
