package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.CatalogEvents;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** GET /api/catalog/tracks/{id} with real tokens: caching headers, 304, and each bad request as problem+json. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class TrackResourceTest {

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    @BeforeAll
    static void createTopics() {
        CatalogEvents.createTopics();
    }

    @Test
    void answersWithAnETagAndNotModifiedWhenItIsUnchanged() {
        String id = UUID.randomUUID().toString();
        CatalogEvents.publish(CatalogEvents.revision(id, 1, TrackStatus.AVAILABLE, "Étoile", List.of("Mylène Farmer"), null, "pop"));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(tokens().listener())
                .get("/api/catalog/tracks/" + id).statusCode() == 200);

        String etag = given().auth().oauth2(tokens().listener()).get("/api/catalog/tracks/" + id).then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .header("Cache-Control", containsString("private"))
                .extract().header("ETag");

        given().auth().oauth2(tokens().listener()).header("If-None-Match", etag).get("/api/catalog/tracks/" + id).then()
                .statusCode(304)
                .body(is(emptyString()));

        // A new revision changes what the track shows, and so its tag.
        CatalogEvents.publish(CatalogEvents.revision(id, 2, TrackStatus.AVAILABLE, "Étoile (remaster)", List.of("Mylène Farmer"), null, "pop"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(tokens().listener())
                .header("If-None-Match", etag).get("/api/catalog/tracks/" + id).then()
                .statusCode(200)
                .header("ETag", not(etag))
                .body("title", is("Étoile (remaster)")));
    }

    @Test
    void needsAToken() {
        given().get("/api/catalog/tracks/" + UUID.randomUUID()).then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anUnknownTrackIsNotFound() {
        UUID id = UUID.randomUUID();
        given().auth().oauth2(tokens().listener()).get("/api/catalog/tracks/" + id).then()
                .statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(id.toString()));
    }

    @Test
    void aMalformedIdIsABadRequest() {
        given().auth().oauth2(tokens().listener()).get("/api/catalog/tracks/not-a-uuid").then()
                .statusCode(400).contentType("application/problem+json")
                .body("title", is("Invalid request"));
    }

    private TestTokens tokens() {
        return TestTokens.forRealm(realm);
    }
}
