package io.musicplatform.stats.service;

import io.musicplatform.events.ArtistId;
import io.musicplatform.events.PlayContext;
import io.musicplatform.events.TrackFacts;
import io.musicplatform.events.TrackPlayed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory sums of a batch: one entry per key, the later play wins, erased plays stay off the listener. */
class PlayTotalsTest {

    private static TrackPlayed play(String track, String user, String at, String artist, String country) {
        return new TrackPlayed(UUID.randomUUID(), Instant.parse(at), track, user, new PlayContext("ios", "phone", country),
                new TrackFacts(artist, "pop", 1000));
    }

    @Test
    void sumsPerKeyAndPeriodWithUtcDaysIsoWeeksAndMonths() {
        PlayTotals totals = PlayTotals.of(List.of(
                play("t1", "u1", "2026-11-29T23:30:00Z", "Beyoncé", "FR"),  // a Sunday
                play("t1", "u2", "2026-11-30T00:30:00Z", "BEYONCE", null),  // the Monday after
                play("t2", "u1", "2026-11-30T08:00:00Z", "Zaz", "FR")), p -> true);

        assertThat(totals.counted()).isEqualTo(3);
        assertThat(totals.tracks.get("t1").plays()).isEqualTo(2);
        assertThat(totals.tracks.get("t1").lastPlayedAt()).isEqualTo(Instant.parse("2026-11-30T00:30:00Z"));
        assertThat(totals.days).containsEntry(LocalDate.parse("2026-11-29"), 1L).containsEntry(LocalDate.parse("2026-11-30"), 2L);
        assertThat(totals.trackPeriods.get(new PlayTotals.PeriodKey("W", LocalDate.parse("2026-11-23"), "t1")).plays()).isEqualTo(1);
        assertThat(totals.trackPeriods.get(new PlayTotals.PeriodKey("W", LocalDate.parse("2026-11-30"), "t1")).plays()).isEqualTo(1);
        assertThat(totals.trackPeriods.get(new PlayTotals.PeriodKey("M", LocalDate.parse("2026-11-01"), "t1")).plays()).isEqualTo(2);
        // Two spellings of one artist are one artist id.
        assertThat(totals.artistPeriods.get(new PlayTotals.PeriodKey("M", LocalDate.parse("2026-11-01"), ArtistId.of("beyonce"))).plays())
                .isEqualTo(2);
        assertThat(totals.contexts.get(new PlayTotals.ContextKey(LocalDate.parse("2026-11-30"), "country", ""))).isEqualTo(1);
        assertThat(totals.genreHours.get(new PlayTotals.GenreHour(LocalDate.parse("2026-11-29"), 23, "pop"))).isEqualTo(1);
    }

    @Test
    void aListenersLastPlayIsTheLatestWhateverTheOrderAndATieGoesToTheGreaterTrackId() {
        PlayTotals totals = PlayTotals.of(List.of(
                play("b", "u", "2026-11-30T10:00:00Z", "Zaz", "FR"),
                play("a", "u", "2026-11-30T09:00:00Z", "Zaz", "FR"),
                play("c", "v", "2026-11-30T10:00:00Z", "Zaz", "FR"),
                play("d", "v", "2026-11-30T10:00:00Z", "Zaz", "FR")), p -> true);

        assertThat(totals.users.get("u")).isEqualTo(new PlayTotals.UserTotal(2, "b", Instant.parse("2026-11-30T10:00:00Z")));
        assertThat(totals.users.get("v").lastTrackId()).isEqualTo("d");
    }

    @Test
    void aPlayNoLongerAttributedCountsForTheTrackAndTheDayButNotTheListener() {
        PlayTotals totals = PlayTotals.of(List.of(play("t", "erased", "2026-11-30T10:00:00Z", "Zaz", "FR"),
                play("t", "kept", "2026-11-30T10:00:00Z", "Zaz", "FR")), p -> !p.userId().equals("erased"));

        assertThat(totals.tracks.get("t").plays()).isEqualTo(2);
        assertThat(totals.days.get(LocalDate.parse("2026-11-30"))).isEqualTo(2);
        assertThat(totals.users).containsOnlyKeys("kept");
        assertThat(totals.history).extracting(TrackPlayed::userId).containsExactly("kept");
    }
}
