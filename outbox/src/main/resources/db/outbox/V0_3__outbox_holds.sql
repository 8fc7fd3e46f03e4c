-- Rows held back for a while (DirectPublisher): an event whose direct send to Kafka was not
-- acknowledged in time is committed here with publish_after set, since that send may still succeed.
-- Its answer settles the row (published when Kafka took it, released when Kafka refused it); a row
-- nobody settles (the service died) goes out once publish_after has passed, the consumers dropping a
-- repeated eventId. Version 0.3 sorts before the services' own versions: see V0_2 and the outbox
-- section of docs/architecture.md (quarkus.flyway.out-of-order).
ALTER TABLE outbox
    -- Null for a row the relay may publish at once; otherwise not before this time.
    ADD COLUMN publish_after timestamptz;

-- The held rows, which hold back the later rows of their key: few, so a small index, as outbox_failed.
CREATE INDEX outbox_held ON outbox (topic, record_key, id) WHERE published_at IS NULL AND publish_after IS NOT NULL;
