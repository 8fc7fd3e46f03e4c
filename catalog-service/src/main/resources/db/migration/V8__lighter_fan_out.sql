-- A lighter fan-out: a release to a hundred thousand followers writes a hundred thousand rows in the
-- revision's transaction, and every index on notification is a hundred thousand more entries there
-- (about 0.3 s each here, bin/bench notifications). Two indexes remain, and the publisher's update of
-- each row touches none (a HOT update).

-- What the publisher has to number: one row per statement that made or changed notifications, naming
-- their release key (the publisher reads that key's unpublished rows through the primary key, in
-- listener order, after_user being how far it got). Replaces the index of unpublished rows.
CREATE TABLE notification_pending (
    id          bigserial PRIMARY KEY,
    release_key text NOT NULL,
    after_user  text
);
INSERT INTO notification_pending (release_key)
    SELECT release_key FROM notification WHERE NOT published GROUP BY release_key ORDER BY min(updated_at);

-- The key the fan-out meets existing rows on, release first: one release's rows are one range of the
-- index, written in listener order (appended rather than spread over every listener's entries), and the
-- range the publisher reads. The notification's id stays its API identity, looked up within its
-- listener's rows (notification_user_created holds it), so it needs no index of its own.
ALTER TABLE notification
    DROP CONSTRAINT notification_pkey,
    DROP CONSTRAINT notification_user_id_release_key_key,
    ADD PRIMARY KEY (release_key, user_id);

-- The unread count, the replay after a number and "mark read" read only one listener's rows, through
-- notification_user_created: not worth three more indexes written on every fan-out.
DROP INDEX notification_unread;
DROP INDEX notification_unpublished;
DROP INDEX notification_user_sequence;

-- The publisher rewrites every row once (its number, published): room on the same page lets it do so
-- without new index entries.
ALTER TABLE notification SET (fillfactor = 50);
