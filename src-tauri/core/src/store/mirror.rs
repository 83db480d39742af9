//! A second copy of the state file's actions and named values, inside the cache file.
//!
//! The writer connection keeps `outbox_copy`, `parked_copy` and `kv_copy` (migration 0004)
//! equal to the state's `outbox`, `parked_outbox` and `kv` with TEMP triggers, so every change
//! lands in both files in the same transaction, and refreshes them from the state at every
//! open. When the state file is damaged or lost, the salvage reads these too
//! ([`super::salvage::Recovered::read_copies`]); an action found in both keeps its most advanced
//! state. The cache commits first (SQLite commits attached WAL files in order), so the copy is
//! never behind the state — at worst a crash leaves it one commit ahead, which the refresh at
//! the next open undoes.

use rusqlite::Connection;

use crate::Result;

const OUTBOX: &str = "seq, id, order_id, order_number, kind, action, path, body, state, \
    attempts, created_at, next_attempt_at, settled_at, error_es, error_en, dismissed";

fn news(columns: &str) -> String {
    columns
        .split(',')
        .map(|c| format!("NEW.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Refreshes the copies from the state and installs the triggers on the writer.
pub(super) fn start(conn: &Connection) -> Result<()> {
    let parked = format!("{OUTBOX}, store_key");
    let mut sql = format!(
        "BEGIN IMMEDIATE;
         DELETE FROM main.outbox_copy;
         INSERT INTO main.outbox_copy ({OUTBOX}) SELECT {OUTBOX} FROM state.outbox;
         DELETE FROM main.parked_copy;
         INSERT INTO main.parked_copy ({parked}) SELECT {parked} FROM state.parked_outbox;
         DELETE FROM main.kv_copy;
         INSERT INTO main.kv_copy (key, value) SELECT key, value FROM state.kv;
         COMMIT;"
    );
    for (table, copy, columns, key) in [
        ("outbox", "outbox_copy", OUTBOX, "seq"),
        ("parked_outbox", "parked_copy", parked.as_str(), "seq"),
        ("kv", "kv_copy", "key, value", "key"),
    ] {
        let values = news(columns);
        for (event, body) in [
            (
                "INSERT",
                format!("INSERT OR REPLACE INTO {copy} ({columns}) VALUES ({values});"),
            ),
            (
                "UPDATE",
                format!(
                    "DELETE FROM {copy} WHERE {key} = OLD.{key};
                 INSERT OR REPLACE INTO {copy} ({columns}) VALUES ({values});"
                ),
            ),
            (
                "DELETE",
                format!("DELETE FROM {copy} WHERE {key} = OLD.{key};"),
            ),
        ] {
            let name = format!("{copy}_{}", event.to_lowercase());
            sql.push_str(&format!(
                "CREATE TEMP TRIGGER IF NOT EXISTS {name} AFTER {event} ON state.{table}
                 BEGIN {body} END;"
            ));
        }
    }
    conn.execute_batch(&sql)?;
    Ok(())
}
