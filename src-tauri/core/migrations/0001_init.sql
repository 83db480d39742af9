-- 0001: the order cache, counters, search and key-value state. Owned by the store.
--
-- Everything here except `kv` can be rebuilt from the backend (`store::reset_cache`).
--
-- `rid` is the order's integer key. It is derived from the creation time
-- (created_at in unix ms << 16, plus a small tie-breaker), so "newest first" is simply
-- "rid descending": every single-column index below is implicitly (column, rid) and serves its
-- filter already sorted, keyset paging is `rid < cursor`, a date range is a rid range, and the
-- full-text index can return matches newest first with the LIMIT pushed into it.
CREATE TABLE orders (
    rid             INTEGER PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    number          TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    fulfillment     TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,            -- unix ms
    auto_cancel_at  INTEGER,                     -- unix ms
    customer_name   TEXT    NOT NULL,
    currency        TEXT    NOT NULL,
    total           INTEGER NOT NULL,
    paid            INTEGER NOT NULL,
    refunded        INTEGER NOT NULL,
    payment_method  TEXT    NOT NULL,
    payment_status  TEXT    NOT NULL,
    warehouse       TEXT,
    has_error       INTEGER NOT NULL,            -- 0 | 1
    error           TEXT,                        -- OrderError as JSON
    tags            TEXT    NOT NULL,            -- JSON array, for list rows
    day             TEXT    NOT NULL,            -- creation date in the store's timezone
    version         INTEGER NOT NULL,            -- the server's version (never the overlay's)
    seq             INTEGER NOT NULL,            -- the server's seq
    pending_actions INTEGER NOT NULL DEFAULT 0,
    -- Large columns last: list queries never read past `pending_actions`, so they stay
    -- out of overflow pages.
    search          TEXT    NOT NULL,            -- folded text the FTS index is built from
    json            TEXT    NOT NULL,            -- the server's order as received
    local_json      TEXT                         -- the optimistic order while actions are queued
);

-- Each is implicitly (column, rid): an equality filter is served newest first without a sort.
-- Fulfilment has no index: each value is about a third of the orders, so walking rid
-- backwards finds a page as fast, and every index costs on each of a first sync's 100,000
-- inserts.
CREATE INDEX orders_status ON orders(status);
CREATE INDEX orders_payment_status ON orders(payment_status);
CREATE INDEX orders_has_error ON orders(has_error);
CREATE INDEX orders_warehouse ON orders(warehouse);

-- Keyed tag → order so a tag filter walks its orders newest first. No foreign key and no
-- index on order_rowid: the store removes an order's rows by (tag, order_rowid) from the tags
-- it cached, and each would cost every insert of a first sync (a parent lookup, a second
-- b-tree).
CREATE TABLE order_tags (
    tag         TEXT    NOT NULL,
    order_rowid INTEGER NOT NULL,
    PRIMARY KEY (tag, order_rowid)
) WITHOUT ROWID;

-- One row per status plus all / unpaid / incomplete / with_error, kept in the same
-- transaction as each order write, so counts never need a GROUP BY over orders.
CREATE TABLE counts (
    key TEXT PRIMARY KEY,
    n   INTEGER NOT NULL
) WITHOUT ROWID;

-- Per creation day in the store's timezone: sales = paid − refunded, orders = not cancelled.
CREATE TABLE daily (
    day    TEXT PRIMARY KEY,
    sales  INTEGER NOT NULL,
    orders INTEGER NOT NULL
) WITHOUT ROWID;

-- Search over number, customer name, phone, e-mail, tags, SKUs and item names. Contentless
-- (the text lives in orders.search), rows deleted by rid. No prefix indexes: prefixes are
-- expanded into whole words through `orders_fts_words`, and short prefixes that begin many
-- words are checked on orders.search instead (see `store/search.rs`). Prefix indexes of 1–3
-- characters were ~60% of building the index on a first sync. The 'ascii' tokenizer splits
-- on spaces and ASCII punctuation only: orders.search is already folded (lower case, no
-- accents) and split into words by the store (`row::push_words`), so the index holds exactly
-- the store's words, and the vocabulary expands any term, accented or not, the same way.
CREATE VIRTUAL TABLE orders_fts USING fts5(
    search,
    content = '',
    contentless_delete = 1,
    detail = none,
    tokenize = 'ascii'
);

-- The words of the search index, read one seek at a time ('instance' rows need no counting).
CREATE VIRTUAL TABLE orders_fts_words USING fts5vocab(orders_fts, instance);

-- Sync cursor, the store JSON, settings, backend URL.
CREATE TABLE kv (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
