-- playback-service's projection of track-ingested: what it needs to grant a play, and nothing else.
CREATE TABLE playable_track (
    id            uuid PRIMARY KEY,
    -- The revision this row holds: a TrackIngested of a revision not above it changes nothing.
    revision      bigint       NOT NULL CHECK (revision >= 1),
    status        varchar(16)  NOT NULL CHECK (status IN ('AVAILABLE', 'TAKEN_DOWN')),
    title         text         NOT NULL,
    -- The main artist first, as the event lists them.
    artists       text[]       NOT NULL,
    genre         text,
    duration_ms   bigint       NOT NULL CHECK (duration_ms >= 1),
    media_bucket  text         NOT NULL,
    media_key     text         NOT NULL,
    content_type  text         NOT NULL,
    -- ISO 3166-1 alpha-2 codes where the track may play; empty means everywhere.
    territories   varchar(2)[] NOT NULL,
    updated_at    timestamptz  NOT NULL
);

-- A play asked for with an Idempotency-Key: the same key from the same listener gets the same play
-- back, and no second event. Kept for a day (music.playback.idempotency-retention), then purged.
CREATE TABLE keyed_play (
    user_id         text        NOT NULL,
    idempotency_key text        NOT NULL,
    play_id         uuid        NOT NULL UNIQUE,
    track_id        uuid        NOT NULL,
    granted_at      timestamptz NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);

CREATE INDEX keyed_play_granted_at ON keyed_play (granted_at);
