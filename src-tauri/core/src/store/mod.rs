//! The SQLite files: the order cache (orders, counters, search) and, apart from it, the state
//! that cannot be rebuilt from the backend (outbox, notice ledger, settings, the connection).
//!
//! [`Store`] owns two connections, each with the cache as `main` and the state file attached
//! as `state` (see `open.rs` for why that is safe): a writer (every write is one
//! `BEGIN IMMEDIATE` transaction through [`Store::write`]) and a reader ([`Store::read`]), so
//! the list stays readable while a sync writes (WAL). Both files are checked at every open; a
//! damaged cache is set aside and resynced, a damaged state file is salvaged row by row, and
//! [`Store::report`] tells what was kept. The functions that do the work take a
//! `&rusqlite::Connection` and compose inside one transaction:
//!
//! - [`orders`]: server upserts that never regress, optimistic overlays, bulk loads, reset.
//! - [`query`]: a page of the list (keyset, every filter, search) and the counters.
//! - [`kpi`]: sales, order count and average ticket per period.
//! - [`kv`] and [`meta`]: named values (sync cursor, the store, settings).
//! - [`quarantine`]: orders the backend sent that did not decode, kept raw.
//!
//! ```no_run
//! # fn main() -> mostrador_core::Result<()> {
//! use mostrador_core::store::{Store, meta, query};
//! let store = Store::open("/tmp/mostrador.db")?; // and /tmp/mostrador.state.db
//! store.write(|tx| meta::set_cursor(tx, 42))?;
//! let counts = store.read(|conn| query::counts(conn))?;
//! # let _ = counts; Ok(()) }
//! ```

mod bulk;
mod legacy;
mod migrations;
mod mirror;
mod open;
mod pages;
mod report;
mod row;
mod salvage;
mod search;
mod tally;

pub mod aside;
pub mod gone;

pub mod kpi;
pub mod kv;
pub mod meta;
pub mod orders;
pub mod quarantine;
pub mod query;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use migrations::{MIGRATIONS, STATE_APART, STATE_MIGRATIONS};
pub use open::state_path;
pub use orders::reset_cache;
pub use report::StorageReport;
pub use row::{fold, local_day};

use crate::Result;

/// The order cache and the state kept apart from it, in two SQLite files.
pub struct Store {
    writer: Mutex<Connection>,
    /// `None` for an in-memory store, whose reads share the writer's connection.
    reader: Option<Mutex<Connection>>,
    path: Option<PathBuf>,
    report: Mutex<Option<StorageReport>>,
    /// An in-memory store's state database lives as long as this connection.
    _state_keeper: Option<Mutex<Connection>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (or creates) the cache at `path` and the state file beside it
    /// ([`state_path`]), checks both, sets WAL, foreign keys, a 5 s busy timeout and
    /// `synchronous=FULL`, and migrates them (a first-wave single file has its outbox, ledger
    /// and settings moved into the state file first).
    ///
    /// A cache SQLite refuses is moved aside to `<path>.damaged-<time>` and a fresh one created
    /// (the next sync fills it); the full `quick_check` of the cache is [`Store::check_cache`],
    /// apart, so a large cache does not delay the start (the Desk runs it when it starts). A damaged state file is moved aside the same way and its rows
    /// salvaged into a fresh one. [`Store::report`] tells what happened. Files moved aside are
    /// removed after [`aside::KEEP_DAYS`] days.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_at(path, crate::clock::Clock::now(&crate::clock::SystemClock))
    }

    /// [`Store::open`] with the time used to name and expire damaged files.
    pub fn open_at(path: impl AsRef<Path>, now: chrono::DateTime<chrono::Utc>) -> Result<Store> {
        let path = path.as_ref();
        let opened = open::open(path, now)?;
        Ok(Store {
            writer: Mutex::new(opened.writer),
            reader: Some(Mutex::new(opened.reader)),
            path: Some(path.to_path_buf()),
            report: Mutex::new(opened.report),
            _state_keeper: None,
        })
    }

    /// A migrated database in memory, one connection for reads and writes (tests, demos).
    pub fn open_in_memory() -> Result<Store> {
        // The state database is a named shared in-memory database, migrated on its own
        // connection (migrations run on `main`) and attached to the store's.
        let uri = format!(
            "file:state-{}?mode=memory&cache=shared",
            uuid::Uuid::new_v4().simple()
        );
        let mut keeper = Connection::open(&uri)?;
        STATE_MIGRATIONS
            .to_latest(&mut keeper)
            .map_err(crate::Error::storage)?;
        let mut conn = Connection::open_in_memory()?;
        open::configure(&conn)?;
        open::migrate(&mut conn)?;
        conn.execute("ATTACH DATABASE ?1 AS state", [&uri])?;
        Ok(Store {
            writer: Mutex::new(conn),
            reader: None,
            path: None,
            report: Mutex::new(None),
            _state_keeper: Some(Mutex::new(keeper)),
        })
    }

    /// What opening (and [`Store::check_cache`]) found damaged and did about it; `None` when
    /// both files were sound.
    pub fn report(&self) -> Option<StorageReport> {
        self.report
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Runs the cache's full `PRAGMA quick_check` (on its own connection: reads and writes go
    /// on meanwhile). `Some(what is wrong)` when the cache is damaged; `None` in memory.
    pub fn cache_damage(&self) -> Result<Option<String>> {
        match &self.path {
            Some(path) => open::cache_damage(path),
            None => Ok(None),
        }
    }

    /// Sets a damaged cache aside and continues on a fresh one (the next sync fills it); the
    /// state file is untouched. Callers hold off syncing meanwhile (`Desk::check_storage`).
    pub fn replace_cache(&self, now: chrono::DateTime<chrono::Utc>, why: &str) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let mut reader = self
            .reader
            .as_ref()
            .map(|r| r.lock().unwrap_or_else(PoisonError::into_inner));
        // Close the damaged file's connections before moving it (closing one may touch its WAL).
        *writer = Connection::open_in_memory()?;
        if let Some(reader) = reader.as_mut() {
            **reader = Connection::open_in_memory()?;
        }
        let opened = open::reopen_fresh_cache(path, now, why)?;
        *writer = opened.writer;
        if let Some(reader) = reader.as_mut() {
            **reader = opened.reader;
        }
        let mut report = self.report.lock().unwrap_or_else(PoisonError::into_inner);
        *report = match (report.take(), opened.report) {
            (Some(mut before), Some(now)) => {
                before.cache_damaged(now.moved_aside.concat());
                before.finish()
            }
            (before, now) => now.or(before),
        };
        Ok(())
    }

    /// [`Store::cache_damage`], then [`Store::replace_cache`] when it is damaged (tests, the
    /// CLI). Returns whether the cache was replaced.
    pub fn check_cache(&self, now: chrono::DateTime<chrono::Utc>) -> Result<bool> {
        match self.cache_damage()? {
            Some(why) => self.replace_cache(now, &why).map(|()| true),
            None => Ok(false),
        }
    }

    /// The cache file, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The state file, `None` in memory.
    pub fn state_path(&self) -> Option<PathBuf> {
        self.path.as_deref().map(state_path)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction on the writer: committed when `f`
    /// returns `Ok`, rolled back when it returns an error (or panics).
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        // A panic inside an earlier `f` rolled its transaction back; the connection is sound.
        let mut conn = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` on the reader connection (it sees the last committed state).
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let lock = self.reader.as_ref().unwrap_or(&self.writer);
        let conn = lock.lock().unwrap_or_else(PoisonError::into_inner);
        f(&conn)
    }
}
