//! Opening the two files: checking each, salvaging or setting aside what is damaged, moving a
//! first-wave single file's state out of the cache, migrating, and attaching the state file.
//!
//! The cache (`mostrador.db`) holds only what a sync rebuilds; the state file
//! (`mostrador.state.db`) holds the outbox, the notice ledger, settings and the connection. Each
//! connection opens the cache as `main` and attaches the state file as `state`, so one
//! `BEGIN IMMEDIATE` transaction spans both and unqualified table names keep working. SQLite
//! does not make such a transaction atomic across two WAL files: on a crash in the middle of a
//! commit one file may keep it and the other not. That is safe here because the outbox row is
//! the source of truth and the order's overlay is recomputed from it at every start
//! (`Desk::open` → `outbox::refresh_overlay` for every order with a local change or a pending
//! action), and the cache records which store it holds, so it is reset when it disagrees.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode as SqliteCode};

use super::kv::CACHE_KEYS;
use super::meta::{KEY_CACHE_STATE_ID, KEY_STATE_ID};
use super::migrations::{MIGRATIONS, STATE_MIGRATIONS};
use super::report::StorageReport;
use super::salvage::Recovered;
use super::{aside, kv, legacy, mirror};
use crate::{Error, Result};

/// Both connections, and what was found damaged on the way.
pub(super) struct Opened {
    pub writer: Connection,
    pub reader: Connection,
    pub report: Option<StorageReport>,
}

/// The state file beside a cache file: `mostrador.db` → `mostrador.state.db`.
pub fn state_path(cache: &Path) -> PathBuf {
    cache.with_extension("state.db")
}

pub(super) fn open(cache: &Path, now: DateTime<Utc>) -> Result<Opened> {
    if let Some(dir) = cache.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(Error::storage)?;
    }
    let state = state_path(cache);
    aside::prune(cache, now);
    aside::prune(&state, now);
    let mut report = StorageReport::default();
    let state_is_new = prepare_state(&state, cache, now, &mut report)?;
    prepare_cache(cache, &state, now, &mut report)?;
    let attach = |report: &mut StorageReport| -> Result<(Connection, Connection)> {
        let writer = connect(cache, &state, false)?;
        check_state_id(&writer, state_is_new, report)?;
        mirror::start(&writer)?;
        Ok((writer, connect(cache, &state, true)?))
    };
    let (writer, reader) = match attach(&mut report) {
        Ok(both) => both,
        // The first writes met a damaged page the light check did not read: check in full.
        Err(err) => match cache_damage(cache)? {
            Some(why) => {
                set_cache_aside(cache, &state, now, &mut report, &why)?;
                attach(&mut report)?
            }
            None => return Err(err),
        },
    };
    let report = report.finish();
    if let Some(report) = &report {
        tracing::warn!(message = %report.en, aside = ?report.moved_aside, "storage damage");
    }
    Ok(Opened {
        writer,
        reader,
        report,
    })
}

/// Per-connection settings of the writer, set at every open (they are not stored in the file).
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

/// The state file's own settings on a connection where it is attached as `state`: WAL, full
/// sync, and freed bytes zeroed, so a salvage never mistakes a stale copy for a live row.
pub(super) fn configure_state(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "PRAGMA state.journal_mode = WAL;
         PRAGMA state.synchronous = FULL;
         PRAGMA state.secure_delete = ON;",
    )
}

/// Applies every cache migration not yet applied (in-memory stores).
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    MIGRATIONS.to_latest(conn).map_err(migration_error)
}

fn migration_error(e: rusqlite_migration::Error) -> Error {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => Error::storage(err),
        other => Error::storage(other),
    }
}

fn migration_corrupt(e: &rusqlite_migration::Error) -> bool {
    matches!(e, rusqlite_migration::Error::RusqliteError { err, .. } if is_corrupt(err))
}

fn is_corrupt(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(SqliteCode::DatabaseCorrupt | SqliteCode::NotADatabase)
    )
}

/// The check at open of a cache whose full `quick_check` runs later ([`cache_damage`]).
const LIGHT: &str = "light";

/// A file that opened and passed its check, or why not.
enum Checked {
    Sound(Connection),
    Damaged(String),
}

