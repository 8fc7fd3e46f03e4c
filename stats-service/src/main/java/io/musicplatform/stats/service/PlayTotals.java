package io.musicplatform.stats.service;

import io.musicplatform.events.ArtistId;
import io.musicplatform.events.TrackPlayed;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plays of one batch summed per key, in memory, so that the store gets one upsert per track,
 * listener, day and rollup key per batch instead of one per play (DESIGN.md section 4). Keys are
 * comparable: the writer sorts them once per batch, so that every transaction locks rows in the same
 * order and two consumers never deadlock.
 *
 * <p>Plays reach this class already counted-once (a repeated eventId was dropped before); the history
 * and the per-listener figures leave out plays of listeners who erased them ({@code attributed}).
 */
public final class PlayTotals {

    /** Per track: plays, latest play and the artist it carried. */
    public record TrackTotal(String artist, long plays, Instant lastPlayedAt) {
    }

    /** Per listener: plays and the latest play (ties go to the greater track id, so any batching gives the same answer). */
    public record UserTotal(long plays, String lastTrackId, Instant lastPlayedAt) {
    }

    public record PeriodKey(String period, LocalDate starts, String id) implements Comparable<PeriodKey> {
        @Override
        public int compareTo(PeriodKey other) {
            int byPeriod = period.compareTo(other.period);
            if (byPeriod != 0) {
                return byPeriod;
            }
            int byStart = starts.compareTo(other.starts);
            return byStart != 0 ? byStart : id.compareTo(other.id);
        }
    }

    public record Named(String name, long plays) {
    }

    public record GenreHour(LocalDate day, int hour, String genre) implements Comparable<GenreHour> {
        @Override
        public int compareTo(GenreHour other) {
            int byDay = day.compareTo(other.day);
            if (byDay != 0) {
                return byDay;
            }
            return hour != other.hour ? Integer.compare(hour, other.hour) : genre.compareTo(other.genre);
        }
    }

    public record ContextKey(LocalDate day, String dimension, String value) implements Comparable<ContextKey> {
        @Override
        public int compareTo(ContextKey other) {
            int byDay = day.compareTo(other.day);
            if (byDay != 0) {
                return byDay;
            }
            int byDimension = dimension.compareTo(other.dimension);
            return byDimension != 0 ? byDimension : value.compareTo(other.value);
        }
    }

    public final Map<String, TrackTotal> tracks = new HashMap<>();
    public final Map<String, UserTotal> users = new HashMap<>();
    public final Map<LocalDate, Long> days = new HashMap<>();
    public final Map<PeriodKey, Named> trackPeriods = new HashMap<>();
    public final Map<PeriodKey, Named> artistPeriods = new HashMap<>();
    public final Map<GenreHour, Long> genreHours = new HashMap<>();
    public final Map<ContextKey, Long> contexts = new HashMap<>();
    /** The plays that go into the listening history, in batch order. */
    public final List<TrackPlayed> history = new ArrayList<>();
    private long counted;

    // While summing, mutable accumulators: a play updates a few of them in place instead of merging a
    // dozen new keys and values into the maps above (one per rollup and period), which was a quarter of
    // the consumer's CPU (measured with Java Flight Recorder under bin/bench stats). The periods are
    // derived afterwards from the per-day sums, once per track and artist rather than once per play.
    private final Map<String, TrackSum> trackSums = new HashMap<>();
    private final Map<String, UserSum> userSums = new HashMap<>();
    /** Per artist name as the plays carry it; merged per artist id at the end. */
    private final Map<String, DaySums> artistSums = new LinkedHashMap<>();
    private final Map<GenreHour, long[]> genreHourSums = new HashMap<>();
    private final Map<ContextOfDay, long[]> contextSums = new HashMap<>();
    private final Map<Long, LocalDate> dayOf = new HashMap<>();

    /** Plays per UTC day, each day with the name that came with its first play (a track's artist, or an artist's). */
    private static class DaySums {
        final Map<LocalDate, Named> perDay = new LinkedHashMap<>(4);
        LocalDate lastDay;
        long[] lastCount;
        final Map<LocalDate, long[]> counts = new HashMap<>(4);

        void add(LocalDate day, String name) {
            if (day.equals(lastDay)) {
                lastCount[0]++;
                return;
            }
            long[] count = counts.get(day);
            if (count == null) {
                count = new long[1];
                counts.put(day, count);
                perDay.put(day, new Named(name, 0));
            }
            count[0]++;
            lastDay = day;
            lastCount = count;
        }

        /** The days in the order of their first play, with their sums. */
        Map<LocalDate, Named> totals() {
            Map<LocalDate, Named> totals = new LinkedHashMap<>();
            perDay.forEach((day, first) -> totals.put(day, new Named(first.name(), counts.get(day)[0])));
            return totals;
        }
    }

    private static final class TrackSum extends DaySums {
        String artist;
        long plays;
        Instant lastPlayedAt;
    }

