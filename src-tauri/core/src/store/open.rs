//! Opening the database: PRAGMAs, migrations, and moving a corrupt file aside.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode as SqliteCode};

use super::MIGRATIONS;
use super::meta::{KEY_BULK, KEY_CURSOR};
use crate::{Error, Result};

/// Tables that only hold what the backend can send again; never copied out of a corrupt file.
const CACHE_TABLES: &[&str] = &["orders", "order_tags", "counts", "daily"];

/// Opens the writer connection, migrated; a corrupt file is moved aside first.
pub(super) fn writer(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(Error::storage)?;
    }
    match open_migrated(path) {
        Ok(conn) => Ok(conn),
        Err(Failed::Sqlite(err)) if is_corrupt(&err) => {
            let aside = move_aside(path)?;
            tracing::warn!(?aside, %err, "corrupt cache moved aside; starting a fresh one");
            let conn = open_migrated(path).map_err(Error::from)?;
            if let Err(err) = salvage(&conn, &aside) {
                tracing::warn!(%err, "could not copy settings and queued actions from the corrupt cache");
            }
            Ok(conn)
        }
        Err(err) => Err(err.into()),
    }
}

/// Why opening failed: SQLite's own error (to tell corruption apart) or a migration's.
enum Failed {
    Sqlite(rusqlite::Error),
    Migration(rusqlite_migration::Error),
}

impl From<Failed> for Error {
    fn from(failed: Failed) -> Error {
        match failed {
            Failed::Sqlite(err) => Error::storage(err),
            Failed::Migration(err) => Error::storage(err),
        }
    }
}

/// Opens the reader connection (the writer created and migrated the file already).
pub(super) fn reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.execute_batch(
        "PRAGMA busy_timeout = 5000;
         PRAGMA cache_size = -8192;
         PRAGMA query_only = ON;",
    )?;
    Ok(conn)
}

/// Per-connection settings, set at every open (they are not stored in the file).
pub(super) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_prepared_statement_cache_capacity(64);
    // busy_timeout first, so switching to WAL waits for another process instead of failing.
    conn.execute_batch(
        "PRAGMA busy_timeout = 5000;
         PRAGMA journal_mode = WAL;
         PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA cache_size = -8192;
         PRAGMA temp_store = MEMORY;",
    )
}

/// Applies every migration not yet applied.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    MIGRATIONS.to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => Error::storage(err),
        other => Error::storage(other),
    })
}

fn open_migrated(path: &Path) -> Result<Connection, Failed> {
    let mut conn = Connection::open(path).map_err(Failed::Sqlite)?;
    configure(&conn).map_err(Failed::Sqlite)?;
    // Reading the schema is what first touches the file's pages: corruption shows up here.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(Failed::Sqlite)?;
    MIGRATIONS.to_latest(&mut conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => Failed::Sqlite(err),
        other => Failed::Migration(other),
    })?;
    Ok(conn)
}

fn is_corrupt(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(SqliteCode::DatabaseCorrupt | SqliteCode::NotADatabase)
    )
}

/// Renames `path` (and its WAL and shared-memory files) to the first free `.corrupt-<n>`.
fn move_aside(path: &Path) -> Result<PathBuf> {
    let with_suffix = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let n = (1..)
        .find(|n| !with_suffix(&format!(".corrupt-{n}")).exists())
        .unwrap_or(0);
    let aside = with_suffix(&format!(".corrupt-{n}"));
    std::fs::rename(path, &aside).map_err(Error::storage)?;
    for extra in ["-wal", "-shm"] {
        let from = with_suffix(extra);
        if from.exists() {
            let to = with_suffix(&format!(".corrupt-{n}{extra}"));
            std::fs::rename(&from, &to).map_err(Error::storage)?;
        }
    }
    Ok(aside)
}