/// Opens `path`, sets the writer PRAGMAs and runs `check` (`quick_check` or
/// `integrity_check`). Corruption is [`Checked::Damaged`]; any other failure is an error.
fn check(path: &Path, check: &str) -> Result<Checked> {
    let attempt = || -> rusqlite::Result<(Connection, Vec<String>)> {
        let conn = Connection::open(path)?;
        configure(&conn)?;
        let found = if check == LIGHT {
            // Reading the schema is what first touches the file's pages.
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })?;
            vec!["ok".to_string()]
        } else {
            conn.prepare(&format!("PRAGMA {check}"))?
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        Ok((conn, found))
    };
    match attempt() {
        Ok((conn, found)) if found == ["ok"] => Ok(Checked::Sound(conn)),
        Ok((_, found)) => Ok(Checked::Damaged(found.join("; "))),
        Err(err) if is_corrupt(&err) => Ok(Checked::Damaged(err.to_string())),
        Err(err) => Err(Error::storage(err)),
    }
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Makes the state file sound and migrated; salvages a damaged one into a fresh file.
/// Returns whether the state file is brand new (it was missing or empty).
fn prepare_state(
    state: &Path,
    cache: &Path,
    now: DateTime<Utc>,
    report: &mut StorageReport,
) -> Result<bool> {
    let is_new = file_len(state) == 0;
    let why = match check(state, "integrity_check")? {
        Checked::Sound(mut conn) => match STATE_MIGRATIONS.to_latest(&mut conn) {
            Ok(()) if is_new => return restore_vanished(&mut conn, cache, report),
            Ok(()) => return Ok(false),
            Err(e) if migration_corrupt(&e) => e.to_string(),
            Err(e) => return Err(migration_error(e)),
        },
        Checked::Damaged(why) => why,
    };
    tracing::warn!(file = ?state, %why, "the state file is damaged; salvaging it row by row");
    let aside = aside::move_aside(state, now)?;
    let mut found = Recovered::read(&aside, &[]);
    // The cache keeps a copy of the state's actions and named values: take what it has too.
    found.read_copies(cache);
    let mut conn = fresh(state, &STATE_MIGRATIONS)?;
    let tx = conn.transaction()?;
    let tally = found.write(&tx, "main")?;
    tx.commit()?;
    tracing::warn!(?tally, "state salvaged");
    report.state_salvaged(&tally, aside.display().to_string(), true);
    Ok(false)
}

/// A state file that is missing or empty while the cache keeps a copy of one (it vanished, or
/// was cut to nothing): its rows come back from the copy. Returns whether the state is new.
fn restore_vanished(
    conn: &mut Connection,
    cache: &Path,
    report: &mut StorageReport,
) -> Result<bool> {
    let mut found = Recovered::default();
    if file_len(cache) > 0 {
        found.read_copies(cache);
    }
    if found.is_empty() {
        return Ok(true);
    }
    tracing::warn!("the state file was missing or empty; restoring it from the cache's copy");
    let tx = conn.transaction()?;
    let tally = found.write(&tx, "main")?;
    tx.commit()?;
    report.state_salvaged(&tally, String::new(), false);
    Ok(false)
}

/// A new file at `path` with `migrations` applied.
fn fresh(path: &Path, migrations: &rusqlite_migration::Migrations<'_>) -> Result<Connection> {
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    migrations.to_latest(&mut conn).map_err(migration_error)?;
    Ok(conn)
}

/// Makes the cache openable and migrated: a first-wave file's state is moved out first; a
/// cache SQLite refuses is set aside ([`set_cache_aside`]). Its full `quick_check` runs apart
/// ([`cache_damage`]), so a large cache does not delay the start.
fn prepare_cache(
    cache: &Path,
    state: &Path,
    now: DateTime<Utc>,
    report: &mut StorageReport,
) -> Result<()> {
    let why = match check(cache, LIGHT)? {
        Checked::Sound(mut conn) => {
            let moved = legacy::move_state_out(&conn, state);
            match moved.map(|()| MIGRATIONS.to_latest(&mut conn)) {
                Ok(Ok(())) => return Ok(()),
                Ok(Err(e)) if migration_corrupt(&e) => e.to_string(),
                Ok(Err(e)) => return Err(migration_error(e)),
                Err(e) if is_corrupt(&e) => e.to_string(),
                Err(e) => return Err(Error::storage(e)),
            }
        }
        Checked::Damaged(why) => why,
    };
    set_cache_aside(cache, state, now, report, &why)
}

