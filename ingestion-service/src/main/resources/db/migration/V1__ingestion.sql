-- ingestion-service: the single writer of track metadata. Every revision of a track is a row here and
-- a TrackIngested on track-ingested, appended to the outbox in the same transaction.

-- An upload announced by POST /uploads: its object waits under staging_key until /complete analyses
-- it. A rejected upload's row and object are deleted; a pending one past expires_at is swept.
CREATE TABLE upload (
    id            uuid        PRIMARY KEY,
    file_name     text        NOT NULL,
    content_type  text        NOT NULL,
    size_bytes    bigint      NOT NULL CHECK (size_bytes >= 1),
    staging_key   text        NOT NULL,
    state         varchar(16) NOT NULL CHECK (state IN ('PENDING', 'COMPLETED')),
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    track_id      uuid
);

CREATE INDEX upload_pending_expiry ON upload (expires_at) WHERE state = 'PENDING';

-- One row per track: its content's hash (the same audio twice is one track) and its current revision.
-- Locked by every change of the track, so that its revisions are numbered and published in order.
CREATE TABLE track (
    id         uuid        PRIMARY KEY,
    sha256     char(64)    NOT NULL CONSTRAINT track_sha256_unique UNIQUE,
    revision   bigint      NOT NULL CHECK (revision >= 1),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Every revision of every track, exactly as published (its eventId is the event's).
CREATE TABLE track_revision (
    event_id        uuid         PRIMARY KEY,
    track_id        uuid         NOT NULL REFERENCES track (id),
    revision        bigint       NOT NULL CHECK (revision >= 1),
    status          varchar(16)  NOT NULL CHECK (status IN ('AVAILABLE', 'TAKEN_DOWN')),
    title           text         NOT NULL,
    artists         text[]       NOT NULL,
    album           text,
    album_artist    text,
    genre           text,
    year            integer,
    track_number    integer,
    disc_number     integer,
    duration_ms     bigint       NOT NULL CHECK (duration_ms >= 1),
    media_bucket    text         NOT NULL,
    media_key       text         NOT NULL,
    content_type    text         NOT NULL,
    codec           text         NOT NULL,
    bitrate_kbps    integer,
    sample_rate_hz  integer,
    size_bytes      bigint       NOT NULL,
    sha256          char(64)     NOT NULL,
    territories     varchar(2)[] NOT NULL,
    recorded_at     timestamptz  NOT NULL,
    recorded_by     text         NOT NULL,
    CONSTRAINT track_revision_unique UNIQUE (track_id, revision)
);
