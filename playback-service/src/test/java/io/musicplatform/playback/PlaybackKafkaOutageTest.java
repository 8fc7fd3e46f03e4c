package io.musicplatform.playback;

import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import io.musicplatform.servicetesting.TestEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plays granted while the broker is down: each is answered within moments (the first once the direct
 * send has timed out, the next ones straight through the outbox), and each is on track-played exactly
 * once, in order, after the broker returns.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,s3,keycloak"))
class PlaybackKafkaOutageTest extends PlaybackApiTest {

    @Test
    void playsGrantedWhileKafkaIsDownArePublishedExactlyOnceWhenItIsBack() {
        RealServers servers = SharedRealServers.start(EnumSet.of(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.S3, ServerKind.KEYCLOAK));
        assertThat(servers.kafka().bootstrapServers()).as("the test must stop the broker the service uses")
                .isEqualTo(TestEvents.bootstrapServers());
        TrackIngested track = PlaybackFixtures.storedTrack("Pendant la panne", PlaybackFixtures.audio(512), TrackStatus.AVAILABLE, List.of());
        published(track);
        String token = tokens().operator();

        // A first play while the broker is up, so that the timings below are not those of a cold start.
        given().auth().oauth2(token).post("/api/playback/tracks/" + track.trackId() + "/play").then().statusCode(200);

        List<UUID> playIds = new ArrayList<>();
        List<Duration> answeredIn = new ArrayList<>();
        servers.stop(ServerKind.KAFKA);
        try {
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                String playId = given().auth().oauth2(token).post("/api/playback/tracks/" + track.trackId() + "/play").then()
                        .statusCode(200).extract().path("playId");
                answeredIn.add(Duration.ofNanos(System.nanoTime() - started));
                playIds.add(UUID.fromString(playId));
            }
        } finally {
            servers.start(EnumSet.of(ServerKind.KAFKA));
        }
        // A play that waited for the broker would take at least Kafka's own timeouts (10 s and more).
        assertThat(answeredIn).as("a play does not wait for the broker").allSatisfy(time -> assertThat(time).isLessThan(Duration.ofSeconds(5)));

        await().atMost(Duration.ofSeconds(90)).until(() -> PlaybackFixtures.plays(playIds).size() >= playIds.size());
        Map<UUID, Long> copies = PlaybackFixtures.plays(playIds).stream()
                .collect(Collectors.groupingBy(TrackPlayed::eventId, Collectors.counting()));
        assertThat(copies).containsOnlyKeys(playIds).allSatisfy((id, count) -> assertThat(count).as("copies of %s", id).isEqualTo(1));
        assertThat(PlaybackFixtures.plays(playIds).stream().map(TrackPlayed::eventId).toList())
                .as("in the order they were granted (one key, one partition)").containsExactlyElementsOf(playIds);
    }
}
