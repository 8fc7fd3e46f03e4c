-- Long operations (bulk imports, replays) as jobs: progress readable through the API, resumable after
-- a restart. An import records each file it finished, so a resumed job skips it: no file twice.
CREATE TABLE job (
    id          uuid        PRIMARY KEY,
    kind        varchar(16) NOT NULL CHECK (kind IN ('IMPORT', 'REPLAY')),
    state       varchar(16) NOT NULL CHECK (state IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    -- IMPORT: the bucket prefix it imports.
    source      text,
    -- REPLAY: the last track id republished, where a resumed replay goes on from. An import counts
    -- its progress from its job_item rows (no hot counter row); a replay keeps done here.
    cursor      uuid,
    total       bigint      NOT NULL DEFAULT 0,
    done        bigint      NOT NULL DEFAULT 0,
    failed      bigint      NOT NULL DEFAULT 0,
    error       text,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    started_at  timestamptz,
    finished_at timestamptz
);

CREATE INDEX job_unfinished ON job (created_at) WHERE state IN ('PENDING', 'RUNNING');

-- Each file an import finished: imported, a duplicate of a known track, or failed with its reason.
CREATE TABLE job_item (
    job_id   uuid        NOT NULL REFERENCES job (id),
    item_key text        NOT NULL,
    outcome  varchar(16) NOT NULL CHECK (outcome IN ('IMPORTED', 'DUPLICATE', 'FAILED')),
    track_id uuid,
    reason   text,
    PRIMARY KEY (job_id, item_key)
);
