//! Salvaging what cannot be rebuilt from a damaged file, row by row.
//!
//! Two readers, merged: SQLite itself (with `writable_schema`, table by table, keeping every
//! row read before a damaged page stops the scan), and [`super::pages`], which reads rows out of
//! whatever leaf pages survive when SQLite refuses the file. Outbox, ledger and settings rows
//! are told apart by their shape. An action found twice keeps its most advanced state (states
//! only move forward: pending, then applied or failed), so a stale copy never resends an
//! applied refund. The outbox's indexes name every action by id even when its row is gone:
//! those are counted as "could not be read".

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};

use super::pages::{Cell, Pages};
use crate::outbox::kind::ActionKind;

/// The outbox's columns, in table order (`migrations/state/0001_state.sql`).
const OUTBOX: &str = "seq, id, order_id, order_number, kind, action, path, body, state, \
    attempts, created_at, next_attempt_at, settled_at, error_es, error_en, dismissed";
const LEDGER: &str = "subject, kinds, rings, acked_at, updated_at";

/// Rows read out of a damaged file.
#[derive(Debug, Default)]
pub(crate) struct Recovered {
    /// Outbox rows by id (16 values each).
    outbox: BTreeMap<String, Vec<Value>>,
    /// Parked rows by id (17 values: the outbox's and the store key).
    parked: BTreeMap<String, Vec<Value>>,
    /// Ledger rows by subject.
    ledger: BTreeMap<String, Vec<Value>>,
    /// Named values by key.
    kv: BTreeMap<String, String>,
    /// Actions (by seq, with their state when an index told it) the indexes name.
    named: BTreeMap<i64, Option<String>>,
    /// Actions SQLite read through their table: current, never replaced by a page copy.
    sure: BTreeSet<String>,
    /// The cache's copy was read to the end.
    copy_complete: bool,
}

/// Where a row was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// Through the table by SQLite: current; page copies never replace it.
    Table,
    /// Out of a leaf page: possibly stale; the most advanced copy wins.
    Page,
    /// The cache's copy (never behind the state): it may move any action forward.
    Copy,
}

/// What the salvage kept and lost, for the owner.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    /// Pending actions kept.
    pub kept_pending: u32,
    /// Every action row kept (settled ones too).
    pub kept_rows: u32,
    /// Actions the indexes name whose rows could not be read.
    pub lost: u32,
    /// Of those, how many the index said were still pending.
    pub lost_pending: u32,
    /// The outbox's index was readable, so the losses above are known.
    pub index_seen: bool,
    /// Keys of named values kept.
    pub keys: Vec<String>,
}

fn is_outbox(values: &[Value]) -> bool {
    let text = |i: usize, allowed: &[&str]| matches!(values.get(i), Some(Value::Text(t)) if allowed.is_empty() || allowed.contains(&t.as_str()));
    (values.len() == 16 || values.len() == 17)
        && text(1, &[])
        && text(4, &["advance", "cancel", "retry_document"])
        && matches!(values.get(7), Some(Value::Blob(_)))
        && text(8, &["pending", "applied", "failed"])
        && matches!(&values[5], Value::Text(a) if serde_json::from_str::<ActionKind>(a).is_ok())
        && (values.len() == 16 || text(16, &[]))
}

fn text_at(values: &[Value], i: usize) -> String {
    match values.get(i) {
        Some(Value::Text(t)) => t.clone(),
        _ => String::new(),
    }
}

fn rank(values: &[Value]) -> (u8, i64) {
    let state = match text_at(values, 8).as_str() {
        "pending" => 0,
        _ => 1,
    };
    let attempts = match values.get(9) {
        Some(Value::Integer(n)) => *n,
        _ => 0,
    };
    (state, attempts)
}

/// Hands every row `sql` returns to `take`, up to the first one SQLite cannot read. Returns
/// whether every row was read.
fn read_rows(conn: &Connection, sql: &str, take: &mut dyn FnMut(Vec<Value>)) -> bool {
    let Ok(mut stmt) = conn.prepare(sql) else {
        return false;
    };
    let n = stmt.column_count();
    let Ok(mut cursor) = stmt.query([]) else {
        return false;
    };
    // Every row up to the first unreadable page; the pages reader fills in the rest.
    loop {
        match cursor.next() {
            Ok(Some(row)) => {
                let values = (0..n).map(|i| row.get::<_, Value>(i)).collect();
                if let Ok(values) = values {
                    take(values);
                }
            }
            Ok(None) => return true,
            Err(_) => return false,
        }
    }
}

