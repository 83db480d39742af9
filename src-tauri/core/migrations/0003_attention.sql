-- 0003: the ledger of announced notices. Owned by attention.
--
-- NOT part of the order cache: `store::reset_cache` (a resync from scratch) must never delete
-- from this table, and the corrupt-cache salvage copies it over, so a resync never repeats a
-- notice and an acknowledgement survives a restart.
--
-- One row per subject: an order id, or an outbox action id for a refused action. `kinds` is a
-- bit set of the NoticeKinds dealt with (announced, folded into a summary, dropped in quiet
-- hours or because the kind is off, or skipped as stale): bit n is the n-th variant of
-- `attention::NoticeKind` — new_order 1, first_reminder 2, second_reminder 4,
-- auto_cancel_warning 8, auto_cancelled 16, order_error 32, action_failed 64. Bits are only
-- ever added (kinds = kinds | new), never cleared.
CREATE TABLE attention_ledger (
    subject     TEXT    NOT NULL PRIMARY KEY,
    kinds       INTEGER NOT NULL DEFAULT 0,
    -- 1 once a step of the pending ladder was shown (alone or in a burst summary, not in the
    -- first-sync backlog): "ring until acknowledged" rings only for these.
    rings       INTEGER NOT NULL DEFAULT 0,
    acked_at    INTEGER,                       -- unix ms: the owner acknowledged; stop ringing
    updated_at  INTEGER NOT NULL               -- unix ms of the last change (diagnostics)
) WITHOUT ROWID;

-- Orders with an error, by id, so the planner finds the ones not yet announced from the index
-- alone (no order row is read for an error that is already in the ledger).
CREATE INDEX attention_error_orders ON orders(id) WHERE has_error = 1;
