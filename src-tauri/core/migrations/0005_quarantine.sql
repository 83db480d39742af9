-- 0004: orders the backend sent that did not decode. Owned by sync (store::quarantine).
--
-- One bad record never stops the rest: a page is decoded order by order, and an order that
-- does not decode is kept here raw, exactly as received, while the cursor moves on. Part of
-- the order cache (the backend can send these again); a readable version of the order
-- arriving later removes its row. `announced` = 1 once the owner and the log were told.
CREATE TABLE quarantine (
    key         TEXT    NOT NULL PRIMARY KEY,  -- the order's id; "seq:<n>" or "raw:<hash>" when unreadable
    order_id    TEXT,                          -- as far as it could be read
    number      TEXT,
    seq         INTEGER,
    raw         TEXT    NOT NULL,              -- the order's JSON as received
    error       TEXT    NOT NULL,              -- why it did not decode
    received_at INTEGER NOT NULL,              -- unix ms, UTC, of the last time it arrived
    announced   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