fn looks_like_uuid(t: &str) -> bool {
    t.len() == 36 && t.matches('-').count() == 4
}

impl Recovered {
    /// Reads `path` (and its `-wal`) both ways. `cache_keys` are named values to leave out
    /// (a first-wave file holds the cache's own keys beside the settings).
    pub(crate) fn read(path: &Path, cache_keys: &[&str]) -> Recovered {
        let mut found = Recovered::default();
        if let Err(err) = found.read_sql(path) {
            tracing::warn!(%err, "SQLite stopped reading the damaged file; reading its pages");
        }
        let main = std::fs::read(path).unwrap_or_default();
        let mut wal_path = path.as_os_str().to_owned();
        wal_path.push("-wal");
        let wal = std::fs::read(wal_path).ok();
        for cell in Pages::new(&main, wal.as_deref()).cells() {
            found.take_cell(cell);
        }
        found.kv.retain(|k, _| !cache_keys.contains(&k.as_str()));
        found
    }

    /// Adds the copies the cache file at `cache` keeps of the state's rows (see
    /// `store/mirror.rs`), as far as they can be read. They merge like page copies: an action
    /// keeps its most advanced state, a named value fills in only what is missing.
    pub(crate) fn read_copies(&mut self, cache: &Path) {
        let Ok(conn) = Connection::open_with_flags(
            cache,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) else {
            return;
        };
        let _ = conn.execute_batch("PRAGMA writable_schema = ON;");
        let rows = |sql: &str, take: &mut dyn FnMut(Vec<Value>)| read_rows(&conn, sql, take);
        let outbox = rows(&format!("SELECT {OUTBOX} FROM outbox_copy"), &mut |v| {
            self.take_row(None, v, Source::Copy)
        });
        let parked = rows(
            &format!("SELECT {OUTBOX}, store_key FROM parked_copy"),
            &mut |v| self.take_row(None, v, Source::Copy),
        );
        let kv = rows("SELECT key, value FROM kv_copy", &mut |v| self.take_kv(v));
        // A copy read to the end holds every action there was: the losses are known.
        self.copy_complete = outbox && parked && kv;
    }

