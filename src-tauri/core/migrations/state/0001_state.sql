-- State 0001: what cannot be rebuilt from the backend, in its own file apart from the cache.
--
-- Settings and the connection first, then the outbox: a file cut short keeps its first pages,
-- and the salvage (store/salvage.rs) reads rows straight out of whatever pages survive.

-- Settings, the backend URL, the store as last fetched and which store the outbox belongs to.
CREATE TABLE kv (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The outbox of owner actions (was 0002_outbox.sql in the cache). Owned by the outbox.
CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,  -- queue order
    id              TEXT    NOT NULL UNIQUE,            -- UUID v4, the Idempotency-Key
    order_id        TEXT    NOT NULL,
    order_number    TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('advance', 'cancel', 'retry_document', 'pay', 'note', 'acknowledge')),
    action          TEXT    NOT NULL,                   -- the ActionKind as JSON
    path            TEXT    NOT NULL,                   -- POST path under the backend URL
    body            BLOB    NOT NULL,                   -- exact bytes, resent byte-identical
    state           TEXT    NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'applied', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,                   -- unix ms, UTC
    next_attempt_at INTEGER,                            -- unix ms, UTC (wall clock: survives sleep)
    settled_at      INTEGER,
    error_es        TEXT,
    error_en        TEXT,
    dismissed       INTEGER NOT NULL DEFAULT 0
) STRICT;

-- One open cancellation per order: a double tap cannot queue two refunds.
CREATE UNIQUE INDEX outbox_one_open_cancel ON outbox (order_id)
    WHERE kind = 'cancel' AND state = 'pending';
CREATE INDEX outbox_pending_by_order ON outbox (order_id, seq) WHERE state = 'pending';
CREATE INDEX outbox_by_state ON outbox (state, dismissed, seq);

-- The ledger of announced notices (was 0003_attention.sql in the cache). Owned by attention;
-- see that file for the meaning of `kinds` and `rings`.
CREATE TABLE attention_ledger (
    subject     TEXT    NOT NULL PRIMARY KEY,
    kinds       INTEGER NOT NULL DEFAULT 0,
    rings       INTEGER NOT NULL DEFAULT 0,
    acked_at    INTEGER,
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- Actions of another store, parked when the owner connected to a different one: never sent
-- to the new store, never deleted, moved back into `outbox` (same seq, key and bytes) when the
-- owner connects to their store again. `store_key` is the backend URL and store id.
CREATE TABLE parked_outbox (
    seq             INTEGER PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    order_id        TEXT    NOT NULL,
    order_number    TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    action          TEXT    NOT NULL,
    path            TEXT    NOT NULL,
    body            BLOB    NOT NULL,
    state           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER,
    settled_at      INTEGER,
    error_es        TEXT,
    error_en        TEXT,
    dismissed       INTEGER NOT NULL,
    store_key       TEXT    NOT NULL
) STRICT;