/// `PRAGMA quick_check` of the cache on a connection of its own (readers and the writer go on
/// meanwhile): `Some(what is wrong)` when it is damaged.
pub(super) fn cache_damage(cache: &Path) -> Result<Option<String>> {
    let attempt = || -> rusqlite::Result<Vec<String>> {
        let conn = Connection::open_with_flags(cache, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.prepare("PRAGMA quick_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect()
    };
    match attempt() {
        Ok(found) if found == ["ok"] => Ok(None),
        Ok(found) => Ok(Some(found.join("; "))),
        Err(err) if is_corrupt(&err) => Ok(Some(err.to_string())),
        Err(err) => Err(Error::storage(err)),
    }
}

/// Replaces a cache found damaged while open: sets it aside, creates a fresh one, and returns
/// new connections (the caller has closed the old ones).
pub(super) fn reopen_fresh_cache(cache: &Path, now: DateTime<Utc>, why: &str) -> Result<Opened> {
    let state = state_path(cache);
    let mut report = StorageReport::default();
    set_cache_aside(cache, &state, now, &mut report, why)?;
    let writer = connect(cache, &state, false)?;
    check_state_id(&writer, false, &mut report)?;
    mirror::start(&writer)?;
    let reader = connect(cache, &state, true)?;
    let report = report.finish();
    if let Some(report) = &report {
        tracing::warn!(message = %report.en, aside = ?report.moved_aside, "storage damage");
    }
    Ok(Opened {
        writer,
        reader,
        report,
    })
}

/// Sets a damaged cache aside (what a first-wave one held of the state is salvaged) and
/// creates a fresh one, which the next sync fills from the start.
fn set_cache_aside(
    cache: &Path,
    state: &Path,
    now: DateTime<Utc>,
    report: &mut StorageReport,
    why: &str,
) -> Result<()> {
    tracing::warn!(file = ?cache, %why, "the order cache is damaged; setting it aside to resync");
    let aside = aside::move_aside(cache, now)?;
    // A first-wave file kept the outbox, the ledger and settings beside the orders.
    let found = Recovered::read(&aside, CACHE_KEYS);
    let mut conn = Connection::open(state)?;
    configure(&conn)?;
    let tx = conn.transaction()?;
    let tally = found.write(&tx, "main")?;
    tx.commit()?;
    if tally.kept_rows > 0 || tally.lost > 0 {
        // A first-wave file: the actions were in the damaged file set aside just below.
        report.state_salvaged(&tally, String::new(), false);
        report.state_aside = true;
    }
    report.cache_damaged(aside.display().to_string());
    fresh(cache, &MIGRATIONS)?;
    Ok(())
}

/// A connection on the cache with the state file attached as `state`.
fn connect(cache: &Path, state: &Path, read_only: bool) -> Result<Connection> {
    let conn = Connection::open(cache)?;
    if read_only {
        conn.execute_batch("PRAGMA busy_timeout = 5000; PRAGMA cache_size = -8192;")?;
    } else {
        configure(&conn)?;
    }
    conn.execute(
        "ATTACH DATABASE ?1 AS state",
        [state.to_string_lossy().as_ref()],
    )?;
    if read_only {
        conn.execute_batch("PRAGMA query_only = ON;")?;
    } else {
        configure_state(&conn)?;
    }
    Ok(conn)
}

/// Gives the state file an id and remembers it in the cache, so a state file that vanished or
/// was emptied (while the cache survived) is told to the owner instead of passing for a first
/// start.
fn check_state_id(conn: &Connection, state_is_new: bool, report: &mut StorageReport) -> Result<()> {
    let state_id = match kv::get(conn, KEY_STATE_ID)? {
        Some(id) => id,
        None => {
            let id = uuid::Uuid::new_v4().to_string();
            kv::set(conn, KEY_STATE_ID, &id)?;
            id
        }
    };
    let remembered = kv::get(conn, KEY_CACHE_STATE_ID)?;
    if state_is_new && !report.state_damaged && remembered.as_ref().is_some_and(|r| *r != state_id)
    {
        tracing::warn!("the state file was missing or empty while the cache remembers one");
        report.state_vanished();
    }
    if remembered.as_deref() != Some(state_id.as_str()) {
        kv::set(conn, KEY_CACHE_STATE_ID, &state_id)?;
    }
    Ok(())
}
