-- 0009: the outbox also carries acknowledgements (API.md acknowledgements: "someone at the
-- shop has seen this order"). SQLite cannot change a CHECK constraint in place, so the table
-- is rebuilt with the same columns, rows and indexes; `seq` values are kept, so queue order and
-- AUTOINCREMENT continue where they were.
CREATE TABLE outbox_0009 (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT    NOT NULL UNIQUE,
    order_id        TEXT    NOT NULL,
    order_number    TEXT    NOT NULL,
    kind            TEXT    NOT NULL
                            CHECK (kind IN ('advance', 'cancel', 'retry_document', 'acknowledge')),
    action          TEXT    NOT NULL,
    path            TEXT    NOT NULL,
    body            BLOB    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'applied', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER,
    settled_at      INTEGER,
    error_es        TEXT,
    error_en        TEXT,
    dismissed       INTEGER NOT NULL DEFAULT 0
) STRICT;

INSERT INTO outbox_0009 (seq, id, order_id, order_number, kind, action, path, body, state,
    attempts, created_at, next_attempt_at, settled_at, error_es, error_en, dismissed)
SELECT seq, id, order_id, order_number, kind, action, path, body, state,
    attempts, created_at, next_attempt_at, settled_at, error_es, error_en, dismissed
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_0009 RENAME TO outbox;

CREATE UNIQUE INDEX outbox_one_open_cancel ON outbox (order_id)
    WHERE kind = 'cancel' AND state = 'pending';
CREATE INDEX outbox_pending_by_order ON outbox (order_id, seq) WHERE state = 'pending';
CREATE INDEX outbox_by_state ON outbox (state, dismissed, seq);
