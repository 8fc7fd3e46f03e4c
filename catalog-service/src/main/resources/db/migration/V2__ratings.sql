-- One rating per listener and track, 1 to 5 stars. The track keeps the sum and count beside it, so its
-- average is read, never computed by a scan of this table.
CREATE TABLE rating (
    track_id uuid        NOT NULL REFERENCES track (id) ON DELETE CASCADE,
    user_id  text        NOT NULL,
    stars    smallint    NOT NULL CHECK (stars BETWEEN 1 AND 5),
    rated_at timestamptz NOT NULL,
    PRIMARY KEY (track_id, user_id)
);
