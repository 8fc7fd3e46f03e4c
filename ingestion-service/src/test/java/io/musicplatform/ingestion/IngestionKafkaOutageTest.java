package io.musicplatform.ingestion;

import io.musicplatform.events.TrackIngested;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import io.musicplatform.servicetesting.TestEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Uploads and corrections while the broker is down: each is answered at once (its revision and its
 * event commit together in the outbox), and every revision is on track-ingested exactly once, in
 * order, after the broker returns.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,s3,keycloak"))
class IngestionKafkaOutageTest extends IngestionApiTest {

    @Test
    void revisionsRecordedWhileKafkaIsDownArePublishedExactlyOnceWhenItIsBack() {
        RealServers servers = SharedRealServers.start(EnumSet.of(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.S3, ServerKind.KEYCLOAK));
        assertThat(servers.kafka().bootstrapServers()).as("the test must stop the broker the service uses")
                .isEqualTo(TestEvents.bootstrapServers());
        String token = operator();
        // A first upload while the broker is up, so that the timings below are not those of a cold start.
        upload("Avant - La panne.wav", IngestionFixtures.uniqueWav(), null).statusCode(201);

        List<String> trackIds = new ArrayList<>();
        List<Duration> answeredIn = new ArrayList<>();
        servers.stop(ServerKind.KAFKA);
        try {
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                String trackId = upload("Pendant - La panne " + i + ".wav", IngestionFixtures.uniqueWav(), null).statusCode(201)
                        .extract().path("track.id");
                given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("genre", "panne"))
                        .patch("/api/ingestion/tracks/" + trackId).then().statusCode(200);
                answeredIn.add(Duration.ofNanos(System.nanoTime() - started));
                trackIds.add(trackId);
            }
        } finally {
            servers.start(EnumSet.of(ServerKind.KAFKA));
        }
        // An answer that waited for the broker would take at least Kafka's own timeouts (10 s and more).
        assertThat(answeredIn).as("an upload does not wait for the broker").allSatisfy(time -> assertThat(time).isLessThan(Duration.ofSeconds(8)));

        await().atMost(Duration.ofSeconds(90)).until(() -> trackIds.stream().allMatch(id -> IngestionFixtures.published(id).size() >= 2));
        List<TrackIngested> events = IngestionFixtures.published().stream().filter(event -> trackIds.contains(event.trackId())).toList();
        Map<String, List<Long>> revisions = events.stream().collect(Collectors.groupingBy(TrackIngested::trackId,
                Collectors.mapping(TrackIngested::revision, Collectors.toList())));
        assertThat(revisions).containsOnlyKeys(trackIds)
                .allSatisfy((id, published) -> assertThat(published).as("revisions of %s, in order, once each", id).containsExactly(1L, 2L));
        assertThat(events.stream().map(TrackIngested::eventId).distinct()).hasSize(events.size());
    }
}
