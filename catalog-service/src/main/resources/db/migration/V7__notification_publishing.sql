-- Notifications are numbered and published after they commit, in batches (NotificationService.publishChanges),
-- not in the statement that makes them: a release to a hundred thousand followers then writes only its
-- notifications in the revision's transaction. A notification made or changed is unpublished (its
-- sequence 0) until the publisher gives it its listener's next number and puts its event in the outbox.
ALTER TABLE notification ADD COLUMN published boolean NOT NULL DEFAULT true;
ALTER TABLE notification ALTER COLUMN published SET DEFAULT false;

-- What the publisher reads on every poll, in its order: only unpublished rows.
CREATE INDEX notification_unpublished ON notification (user_id, updated_at, id) WHERE NOT published;

-- A stream's replay reads published notifications only (an unpublished one has no number yet): the
-- index gets its entry when the publisher numbers the row, not in the release's transaction.
DROP INDEX notification_user_sequence;
CREATE INDEX notification_user_sequence ON notification (user_id, sequence) WHERE published;
