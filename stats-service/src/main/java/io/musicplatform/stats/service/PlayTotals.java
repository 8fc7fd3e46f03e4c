package io.musicplatform.stats.service;

import io.musicplatform.events.ArtistId;
import io.musicplatform.events.TrackPlayed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final Map<String, String> artistIds = new HashMap<>();
    private long counted;

    /**
     * Sums {@code plays}; {@code attributed} says whether a play still belongs to its listener (false
     * once they erased their history up to that play).
     */
    public static PlayTotals of(List<TrackPlayed> plays, java.util.function.Predicate<TrackPlayed> attributed) {
        PlayTotals totals = new PlayTotals();
        for (TrackPlayed play : plays) {
            totals.add(play, attributed.test(play));
        }
        return totals;
    }

    private void add(TrackPlayed play, boolean attributed) {
        counted++;
        Instant at = play.occurredAt();
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
        LocalDate day = utc.toLocalDate();
        String artist = play.track().artist();
        tracks.merge(play.trackId(), new TrackTotal(artist, 1, at), (a, b) -> {
            boolean later = !b.lastPlayedAt().isBefore(a.lastPlayedAt());
            return new TrackTotal(later ? b.artist() : a.artist(), a.plays() + b.plays(), later ? b.lastPlayedAt() : a.lastPlayedAt());
        });
        if (attributed) {
            users.merge(play.userId(), new UserTotal(1, play.trackId(), at), PlayTotals::sum);
            history.add(play);
        }
        days.merge(day, 1L, Long::sum);
        // The id is a SHA-1 of the normalized name: computed once per artist and batch, not per play.
        String artistId = artistIds.computeIfAbsent(artist, ArtistId::of);
        for (Period period : Period.values()) {
            LocalDate starts = period.start(day);
            trackPeriods.merge(new PeriodKey(period.code(), starts, play.trackId()), new Named(artist, 1),
                    (a, b) -> new Named(a.name(), a.plays() + b.plays()));
            artistPeriods.merge(new PeriodKey(period.code(), starts, artistId), new Named(artist, 1),
                    (a, b) -> new Named(a.name(), a.plays() + b.plays()));
        }
        genreHours.merge(new GenreHour(day, utc.getHour(), play.track().genre() == null ? "" : play.track().genre()), 1L, Long::sum);
        String country = play.context().country();
        contexts.merge(new ContextKey(day, "country", country == null ? "" : country), 1L, Long::sum);
        contexts.merge(new ContextKey(day, "platform", play.context().platform()), 1L, Long::sum);
        contexts.merge(new ContextKey(day, "device", play.context().device()), 1L, Long::sum);
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
