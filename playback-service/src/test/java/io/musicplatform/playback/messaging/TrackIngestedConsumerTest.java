package io.musicplatform.playback.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.playback.PlaybackApiTest;
import io.musicplatform.playback.PlaybackFixtures;
import io.musicplatform.playback.entity.PlayableTrack;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicecore.kafka.DeadLetterQueue;
import io.musicplatform.servicetesting.TestEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The playable-track projection on the real Kafka and PostgreSQL: a revision becomes a row with its
 * media and territories, an older or repeated revision changes nothing, bad bytes go to the dead letters.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,s3,keycloak"))
class TrackIngestedConsumerTest extends PlaybackApiTest {

    @Inject
    MeterRegistry registry;

    @Inject
    DeadLetterQueue deadLetters;

    @Test
    void aRevisionBecomesAPlayableTrackWithItsMediaAndTerritories() {
        String id = UUID.randomUUID().toString();
        published(PlaybackFixtures.revision(id, 1, TrackStatus.AVAILABLE, "Ça ira", "tracks/" + id + ".flac", List.of("FR", "BE")));

        PlayableTrack track = projected(id);
        assertThat(track.title).isEqualTo("Ça ira");
        assertThat(track.artists).containsExactly("Zaz", "Pomme");
        assertThat(track.genre).isEqualTo("chanson");
        assertThat(track.durationMs).isEqualTo(187_000);
        assertThat(track.mediaKey).isEqualTo("tracks/" + id + ".flac");
        assertThat(track.contentType).isEqualTo("audio/mpeg");
        assertThat(track.territories).containsExactly("FR", "BE");
        assertThat(track.playableIn("BE")).isTrue();
        assertThat(track.playableIn("US")).isFalse();
        assertThat(track.playableIn(null)).isFalse();
    }

    @Test
    void theHighestRevisionWinsAndAnOlderOrRepeatedOneChangesNothing() {
        String id = UUID.randomUUID().toString();
        double staleBefore = stale();
        TestEvents.publish(
                PlaybackFixtures.revision(id, 2, TrackStatus.AVAILABLE, "Second", "tracks/2.mp3", List.of()),
                PlaybackFixtures.revision(id, 1, TrackStatus.TAKEN_DOWN, "First", "tracks/1.mp3", List.of()),
                PlaybackFixtures.revision(id, 2, TrackStatus.TAKEN_DOWN, "Second, again", "tracks/2.mp3", List.of()));

        await().atMost(Duration.ofSeconds(60)).until(() -> stale() >= staleBefore + 2);
        PlayableTrack track = projected(id);
        assertThat(track.revision).isEqualTo(2);
        assertThat(track.title).isEqualTo("Second");
        assertThat(track.status).isEqualTo(TrackStatus.AVAILABLE);

        published(PlaybackFixtures.revision(id, 3, TrackStatus.TAKEN_DOWN, "Third", "tracks/2.mp3", List.of()));
        assertThat(projected(id).status).isEqualTo(TrackStatus.TAKEN_DOWN);
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        String id = UUID.randomUUID().toString();
        double deadBefore = deadLetters.count(Topics.TRACK_INGESTED);

        TestEvents.publishRaw(Topics.TRACK_INGESTED, id, "{\"title\": \"no id, no revision\"}".getBytes(StandardCharsets.UTF_8));
        TrackIngested after = PlaybackFixtures.revision(id, 1, TrackStatus.AVAILABLE, "Après la lettre morte", "tracks/x.mp3", List.of());
        published(after);

        assertThat(projected(id).title).isEqualTo("Après la lettre morte");
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count(Topics.TRACK_INGESTED) == deadBefore + 1);
    }

    private double stale() {
        return registry.counter("music.playback.revisions", "outcome", "stale").count();
    }
}
