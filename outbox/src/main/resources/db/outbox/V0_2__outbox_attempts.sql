-- Failed sends, recorded by the relay so that an operator can see a stuck row with SQL:
--   SELECT id, event_id, topic, record_key, attempts, last_error FROM outbox
--   WHERE published_at IS NULL AND attempts > 0 ORDER BY id;
-- Version 0.2 sorts before the service's own V1: a database whose V1 is already applied takes it only
-- with quarkus.flyway.out-of-order=true (see the outbox section of docs/architecture.md).
ALTER TABLE outbox
    -- Sends of this row that failed or were not acknowledged in time; 0 for a row that never failed.
    ADD COLUMN attempts   integer NOT NULL DEFAULT 0,
    -- The last of those failures: the exception and its message.
    ADD COLUMN last_error text;

-- The rows that hold back their key: a pending row with an earlier failed row of the same key waits
-- for it, and the relay finds those failed rows here at every batch. Few rows, so a small index.
CREATE INDEX outbox_failed ON outbox (topic, record_key, id) WHERE published_at IS NULL AND attempts > 0;
