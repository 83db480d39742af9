-- 0006: the whole order at the counter (API.md "v1 additions").
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

-- The outbox's new kinds (`pay`, `note`) are allowed by the state file's outbox
-- (migrations/state/0001_state.sql), where the outbox lives from 0004 on.
