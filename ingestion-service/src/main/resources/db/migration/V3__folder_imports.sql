-- An import reads a bucket prefix (what existed) or, for operators, a folder on the service's own
-- disk (within music.ingestion.import-folders). A replay reads neither.
ALTER TABLE job ADD COLUMN source_kind varchar(16) CHECK (source_kind IN ('BUCKET', 'FOLDER'));
UPDATE job SET source_kind = 'BUCKET' WHERE kind = 'IMPORT';
