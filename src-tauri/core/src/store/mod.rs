//! The SQLite cache: orders, counters, search, and the key-value state beside them.
//!
//! [`Store`] owns one database file with two connections: a writer (every write is one
//! `BEGIN IMMEDIATE` transaction through [`Store::write`]) and a reader ([`Store::read`]), so
//! the list stays readable while a sync writes (WAL). The functions that do the work take a
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
//! let store = Store::open("/tmp/mostrador.db")?;
//! store.write(|tx| meta::set_cursor(tx, 42))?;
//! let counts = store.read(|conn| query::counts(conn))?;
//! # let _ = counts; Ok(()) }
//! ```

mod bulk;
mod migrations;
mod open;
mod row;
mod search;
mod tally;

pub mod kpi;
pub mod kv;
pub mod meta;
pub mod orders;
pub mod quarantine;
pub mod query;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use migrations::MIGRATIONS;
pub use orders::reset_cache;
pub use row::{fold, local_day};

use crate::Result;

/// The order cache and the state kept beside it, in one SQLite file.
pub struct Store {
    writer: Mutex<Connection>,
    /// `None` for an in-memory store, whose reads share the writer's connection.
    reader: Option<Mutex<Connection>>,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (or creates) the database at `path`, sets WAL, foreign keys, a 5 s busy timeout
    /// and `synchronous=FULL`, and migrates it to the latest schema.
    ///
    /// A file SQLite reports as corrupt or not a database is moved aside to
    /// `<path>.corrupt-<n>` (with its `-wal`/`-shm`) and a fresh database is created: the
    /// order cache is rebuilt by the next sync. What cannot be rebuilt — settings and the rows
    /// of other modules' tables (outbox, notice ledger) — is copied over when the old file can
    /// still be read.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let writer = open::writer(path)?;
        let reader = open::reader(path)?;
        Ok(Store {
            writer: Mutex::new(writer),
            reader: Some(Mutex::new(reader)),
            path: Some(path.to_path_buf()),
        })
    }

    /// A migrated database in memory, one connection for reads and writes (tests, demos).
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        open::configure(&conn)?;
        open::migrate(&mut conn)?;
        Ok(Store {
            writer: Mutex::new(conn),
            reader: None,
            path: None,
        })
    }

    /// The database file, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
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