    /// Whether anything at all was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.outbox.is_empty() && self.parked.is_empty() && self.kv.is_empty()
    }

    fn read_sql(&mut self, path: &Path) -> rusqlite::Result<()> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.execute_batch("PRAGMA writable_schema = ON;")?;
        let rows = |sql: &str, take: &mut dyn FnMut(Vec<Value>)| read_rows(&conn, sql, take);
        rows(&format!("SELECT {OUTBOX} FROM outbox"), &mut |v| {
            self.take_row(None, v, Source::Table)
        });
        rows(
            &format!("SELECT {OUTBOX}, store_key FROM parked_outbox"),
            &mut |v| self.take_row(None, v, Source::Table),
        );
        rows(
            &format!("SELECT {LEDGER} FROM attention_ledger"),
            &mut |v| self.take_ledger(v),
        );
        rows("SELECT key, value FROM kv", &mut |v| self.take_kv(v));
        Ok(())
    }

    fn take_cell(&mut self, cell: Cell) {
        match cell.rowid {
            Some(rowid) => self.take_row(Some(rowid), cell.values, Source::Page),
            None => self.take_index(cell.values),
        }
    }

    /// A table row: an outbox or parked action when it has the shape of one. A row SQLite read
    /// through the table is current and wins; among copies found in pages, the most advanced.
    fn take_row(&mut self, rowid: Option<i64>, mut values: Vec<Value>, source: Source) {
        if !is_outbox(&values) {
            return;
        }
        if let Some(rowid) = rowid {
            values[0] = Value::Integer(rowid);
        }
        let id = text_at(&values, 1);
        if source == Source::Page && self.sure.contains(&id) {
            return;
        }
        let from_sql = source == Source::Table;
        if from_sql {
            self.sure.insert(id.clone());
        }
        let map = if values.len() == 16 {
            &mut self.outbox
        } else {
            &mut self.parked
        };
        match map.get(&id) {
            // Among page and cache copies the most advanced wins (states only move forward).
            Some(have) if !from_sql && rank(have) >= rank(&values) => {}
            _ => {
                map.insert(id, values);
            }
        }
    }

    /// A `WITHOUT ROWID` row or an index entry.
    fn take_index(&mut self, values: Vec<Value>) {
        match values.as_slice() {
            [Value::Text(_), Value::Text(_)] => self.take_kv(values),
            [
                Value::Text(_),
                Value::Integer(_),
                Value::Integer(_),
                Value::Integer(_) | Value::Null,
                Value::Integer(_),
            ] => self.take_ledger(values),
            // sqlite_autoindex_outbox_1: (id, rowid).
            [Value::Text(id), Value::Integer(seq)] if looks_like_uuid(id) => {
                self.named.entry(*seq).or_default();
            }
            // outbox_by_state: (state, dismissed, seq, rowid).
            [
                Value::Text(state),
                Value::Integer(_),
                Value::Integer(seq),
                Value::Integer(_),
            ] if ["pending", "applied", "failed"].contains(&state.as_str()) => {
                self.named.insert(*seq, Some(state.clone()));
            }
            _ => {}
        }
    }

    fn take_kv(&mut self, values: Vec<Value>) {
        if let [Value::Text(key), Value::Text(value)] = values.as_slice() {
            self.kv.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }

    fn take_ledger(&mut self, values: Vec<Value>) {
        if let Some(Value::Text(subject)) = values.first() {
            self.ledger.entry(subject.clone()).or_insert(values);
        }
    }

    /// Writes what was recovered into the (fresh, migrated) state tables reachable from `conn`
    /// as `schema`, and tells what was kept and what was not.
    pub(crate) fn write(&self, conn: &Connection, schema: &str) -> rusqlite::Result<Tally> {
        let mut tally = Tally::default();
        let mut kept_seqs = BTreeSet::new();
        let insert = |sql: String,
                      rows: &BTreeMap<String, Vec<Value>>|
         -> rusqlite::Result<Vec<Vec<Value>>> {
            let mut stmt = conn.prepare(&sql)?;
            let mut kept = Vec::new();
            for values in rows.values() {
                match stmt.execute(rusqlite::params_from_iter(values.iter())) {
                    Ok(n) if n > 0 => kept.push(values.clone()),
                    Ok(_) => {}
                    Err(err) => tracing::warn!(%err, "a salvaged row does not fit the schema"),
                }
            }
            Ok(kept)
        };
        let marks = |n: usize| vec!["?"; n].join(", ");
        let outbox = insert(
            format!(
                "INSERT OR IGNORE INTO {schema}.outbox ({OUTBOX}) VALUES ({})",
                marks(16)
            ),
            &self.outbox,
        )?;
        let parked = insert(
            format!(
                "INSERT OR IGNORE INTO {schema}.parked_outbox ({OUTBOX}, store_key) VALUES ({})",
                marks(17)
            ),
            &self.parked,
        )?;
        for values in outbox.iter().chain(&parked) {
            tally.kept_rows += 1;
            if text_at(values, 8) == "pending" {
                tally.kept_pending += 1;
            }
            if let Value::Integer(seq) = values[0] {
                kept_seqs.insert(seq);
            }
        }
        insert(
            format!(
                "INSERT OR IGNORE INTO {schema}.attention_ledger ({LEDGER}) VALUES ({})",
                marks(5)
            ),
            &self.ledger,
        )?;
        let mut kv = conn.prepare(&format!(
            "INSERT OR IGNORE INTO {schema}.kv (key, value) VALUES (?1, ?2)"
        ))?;
        for (key, value) in &self.kv {
            if kv.execute([key, value])? > 0 {
                tally.keys.push(key.clone());
            }
        }
        tally.index_seen = !self.named.is_empty() || self.copy_complete;
        for (seq, state) in &self.named {
            if !kept_seqs.contains(seq) {
                tally.lost += 1;
                if state.as_deref().is_none_or(|s| s == "pending") {
                    tally.lost_pending += 1;
                }
            }
        }
        Ok(tally)
    }
}
