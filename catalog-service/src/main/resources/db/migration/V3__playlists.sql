-- Listeners' playlists. Every edit carries the version it was made on (If-Match): the version grows
-- by one with each change, and an edit made on an older one is refused instead of overwriting another's.
CREATE TABLE playlist (
    id          uuid PRIMARY KEY,
    owner_id    text        NOT NULL,
    owner_name  text,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text        CHECK (length(description) <= 2000),
    visibility  varchar(16) NOT NULL CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
    version     bigint      NOT NULL CHECK (version >= 1),
    -- Kept beside the playlist so that the size limit is checked without counting its entries.
    track_count integer     NOT NULL DEFAULT 0 CHECK (track_count >= 0),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX playlist_owner ON playlist (owner_id, created_at DESC, id DESC);

-- One appearance of a track in a playlist (a track may appear twice, as two entries). Positions are
-- sparse, 2^20 apart when spread out, so that a move writes one row: the moved entry takes a position
-- between its new neighbours. Only when two neighbours leave no room are the playlist's positions
-- spread out again, in one statement (hence the deferrable uniqueness, checked at its end).
-- No foreign key to track: the projection may be truncated and rebuilt from its topic under the playlists.
CREATE TABLE playlist_entry (
    id          uuid        PRIMARY KEY,
    playlist_id uuid        NOT NULL REFERENCES playlist (id) ON DELETE CASCADE,
    position    bigint      NOT NULL,
    track_id    uuid        NOT NULL,
    added_by    text        NOT NULL,
    added_at    timestamptz NOT NULL,
    CONSTRAINT playlist_entry_position UNIQUE (playlist_id, position) DEFERRABLE INITIALLY IMMEDIATE
);

CREATE INDEX playlist_entry_track ON playlist_entry (track_id);

-- Listeners who redeemed a share link of the playlist and may edit it.
CREATE TABLE playlist_collaborator (
    playlist_id uuid        NOT NULL REFERENCES playlist (id) ON DELETE CASCADE,
    user_id     text        NOT NULL,
    user_name   text,
    joined_at   timestamptz NOT NULL,
    PRIMARY KEY (playlist_id, user_id)
);

CREATE INDEX playlist_collaborator_user ON playlist_collaborator (user_id);

-- Share links. Only the SHA-256 of an invitation's token is kept: reading this table hands out no invitation.
CREATE TABLE playlist_invitation (
    id           uuid        PRIMARY KEY,
    playlist_id  uuid        NOT NULL REFERENCES playlist (id) ON DELETE CASCADE,
    token_sha256 text        NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);

CREATE INDEX playlist_invitation_playlist ON playlist_invitation (playlist_id);
