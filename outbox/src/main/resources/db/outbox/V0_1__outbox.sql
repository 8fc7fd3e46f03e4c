-- The transactional outbox (module outbox): events written in the same transaction as the service's
-- own state, published to Kafka by the relay afterwards. Flyway runs this in the service's schema
-- (quarkus.flyway.schemas) from location db/outbox; version 0.1 sorts before the service's own V1.
CREATE TABLE outbox (
    -- The publishing order: the relay sends pending rows by ascending id.
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic        text        NOT NULL,
    record_key   text        NOT NULL,
    -- The record's value exactly as the event serializer writes it (JSON).
    payload      bytea       NOT NULL,
    -- The record's CloudEvents headers, name to UTF-8 value, in the order they are sent
    -- (json rather than jsonb keeps that order).
    headers      json        NOT NULL,
    -- The CloudEvents id: appending the same event twice fails the second transaction.
    event_id     uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    -- Set by the relay once Kafka acknowledged the record; the row is deleted after the retention.
    published_at timestamptz,
    CONSTRAINT outbox_event_id_unique UNIQUE (event_id)
);

-- What the relay reads on every poll, and what the pending gauges count: only unpublished rows.
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;

-- What the retention clean-up deletes: published rows by age.
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
