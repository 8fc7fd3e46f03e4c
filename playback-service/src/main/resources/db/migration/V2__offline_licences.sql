-- Offline licences: a listener may keep a track's audio for offline listening while their licence
-- is active. Renewing it gives a new URL, only to its listener, only while the licence is neither
-- revoked (by the listener, or by a takedown of the track) nor expired.
CREATE TABLE offline_licence (
    id             uuid        PRIMARY KEY,
    user_id        text        NOT NULL,
    track_id       uuid        NOT NULL,
    issued_at      timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason varchar(16) CHECK (revoked_reason IN ('LISTENER', 'TAKEN_DOWN'))
);

CREATE INDEX offline_licence_user ON offline_licence (user_id, issued_at DESC, id DESC);
CREATE INDEX offline_licence_track_active ON offline_licence (track_id) WHERE revoked_at IS NULL;
