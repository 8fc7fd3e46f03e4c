-- Live changes: what a listener's stream (GET /me/stream) replays after a reconnect, and the
-- notifications of playlist changes. Every change goes out on catalog-changes through the outbox.

-- Each listener's position in their notification changes. Every change to one of their notifications
-- takes the next number under this row's lock, so numbers commit in order: a stream that resumes
-- after number n misses nothing by reading the notifications numbered above n.
CREATE TABLE listener_stream (
    user_id  text   PRIMARY KEY,
    sequence bigint NOT NULL CHECK (sequence >= 1)
);

ALTER TABLE notification
    -- The listener's number of the notification's last change.
    ADD COLUMN sequence      bigint,
    -- playlist-change: the playlist, its name at the last change, who made it, how many it gathers.
    ADD COLUMN playlist_id   uuid,
    ADD COLUMN playlist_name text,
    ADD COLUMN changed_by    text,
    ADD COLUMN changes       integer CHECK (changes >= 1),
    ALTER COLUMN matched_kind DROP NOT NULL,
    ALTER COLUMN matched_id DROP NOT NULL,
    ALTER COLUMN matched_name DROP NOT NULL,
    DROP CONSTRAINT notification_kind_check,
    ADD CONSTRAINT notification_kind_check CHECK (kind IN ('new-release', 'playlist-change')),
    ADD CONSTRAINT notification_kind_fields CHECK (
        (kind = 'new-release' AND matched_kind IS NOT NULL AND matched_id IS NOT NULL AND matched_name IS NOT NULL)
        OR (kind = 'playlist-change' AND playlist_id IS NOT NULL AND changes IS NOT NULL));

-- The notifications made before streams existed get their listener's numbers in the order they changed.
WITH numbered AS (
    SELECT id, user_id, row_number() OVER (PARTITION BY user_id ORDER BY updated_at, id) AS sequence FROM notification)
UPDATE notification n SET sequence = numbered.sequence FROM numbered WHERE n.id = numbered.id;
INSERT INTO listener_stream (user_id, sequence) SELECT user_id, max(sequence) FROM notification GROUP BY user_id;
ALTER TABLE notification ALTER COLUMN sequence SET NOT NULL;

-- A stream's replay: the listener's notifications changed after a number.
CREATE INDEX notification_user_sequence ON notification (user_id, sequence);

-- Every change to a playlist, by the version it made (versions grow by one under the playlist's row
-- lock, so they commit in order): a stream that resumes after version v reads the rows above v.
-- Rows older than the stream's replay retention are deleted; a stream asked to resume from before
-- them tells its client to read the playlist again.
CREATE TABLE playlist_change (
    playlist_id uuid        NOT NULL REFERENCES playlist (id) ON DELETE CASCADE,
    version     bigint      NOT NULL CHECK (version >= 1),
    change      varchar(16) NOT NULL,
    by_user_id  text        NOT NULL,
    by_name     text,
    entry_ids   uuid[]      NOT NULL DEFAULT '{}',
    track_ids   uuid[]      NOT NULL DEFAULT '{}',
    -- add and move: the 0-based index the first entry now has.
    entry_index integer     CHECK (entry_index >= 0),
    -- update: the playlist's name after it.
    name        text,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (playlist_id, version)
);
-- The retention's clean-up.
CREATE INDEX playlist_change_changed_at ON playlist_change (changed_at);
