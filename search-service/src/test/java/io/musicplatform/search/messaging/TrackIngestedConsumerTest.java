package io.musicplatform.search.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.search.SearchApiTest;
import io.musicplatform.servicecore.kafka.DeadLetterQueue;
import io.musicplatform.servicetesting.TestEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * The feed from track-ingested on the real Kafka and OpenSearch: a revision becomes searchable, the
 * highest revision wins whatever order they arrive in, a takedown removes the track for good, and
 * bad bytes go to the dead-letter topic while the partition moves on.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,opensearch,keycloak"))
class TrackIngestedConsumerTest extends SearchApiTest {

    @Inject
    MeterRegistry registry;

    @Inject
    DeadLetterQueue deadLetters;

    @Test
    void aRevisionBecomesSearchable() {
        String genre = uniqueGenre();
        TrackIngested track = track("Quelqu'un m'a dit", List.of("Carla Bruni"), "Quelqu'un m'a dit", genre, 2002);
        published(track);

        search("q", "quelqu'un m'a dit", "genre", genre).statusCode(200)
                .body("total", is(1))
                .body("items[0].trackId", is(track.trackId()))
                .body("items[0].title", is("Quelqu'un m'a dit"))
                .body("items[0].artists", contains("Carla Bruni"))
                .body("items[0].year", is(2002));
    }

    @Test
    void anOlderOrRepeatedRevisionNeverOverwritesANewerOne() throws Exception {
        String genre = uniqueGenre();
        String id = UUID.randomUUID().toString();
        published(revision(id, 2, TrackStatus.AVAILABLE, "Seconde version", List.of("Zaz"), null, genre, 2010));

        double staleBefore = stale();
        // In separate batches: the index itself must refuse them, not only the batch's own sorting.
        TestEvents.publish(revision(id, 1, TrackStatus.AVAILABLE, "Première version", List.of("Zaz"), null, genre, 2010));
        await().atMost(PATIENCE).until(() -> stale() >= staleBefore + 1);
        TestEvents.publish(revision(id, 2, TrackStatus.AVAILABLE, "Seconde version, rejouée", List.of("Zaz"), null, genre, 2010));
        await().atMost(PATIENCE).until(() -> stale() >= staleBefore + 2);
        refresh();
        assertThat(stored(id).path("title").asText()).isEqualTo("Seconde version");
        search("q", "premiere", "genre", genre).statusCode(200).body("items", empty());

        published(revision(id, 3, TrackStatus.AVAILABLE, "Troisième version", List.of("Zaz"), null, genre, 2010));
        search("q", "troisieme version", "genre", genre).statusCode(200).body("items[0].trackId", is(id));
    }

    @Test
    void aTakedownRemovesTheTrackAndAnOlderRevisionCannotBringItBack() throws Exception {
        String genre = uniqueGenre();
        String id = UUID.randomUUID().toString();
        TrackIngested available = revision(id, 1, TrackStatus.AVAILABLE, "Bientôt retirée", List.of("Noir Désir"), null, genre, 1996);
        published(available);
        search("q", "bientot retiree", "genre", genre).body("total", is(1));

        published(revision(id, 2, TrackStatus.TAKEN_DOWN, "Bientôt retirée", List.of("Noir Désir"), null, genre, 1996));
        search("q", "bientot retiree", "genre", genre).statusCode(200).body("total", is(0));
        search("genre", genre).statusCode(200).body("total", is(0));

        double staleBefore = stale();
        TestEvents.publish(available);
        await().atMost(PATIENCE).until(() -> stale() >= staleBefore + 1);
        refresh();
        search("q", "bientot retiree", "genre", genre).statusCode(200).body("total", is(0));
        assertThat(stored(id).path("status").asText()).isEqualTo("TAKEN_DOWN");
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        String genre = uniqueGenre();
        String id = UUID.randomUUID().toString();
        double deadBefore = deadLetters.count(Topics.TRACK_INGESTED);

        TestEvents.publishRaw(Topics.TRACK_INGESTED, id, "{\"title\": \"no id, no revision\"}".getBytes(StandardCharsets.UTF_8));
        published(revision(id, 1, TrackStatus.AVAILABLE, "Après la lettre morte", List.of("Françoise Hardy"), null, genre, 1962));

        search("q", "apres la lettre morte", "genre", genre).statusCode(200).body("items[0].trackId", is(id));
        assertThat(deadLetters.count(Topics.TRACK_INGESTED)).isEqualTo(deadBefore + 1);
        assertThat(TestEvents.readAll(Topics.deadLetter(Topics.TRACK_INGESTED)))
                .anySatisfy(record -> assertThat(record.key()).isEqualTo(id));
    }

    private double stale() {
        return registry.counter("music.search.revisions", "outcome", "stale").count();
    }
}
