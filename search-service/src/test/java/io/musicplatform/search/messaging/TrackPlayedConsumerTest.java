package io.musicplatform.search.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.search.SearchApiTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/**
 * Popularity from track-played on the real Kafka and OpenSearch: plays are summed per batch into one
 * update per track, they break a tie between equally good matches, and they survive a new revision.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,opensearch,keycloak"))
class TrackPlayedConsumerTest extends SearchApiTest {

    @Inject
    MeterRegistry registry;

    @Test
    void playsAreSummedPerBatchAndBreakATieBetweenEqualMatches() throws Exception {
        String genre = uniqueGenre();
        TrackIngested quiet = track("Hymne à l'amour", List.of("Édith Piaf"), null, genre, 1950);
        TrackIngested loved = track("Hymne à l'amour", List.of("Édith Piaf"), null, genre, 1950);
        published(quiet, loved);

        double updatesBefore = registry.counter("music.search.popularity.updates").count();
        double playsBefore = registry.counter("music.search.plays").count();
        play(loved.trackId(), 300);
        play(quiet.trackId(), 2);
        await().atMost(PATIENCE).until(() -> stored(loved.trackId()).path("plays").asLong() == 300
                && stored(quiet.trackId()).path("plays").asLong() == 2);
        // The counter moves once the batch's write is acknowledged, a moment after the documents show it.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(registry.counter("music.search.plays").count() - playsBefore).isEqualTo(302));
        // Never one write per play: at most one update per track per batch.
        assertThat(registry.counter("music.search.popularity.updates").count() - updatesBefore).isLessThan(30);

        refresh();
        search("q", "hymne a l'amour", "genre", genre).statusCode(200)
                .body("items.trackId", contains(loved.trackId(), quiet.trackId()))
                .body("items[0].plays", is(300));
    }

    @Test
    void popularitySurvivesANewRevision() throws Exception {
        String genre = uniqueGenre();
        String id = UUID.randomUUID().toString();
        published(revision(id, 1, TrackStatus.AVAILABLE, "La Vie en rose", List.of("Édith Piaf"), null, genre, 1947));
        play(id, 40);
        await().atMost(PATIENCE).until(() -> stored(id).path("plays").asLong() == 40);

        published(revision(id, 2, TrackStatus.AVAILABLE, "La Vie en rose (remastered)", List.of("Édith Piaf"), null, genre, 1947));
        assertThat(stored(id).path("plays").asLong()).isEqualTo(40);
        assertThat(stored(id).path("title").asText()).isEqualTo("La Vie en rose (remastered)");
        search("q", "vie en rose", "genre", genre).statusCode(200).body("items[0].plays", is(40));
    }

    @Test
    void aPlayBeforeItsTrackIsKeptForIt() throws Exception {
        String genre = uniqueGenre();
        String id = UUID.randomUUID().toString();
        play(id, 5);
        await().atMost(PATIENCE).until(() -> stored(id) != null && stored(id).path("plays").asLong() == 5);
        search("genre", genre).statusCode(200).body("total", is(0));

        published(revision(id, 1, TrackStatus.AVAILABLE, "Sous le ciel de Paris", List.of("Yves Montand"), null, genre, 1951));
        search("q", "sous le ciel de paris", "genre", genre).statusCode(200).body("items[0].plays", is(5));
    }
}
