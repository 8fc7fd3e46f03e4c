-- stats-service's store: exact play counters, the listening history and the rollups the API reads,
-- all written by one consumer transaction per batch together with the consumed offsets
-- (docs/services/stats-service.md explains each table and the choices).
-- Days, weeks (ISO, from Monday), months and hours are UTC.

-- Where the consumer is: the next offset to read per partition, committed with the batch's effects.
CREATE TABLE consumer_offset (
    topic       text    NOT NULL,
    partition   integer NOT NULL,
    next_offset bigint  NOT NULL,
    PRIMARY KEY (topic, partition)
);

-- Every eventId counted, keyed with its play time so that the table is partitioned like the history:
-- a repeated eventId, however late it comes, hits this key and counts nothing. It holds no personal
-- data, so it stays when a listener erases their history; old partitions can be dropped once the topic
-- no longer holds their plays (docs/services/stats-service.md).
CREATE TABLE counted_play (
    event_id  uuid        NOT NULL,
    played_at timestamptz NOT NULL,
    PRIMARY KEY (event_id, played_at)
) PARTITION BY RANGE (played_at);

-- The full listening history, one row per counted play, range-partitioned by month of play
-- (partitions created ahead by PlayPartitions): inserts land in one small recent partition and its
-- indexes stay in memory, a listener's history is an index range per partition, and a month can be
-- detached or dropped without a DELETE.
CREATE TABLE listening_history (
    user_id     text        NOT NULL,
    played_at   timestamptz NOT NULL,
    event_id    uuid        NOT NULL,
    track_id    text        NOT NULL,
    artist      text        NOT NULL,
    genre       text,
    duration_ms bigint      NOT NULL,
    platform    text        NOT NULL,
    device      text        NOT NULL,
    country     text,
    PRIMARY KEY (user_id, played_at, event_id)
) PARTITION BY RANGE (played_at);

-- Per track: plays and when it was last played.
CREATE TABLE track_plays (
    track_id       text        PRIMARY KEY,
    artist         text        NOT NULL,
    plays          bigint      NOT NULL,
    last_played_at timestamptz NOT NULL
);

-- Per listener: total plays and the last play (the latest by play time; a tie goes to the greater track id).
CREATE TABLE user_plays (
    user_id        text        PRIMARY KEY,
    plays          bigint      NOT NULL,
    last_track_id  text        NOT NULL,
    last_played_at timestamptz NOT NULL
);

-- Plays of the whole platform per day.
CREATE TABLE daily_plays (
    day   date   PRIMARY KEY,
    plays bigint NOT NULL
);

-- Top tracks and artists: one row per period (D day, W ISO week, M month), period start and track or artist.
CREATE TABLE track_period_plays (
    period   char(1) NOT NULL CHECK (period IN ('D', 'W', 'M')),
    starts   date    NOT NULL,
    track_id text    NOT NULL,
    artist   text    NOT NULL,
    plays    bigint  NOT NULL,
    PRIMARY KEY (period, starts, track_id)
);

CREATE TABLE artist_period_plays (
    period    char(1) NOT NULL CHECK (period IN ('D', 'W', 'M')),
    starts    date    NOT NULL,
    artist_id uuid    NOT NULL,
    artist    text    NOT NULL,
    plays     bigint  NOT NULL,
    PRIMARY KEY (period, starts, artist_id)
);

-- Genre by hour of day, per day so that any range of days can be summed. '' is "no genre".
CREATE TABLE genre_hour_plays (
    day   date     NOT NULL,
    hour  smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
    genre text     NOT NULL,
    plays bigint   NOT NULL,
    PRIMARY KEY (day, hour, genre)
);

-- Plays per day by country, platform and device. '' is "unknown" (a play without a country).
CREATE TABLE context_daily_plays (
    day       date   NOT NULL,
    dimension text   NOT NULL CHECK (dimension IN ('country', 'platform', 'device')),
    value     text   NOT NULL,
    plays     bigint NOT NULL,
    PRIMARY KEY (day, dimension, value)
);

-- Listeners who erased their history: their plays up to erased_at are never attributed to them again,
-- neither by the live consumer (a late or repeated record) nor by a rebuild from the topic.
CREATE TABLE user_erasure (
    user_id   text        PRIMARY KEY,
    erased_at timestamptz NOT NULL
);
