-- Browsing reads playable tracks in one of three orders, often within a genre (compared
-- case-insensitively), a page at a time from a keyset cursor "(sort value, id) > (...)". Each index
-- below gives one of those lists in order, so a page is an index range of limit + 1 rows at any depth
-- instead of a scan and sort of the whole catalog (measured in docs/benchmarks.md: 81.6 ms -> 0.28 ms
-- on 100,000 tracks). Taken-down tracks are never listed, so they are left out of the indexes.
CREATE INDEX track_browse_genre_title ON track (lower(genre), title, id) WHERE status = 'AVAILABLE';
CREATE INDEX track_browse_genre_added ON track (lower(genre), created_at DESC, id DESC) WHERE status = 'AVAILABLE';
CREATE INDEX track_browse_genre_duration ON track (lower(genre), duration_ms, id) WHERE status = 'AVAILABLE';
CREATE INDEX track_browse_title ON track (title, id) WHERE status = 'AVAILABLE';
CREATE INDEX track_browse_added ON track (created_at DESC, id DESC) WHERE status = 'AVAILABLE';
CREATE INDEX track_browse_duration ON track (duration_ms, id) WHERE status = 'AVAILABLE';
-- The title-prefix filter: lower(title) LIKE 'abc%' needs the pattern operator class to use an index.
CREATE INDEX track_browse_title_prefix ON track (lower(title) text_pattern_ops) WHERE status = 'AVAILABLE';
