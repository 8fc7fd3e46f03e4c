package io.musicplatform.search.rest;

import io.musicplatform.events.TrackIngested;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import io.musicplatform.search.SearchApiTest;
import io.musicplatform.servicetesting.TestEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * The index stopped for real: searches and completions answer 503 with Retry-After (never a 500, never
 * the index's error), and a revision published meanwhile is indexed once the node is back.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,opensearch,keycloak"))
class SearchIndexOutageTest extends SearchApiTest {

    @ConfigProperty(name = "quarkus.elasticsearch.hosts")
    String hosts;

    @Test
    void answers503WithRetryAfterWhileTheIndexIsDownAndCatchesUpAfterwards() {
        String genre = uniqueGenre();
        published(track("Avant la panne", List.of("Alain Bashung"), null, genre, 1994));
        RealServers servers = SharedRealServers.start(EnumSet.of(ServerKind.KAFKA, ServerKind.OPENSEARCH, ServerKind.KEYCLOAK));
        assertThat(hosts).as("the test must stop the node the service uses").isEqualTo(servers.openSearch().hostAndPort());

        TrackIngested duringOutage = track("Pendant la panne", List.of("Alain Bashung"), null, genre, 1994);
        servers.stop(ServerKind.OPENSEARCH);
        try {
            for (String path : List.of("/api/search?q=avant+la+panne", "/api/search/suggest?q=ava")) {
                given().auth().oauth2(tokens().listener()).get(path).then()
                        .statusCode(503).contentType(startsWith("application/problem+json"))
                        .header("Retry-After", is("5"))
                        .body("title", is("Search unavailable"));
            }
            TestEvents.publish(duringOutage);
        } finally {
            servers.start(EnumSet.of(ServerKind.OPENSEARCH));
        }
        await().atMost(PATIENCE).ignoreExceptions().until(() -> stored(duringOutage.trackId()) != null);
        refresh();
        search("q", "pendant la panne", "genre", genre).statusCode(200).body("items[0].trackId", is(duringOutage.trackId()));
    }
}