/// Copies what the backend cannot send again out of the corrupt file: every table that is not
/// part of the order cache (settings in `kv` without the sync cursor; the outbox; the ledger),
/// column by column where both schemas have the column. Rows that cannot be read are lost.
fn salvage(conn: &Connection, aside: &Path) -> rusqlite::Result<()> {
    let uri = format!("file:{}?mode=ro", aside.display());
    conn.execute("ATTACH DATABASE ?1 AS old", [uri])?;
    let result = copy_tables(conn);
    conn.execute_batch("DETACH DATABASE old")?;
    result
}

fn copy_tables(conn: &Connection) -> rusqlite::Result<()> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM main.sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'orders_fts%'
             AND name IN (SELECT name FROM old.sqlite_master WHERE type = 'table')",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables
        .iter()
        .filter(|t| !CACHE_TABLES.contains(&t.as_str()))
    {
        let columns = shared_columns(conn, table)?;
        if columns.is_empty() {
            continue;
        }
        let mut sql = format!(
            "INSERT OR IGNORE INTO main.\"{table}\" ({columns}) SELECT {columns} FROM old.\"{table}\""
        );
        if table == "kv" {
            sql.push_str(&format!(" WHERE key NOT IN ('{KEY_CURSOR}', '{KEY_BULK}')"));
        }
        if let Err(err) = conn.execute(&sql, []) {
            tracing::warn!(%table, %err, "rows lost with the corrupt cache");
        }
    }
    Ok(())
}

/// `"a", "b"`: the columns `table` has in both databases.
fn shared_columns(conn: &Connection, table: &str) -> rusqlite::Result<String> {
    let names = |schema: &str| -> rusqlite::Result<Vec<String>> {
        conn.prepare(&format!("SELECT name FROM {schema}.pragma_table_info(?1)"))?
            .query_map([table], |r| r.get(0))?
            .collect()
    };
    let old = names("old")?;
    Ok(names("main")?
        .into_iter()
        .filter(|c| old.contains(c))
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A migrated database at `path` with one row in every table that cannot be rebuilt from
    /// the backend and some of the cache's.
    fn full_database(path: &Path) {
        let conn = open_migrated(path).map_err(Error::from).expect("opens");
        conn.execute_batch(
            "INSERT INTO kv(key, value) VALUES ('settings', 's'), ('sync.cursor', '9');
             INSERT INTO counts(key, n) VALUES ('all', 3);
             INSERT INTO outbox(id, order_id, order_number, kind, action, path, body, created_at)
             VALUES ('act', 'ord_1', '1042', 'cancel', '{}', '/p', X'00FF', 1);
             INSERT INTO attention_ledger(subject, kinds, rings, acked_at, updated_at)
             VALUES ('ord_1', 5, 1, 7, 8);",
        )
        .expect("rows are written");
    }

    #[test]
    fn salvage_copies_the_outbox_the_ledger_and_settings_but_not_the_cache() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let old = dir.path().join("old.db");
        full_database(&old);
        let fresh = open_migrated(&dir.path().join("new.db"))
            .map_err(Error::from)
            .expect("opens");

        salvage(&fresh, &old).expect("the old file can be read");

        let row = |sql: &str| -> String {
            fresh
                .query_row(sql, [], |r| r.get(0))
                .expect("the query runs")
        };
        assert_eq!(
            row("SELECT id || ' ' || kind || ' ' || hex(body) FROM outbox"),
            "act cancel 00FF",
            "a queued refund keeps its key and exact body"
        );
        assert_eq!(
            row(
                "SELECT subject || ' ' || kinds || ' ' || rings || ' ' || acked_at FROM attention_ledger"
            ),
            "ord_1 5 1 7",
            "announced notices and acknowledgements are remembered, so nothing rings twice"
        );
        assert_eq!(
            row("SELECT group_concat(key || '=' || value) FROM kv"),
            "settings=s",
            "settings are copied; the sync cursor is not, the cache starts over"
        );
        assert_eq!(
            row("SELECT CAST(count(*) AS TEXT) FROM counts"),
            "0",
            "the cache's counters are not copied"
        );
    }
}
