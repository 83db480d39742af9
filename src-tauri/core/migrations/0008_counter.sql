-- 0008: the whole order at the counter (API.md "v1 additions").
--
-- 1. The order cache gains the two list-row facts the v1 additions bring: when the customer
--    wants the order (the "Programados" filter and the row's "para las 18:30") and a short
--    summary of its documents for the row's badges. Appended after the large columns: a
--    cached order's record almost always fits in its leaf page, so list reads stay local.
ALTER TABLE orders ADD COLUMN scheduled_for INTEGER;   -- unix ms, null when not scheduled
ALTER TABLE orders ADD COLUMN doc_badges TEXT;         -- JSON [{kind, status, number}], null when none
-- Only scheduled orders are in it, newest first within (scheduled_for is not the key: the
-- list walks rid; the index makes "is any scheduled" cheap and serves the filter's seek).
CREATE INDEX orders_scheduled ON orders(rid) WHERE scheduled_for IS NOT NULL;

-- 2. The outbox accepts the two new owner actions: `pay` (a payment taken at the counter)
--    and `note` (a staff note). SQLite cannot widen a CHECK in place: the table is rebuilt
--    with every row, its seq and its indexes as they were.
--    (If the outbox has moved to the state file — migrations/state/ — widen the CHECK there
--    instead and drop this part.)
CREATE TABLE outbox_0008 (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT    NOT NULL UNIQUE,
    order_id        TEXT    NOT NULL,
    order_number    TEXT    NOT NULL,
    kind            TEXT    NOT NULL
                            CHECK (kind IN ('advance', 'cancel', 'retry_document', 'pay', 'note')),
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
INSERT INTO outbox_0008 SELECT seq, id, order_id, order_number, kind, action, path, body, state,
    attempts, created_at, next_attempt_at, settled_at, error_es, error_en, dismissed FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_0008 RENAME TO outbox;
CREATE UNIQUE INDEX outbox_one_open_cancel ON outbox (order_id)
    WHERE kind = 'cancel' AND state = 'pending';
CREATE INDEX outbox_pending_by_order ON outbox (order_id, seq) WHERE state = 'pending';
CREATE INDEX outbox_by_state ON outbox (state, dismissed, seq);