    private static final class UserSum {
        long plays;
        String lastTrackId;
        Instant lastPlayedAt;
    }

    private record ContextOfDay(LocalDate day, String country, String platform, String device) {
    }

    /**
     * Sums {@code plays}; {@code attributed} says whether a play still belongs to its listener (false
     * once they erased their history up to that play).
     */
    public static PlayTotals of(List<TrackPlayed> plays, java.util.function.Predicate<TrackPlayed> attributed) {
        PlayTotals totals = new PlayTotals();
        for (TrackPlayed play : plays) {
            totals.add(play, attributed.test(play));
        }
        totals.finish();
        return totals;
    }

    private void add(TrackPlayed play, boolean attributed) {
        counted++;
        Instant at = play.occurredAt();
        long epochSecond = at.getEpochSecond();
        long epochDay = Math.floorDiv(epochSecond, 86_400);
        LocalDate day = dayOf.computeIfAbsent(epochDay, LocalDate::ofEpochDay);
        int hour = (int) (Math.floorMod(epochSecond, 86_400) / 3_600);
        String artist = play.track().artist();
        TrackSum track = trackSums.computeIfAbsent(play.trackId(), id -> new TrackSum());
        // The later play's artist wins; on the same instant, the one read last (as before).
        if (track.lastPlayedAt == null || !at.isBefore(track.lastPlayedAt)) {
            track.artist = artist;
            track.lastPlayedAt = at;
        }
        track.plays++;
        track.add(day, artist);
        if (attributed) {
            UserSum user = userSums.computeIfAbsent(play.userId(), id -> new UserSum());
            if (user.lastPlayedAt == null || later(at, play.trackId(), user.lastPlayedAt, user.lastTrackId)) {
                user.lastPlayedAt = at;
                user.lastTrackId = play.trackId();
            }
            user.plays++;
            history.add(play);
        }
        artistSums.computeIfAbsent(artist, name -> new DaySums()).add(day, artist);
        genreHourSums.computeIfAbsent(new GenreHour(day, hour, play.track().genre() == null ? "" : play.track().genre()), k -> new long[1])[0]++;
        String country = play.context().country();
        contextSums.computeIfAbsent(new ContextOfDay(day, country == null ? "" : country, play.context().platform(), play.context().device()),
                k -> new long[1])[0]++;
    }

    /** Turns the accumulators into the per-key totals the writer reads. */
    private void finish() {
        trackSums.forEach((trackId, sum) -> {
            tracks.put(trackId, new TrackTotal(sum.artist, sum.plays, sum.lastPlayedAt));
            sum.totals().forEach((day, named) -> {
                days.merge(day, named.plays(), Long::sum);
                addPeriods(trackPeriods, trackId, day, named);
            });
        });
        userSums.forEach((userId, sum) -> users.put(userId, new UserTotal(sum.plays, sum.lastTrackId, sum.lastPlayedAt)));
        // The id is a SHA-1 of the normalized name: computed once per artist name and batch, not per play.
        // Names that normalize to one id are summed under that id, with the name seen first in the batch.
        artistSums.forEach((artist, sum) -> {
            String artistId = ArtistId.of(artist);
            sum.totals().forEach((day, named) -> addPeriods(artistPeriods, artistId, day, named));
        });
        genreHourSums.forEach((key, count) -> genreHours.put(key, count[0]));
        contextSums.forEach((key, count) -> {
            contexts.merge(new ContextKey(key.day(), "country", key.country()), count[0], Long::sum);
            contexts.merge(new ContextKey(key.day(), "platform", key.platform()), count[0], Long::sum);
            contexts.merge(new ContextKey(key.day(), "device", key.device()), count[0], Long::sum);
        });
    }

    private static void addPeriods(Map<PeriodKey, Named> rollup, String id, LocalDate day, Named sum) {
        for (Period period : Period.values()) {
            rollup.merge(new PeriodKey(period.code(), period.start(day), id), sum, (a, b) -> new Named(a.name(), a.plays() + b.plays()));
        }
    }

    private static boolean later(Instant at, String trackId, Instant than, String thanTrackId) {
        int byTime = at.compareTo(than);
        return byTime != 0 ? byTime > 0 : trackId.compareTo(thanTrackId) >= 0;
    }

    /** Two listeners' totals as one: plays add up, the later play wins (the greater track id on a tie). */
    static UserTotal sum(UserTotal a, UserTotal b) {
        return new UserTotal(a.plays() + b.plays(), later(a, b) ? a.lastTrackId() : b.lastTrackId(),
                later(a, b) ? a.lastPlayedAt() : b.lastPlayedAt());
    }

    private static boolean later(UserTotal a, UserTotal b) {
        int byTime = a.lastPlayedAt().compareTo(b.lastPlayedAt());
        return byTime != 0 ? byTime > 0 : a.lastTrackId().compareTo(b.lastTrackId()) >= 0;
    }

    /** Plays summed, attributed or not. */
    public long counted() {
        return counted;
    }
}
