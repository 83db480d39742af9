-- 0004: what the backend cannot send again leaves the cache for its own file.
--
-- The outbox, the notice ledger, settings and the connection now live in the state file
-- (migrations/state/). Before this step runs on a file of the first wave, the store copies
-- their rows over (store/legacy.rs, `move_state_out`), so nothing is dropped here that was not
-- copied first. Afterwards this file holds only what a resync rebuilds, and may be thrown away.
DROP TABLE outbox;
DROP TABLE attention_ledger;
DELETE FROM kv WHERE key NOT IN ('sync.cursor', 'store.bulk');

-- Orders with a local change or pending actions: at every start their overlays are recomputed
-- from the outbox (the source of truth), found here without reading the whole table.
CREATE INDEX orders_local ON orders(id) WHERE pending_actions > 0 OR local_json IS NOT NULL;

-- A second copy of the state's queued actions and named values, kept by the writer in the same
-- transaction as the state file (TEMP triggers, store/open.rs) and refreshed from the state at
-- every open: when the state file is damaged or lost, its rows are salvaged from here too. Plain
-- tables without constraints, so the copy never refuses what the state accepted.
CREATE TABLE outbox_copy (
    seq INTEGER PRIMARY KEY, id, order_id, order_number, kind, action, path, body, state,
    attempts, created_at, next_attempt_at, settled_at, error_es, error_en, dismissed
);
CREATE TABLE parked_copy (
    seq INTEGER PRIMARY KEY, id, order_id, order_number, kind, action, path, body, state,
    attempts, created_at, next_attempt_at, settled_at, error_es, error_en, dismissed, store_key
);
CREATE TABLE kv_copy (
    key   TEXT PRIMARY KEY,
    value
) WITHOUT ROWID;
