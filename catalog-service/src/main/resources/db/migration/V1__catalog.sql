-- The catalog's projection of track-ingested: the latest revision of each track, its artists (by the
-- shared artist id of events-schema's ArtistId), its album and its genre.

CREATE TABLE artist (
    id   uuid PRIMARY KEY,
    name text NOT NULL
);

-- An album is its title under its album artist: the same title by two artists is two albums.
CREATE TABLE album (
    id        uuid PRIMARY KEY,
    title     text NOT NULL,
    artist_id uuid NOT NULL REFERENCES artist (id)
);

CREATE TABLE track (
    id           uuid PRIMARY KEY,
    -- The revision this row holds: a TrackIngested of a revision not above it changes nothing.
    revision     bigint      NOT NULL CHECK (revision >= 1),
    status       varchar(16) NOT NULL CHECK (status IN ('AVAILABLE', 'TAKEN_DOWN')),
    title        text        NOT NULL,
    album_id     uuid REFERENCES album (id),
    genre        text,
    year         integer,
    disc_number  integer,
    track_number integer,
    duration_ms  bigint      NOT NULL CHECK (duration_ms >= 1),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    -- Kept beside the track so that its average is read, never computed by a scan of the ratings.
    rating_count bigint      NOT NULL DEFAULT 0,
    rating_sum   bigint      NOT NULL DEFAULT 0
);

CREATE INDEX track_album ON track (album_id);
CREATE INDEX track_genre ON track (genre);

-- A track's artists in their order, main artist first.
CREATE TABLE track_artist (
    track_id  uuid    NOT NULL REFERENCES track (id) ON DELETE CASCADE,
    position  integer NOT NULL,
    artist_id uuid    NOT NULL REFERENCES artist (id),
    PRIMARY KEY (track_id, position)
);

CREATE INDEX track_artist_artist ON track_artist (artist_id);
