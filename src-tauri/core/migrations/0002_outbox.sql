-- 0002: the outbox of owner actions. Owned by the outbox.
-- One row per action. It is not rebuildable from the backend, so it survives a cache reset.
CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,  -- queue order
    id              TEXT    NOT NULL UNIQUE,            -- UUID v4, the Idempotency-Key
    order_id        TEXT    NOT NULL,
    order_number    TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('advance', 'cancel', 'retry_document')),
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
