-- Every batch updates a row of these counters per key it holds: with full pages (fillfactor 100, the
-- default) each update writes its new row version on another page, so every index of the table gets
-- a new entry as well. With room left on each page PostgreSQL updates them in place (a HOT update:
-- same page, no new index entry, less WAL), which is most of what a batch writes besides the history.
-- The free room applies to pages written from now on (docs/services/stats-service.md, figures).
ALTER TABLE track_plays SET (fillfactor = 70);
ALTER TABLE user_plays SET (fillfactor = 70);
ALTER TABLE daily_plays SET (fillfactor = 50);
ALTER TABLE track_period_plays SET (fillfactor = 70);
ALTER TABLE artist_period_plays SET (fillfactor = 70);
ALTER TABLE genre_hour_plays SET (fillfactor = 70);
ALTER TABLE context_daily_plays SET (fillfactor = 70);
ALTER TABLE consumer_offset SET (fillfactor = 50);
