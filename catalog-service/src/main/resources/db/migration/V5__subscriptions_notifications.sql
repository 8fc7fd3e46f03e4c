-- Listeners' subscriptions to artists and genres, and the new-release notifications they bring.

-- One row per listener and artist or genre followed. No foreign key to artist: a rebuild of the
-- projection (TRUNCATE artist ... CASCADE) must leave what listeners chose alone.
CREATE TABLE subscription (
    user_id    text        NOT NULL,
    kind       varchar(8)  NOT NULL CHECK (kind IN ('ARTIST', 'GENRE')),
    -- The artist's shared id (ArtistId of events-schema), or the genre in lower case: genres are
    -- compared case-insensitively, as browsing compares them.
    target     text        NOT NULL,
    -- The genre as the listener wrote it the first time; null for an artist (its name is in artist).
    name       text,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, kind, target)
);
-- The fan-out: every listener following one artist or one genre, read in user order.
CREATE INDEX subscription_target ON subscription (kind, target, user_id);
-- A listener's list, newest first.
CREATE INDEX subscription_user_created ON subscription (user_id, created_at DESC, kind, target);

-- Each track that ever became available, once: a track notifies only when its row here is new, so a
-- redelivered revision, a correction, a takedown and a later restoration notify nobody. Not part of
-- the projection (no foreign key, left alone by a rebuild), or a rebuild would announce every track again.
CREATE TABLE track_release (
    track_id    uuid PRIMARY KEY,
    released_at timestamptz NOT NULL
);
-- The tracks the catalog already holds were announced before notifications existed.
INSERT INTO track_release (track_id, released_at) SELECT id, created_at FROM track;

-- When the first track of each album became available: the album's notification windows count from it.
-- Its row is also locked by every release of the album, so tracks of one album arriving on several
-- partitions at once fan out one after the other, never interleaved.
CREATE TABLE album_release (
    album_id          uuid PRIMARY KEY,
    first_released_at timestamptz NOT NULL
);
INSERT INTO album_release (album_id, first_released_at)
    SELECT album_id, min(created_at) FROM track WHERE album_id IS NOT NULL GROUP BY album_id;

CREATE TABLE notification (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      text        NOT NULL,
    kind         varchar(16) NOT NULL CHECK (kind IN ('new-release')),
    -- What one notification gathers: "album:<albumId>:<window>" for the tracks of an album within one
    -- window, "track:<trackId>" for a track without an album. Unique per listener, so concurrent
    -- releases of one album meet on the same row (INSERT ... ON CONFLICT DO UPDATE).
    release_key  text        NOT NULL,
    -- The subscription that matched the first track: an artist (its id) or a genre (in lower case).
    matched_kind varchar(8)  NOT NULL CHECK (matched_kind IN ('ARTIST', 'GENRE')),
    matched_id   text        NOT NULL,
    matched_name text        NOT NULL,
    album_id     uuid,
    album_title  text,
    -- The tracks in the order they became available.
    track_ids    uuid[]      NOT NULL,
    track_titles text[]      NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    read_at      timestamptz,
    UNIQUE (user_id, release_key)
);
-- A listener's notifications, newest first, and "mark read up to this one".
CREATE INDEX notification_user_created ON notification (user_id, created_at DESC, id DESC);
-- The unread count.
CREATE INDEX notification_unread ON notification (user_id) WHERE read_at IS NULL;
