//! A first-wave database: one file for everything, before cache migration 0004. Its outbox,
//! ledger and settings are copied into the state file before 0004 drops them from the cache.

use std::path::Path;

use rusqlite::Connection;

use super::kv::CACHE_KEYS;
use super::migrations::STATE_APART;

/// On a first-wave file (one file for everything, before migration 0004), copies the outbox,
/// the ledger and the settings into the state file, so that 0004 may drop them. Copying is
/// idempotent: a crash before 0004 commits copies the same rows again next time.
pub(super) fn move_state_out(conn: &Connection, state: &Path) -> rusqlite::Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let version = usize::try_from(version).unwrap_or(0);
    if version == 0 || version >= STATE_APART {
        return Ok(());
    }
    conn.execute(
        "ATTACH DATABASE ?1 AS state",
        [state.to_string_lossy().as_ref()],
    )?;
    let copied = (|| {
        let tx = conn.unchecked_transaction()?;
        let outbox = "seq, id, order_id, order_number, kind, action, path, body, state, \
            attempts, created_at, next_attempt_at, settled_at, error_es, error_en, dismissed";
        if version >= 2 {
            tx.execute_batch(&format!(
                "INSERT OR IGNORE INTO state.outbox ({outbox}) SELECT {outbox} FROM main.outbox"
            ))?;
        }
        if version >= 3 {
            tx.execute_batch(
                "INSERT OR IGNORE INTO state.attention_ledger SELECT subject, kinds, rings,
                     acked_at, updated_at FROM main.attention_ledger",
            )?;
        }
        let keep = CACHE_KEYS
            .iter()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ");
        tx.execute_batch(&format!(
            "INSERT OR IGNORE INTO state.kv SELECT key, value FROM main.kv WHERE key NOT IN ({keep})"
        ))?;
        tx.commit()
    })();
    conn.execute_batch("DETACH DATABASE state")?;
    if copied.is_ok() {
        tracing::info!("the outbox, ledger and settings moved to their own file");
    }
    copied
}
