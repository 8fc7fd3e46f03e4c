package io.musicplatform.simulator;

import io.musicplatform.events.EventCodec;
import io.musicplatform.events.TrackPlayed;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated plays are valid events, reproducible, and shaped like a real platform's listening. */
class SimulatedPlaysTest {

    private static final SimulatedPlays.Settings SETTINGS =
            new SimulatedPlays.Settings(1_000, 100, 5_000, 1.0, 7, LocalDate.parse("2026-11-01"), 7);

    @Test
    void everyPlayIsAValidTrackPlayedWithItsOwnEventId() {
        SimulatedPlays plays = new SimulatedPlays(SETTINGS);
        Set<Object> ids = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            TrackPlayed play = plays.next();
            assertThat(EventCodec.TRACK_PLAYED.violations(EventCodec.TRACK_PLAYED.encode(play))).isEmpty();
            assertThat(ids.add(play.eventId())).isTrue();
            LocalDate day = play.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
            assertThat(day).isBetween(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-07"));
        }
    }

    @Test
    void theSameSeedGivesTheSamePlays() {
        SimulatedPlays one = new SimulatedPlays(SETTINGS);
        SimulatedPlays two = new SimulatedPlays(SETTINGS);
        for (int i = 0; i < 1_000; i++) {
            assertThat(one.next()).isEqualTo(two.next());
        }
    }

    @Test
    void popularityIsSkewedTheNightIsQuietAndContextsAreMixed() {
        SimulatedPlays plays = new SimulatedPlays(SETTINGS);
        Map<String, Integer> byTrack = new HashMap<>();
        int[] byHour = new int[24];
        Set<String> platforms = new HashSet<>();
        Set<String> countries = new HashSet<>();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            TrackPlayed play = plays.next();
            byTrack.merge(play.trackId(), 1, Integer::sum);
            byHour[play.occurredAt().atZone(ZoneOffset.UTC).getHour()]++;
            platforms.add(play.context().platform());
            countries.add(String.valueOf(play.context().country()));
        }
        List<Integer> counts = byTrack.values().stream().sorted((a, b) -> b - a).toList();
        int topTen = IntStream.range(0, 10).map(counts::get).sum();
        // Zipf with exponent 1 over 1,000 tracks: the top 10 take about 39% of the plays.
        assertThat(topTen).isBetween(n * 30 / 100, n * 48 / 100);
        assertThat(byHour[20]).isGreaterThan(byHour[4] * 5);
        assertThat(platforms).contains("android", "ios", "web", "desktop");
        assertThat(countries).hasSizeGreaterThan(10).contains("null");
    }
}
