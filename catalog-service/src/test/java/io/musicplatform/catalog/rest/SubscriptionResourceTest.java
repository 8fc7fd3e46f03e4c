package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.catalog.SubscriptionCalls;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.musicplatform.catalog.SubscriptionCalls.SUBSCRIPTIONS;
import static io.musicplatform.catalog.SubscriptionCalls.follow;
import static io.musicplatform.catalog.SubscriptionCalls.knownArtist;
import static io.musicplatform.catalog.SubscriptionCalls.unfollow;
import static io.musicplatform.catalog.SubscriptionCalls.unfollowAll;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Following artists and genres with real tokens: idempotent, listed newest first, bad input refused. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class SubscriptionResourceTest extends CatalogApiTest {

    /** As {@code %test.music.catalog.subscriptions.max-per-user} sets it. */
    private static final int MAX_PER_USER = 20;

    @Test
    void followingIsIdempotentCaseInsensitiveAndListedNewestFirst() {
        String listener = tokens().listener();
        unfollowAll(listener);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String artistName = "Souchon " + suffix;
        String artist = knownArtist(listener, artistName);

        follow(listener, "/artists/" + artist).statusCode(201)
                .header("Location", endsWith(SUBSCRIPTIONS + "/artists/" + artist))
                .body("kind", is("ARTIST")).body("id", is(artist)).body("name", is(artistName));
        follow(listener, "/artists/" + artist).statusCode(200).body("id", is(artist));

        follow(listener, "/genres/Chanson-" + suffix).statusCode(201)
                .body("kind", is("GENRE")).body("id", is("chanson-" + suffix)).body("name", is("Chanson-" + suffix));
        // One genre, however it is written.
        follow(listener, "/genres/CHANSON-" + suffix.toUpperCase()).statusCode(200).body("name", is("Chanson-" + suffix));
        follow(listener, "/genres/Jazz manouche " + suffix).statusCode(201);

        given().auth().oauth2(listener).get(SUBSCRIPTIONS).then().statusCode(200)
                .body("items.name", contains("Jazz manouche " + suffix, "Chanson-" + suffix, artistName))
                .body("nextCursor", nullValue());
        String cursor = given().auth().oauth2(listener).queryParam("limit", 2).get(SUBSCRIPTIONS).then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().auth().oauth2(listener).queryParam("limit", 2).queryParam("cursor", cursor).get(SUBSCRIPTIONS).then()
                .statusCode(200).body("items.name", contains(artistName)).body("nextCursor", nullValue());

        // Another listener's subscriptions are theirs alone.
        unfollowAll(tokens().operator());
        given().auth().oauth2(tokens().operator()).get(SUBSCRIPTIONS).then().statusCode(200).body("items", hasSize(0));

        unfollow(listener, "/artists/" + artist).statusCode(204);
        unfollow(listener, "/artists/" + artist).statusCode(204);
        unfollow(listener, "/genres/chanson-" + suffix.toUpperCase()).statusCode(204);
        given().auth().oauth2(listener).get(SUBSCRIPTIONS).then().statusCode(200)
                .body("items.name", contains("Jazz manouche " + suffix));
        unfollowAll(listener);
    }

    @Test
    void refusesUnknownArtistsBadGenresAndBadCursors() {
        String listener = tokens().listener();
        follow(listener, "/artists/" + UUID.randomUUID()).statusCode(404).contentType("application/problem+json");
        follow(listener, "/artists/not-an-id").statusCode(400).contentType("application/problem+json");
        given().urlEncodingEnabled(false).auth().oauth2(listener).put(SUBSCRIPTIONS + "/genres/%20%20").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("genre"));
        follow(listener, "/genres/" + "g".repeat(101)).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("genre")).body("detail", is("genre must be at most 100 characters long"));
        follow(listener, "/genres/" + "g".repeat(100)).statusCode(201);
        unfollow(listener, "/genres/" + "g".repeat(100)).statusCode(204);
        given().auth().oauth2(listener).queryParam("cursor", "nope").get(SUBSCRIPTIONS).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("cursor"));
        given().auth().oauth2(listener).queryParam("limit", 101).get(SUBSCRIPTIONS).then().statusCode(400);
    }

    @Test
    void aListenerFollowsAtMostTheConfiguredNumber() {
        String nomad = tokens().listenerWithoutCountry();
        unfollowAll(nomad);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < MAX_PER_USER; i++) {
            follow(nomad, "/genres/limit-" + suffix + "-" + i).statusCode(201);
        }
        follow(nomad, "/genres/one-too-many-" + suffix).statusCode(409).contentType("application/problem+json")
                .body("title", is("Too many subscriptions"));
        // Following again what one follows is still no change, even at the limit.
        follow(nomad, "/genres/limit-" + suffix + "-0").statusCode(200);
        unfollow(nomad, "/genres/limit-" + suffix + "-0").statusCode(204);
        follow(nomad, "/genres/one-too-many-" + suffix).statusCode(201);
        unfollowAll(nomad);
    }

    @Test
    void everyEndpointNeedsAToken() {
        given().get(SUBSCRIPTIONS).then().statusCode(401);
        given().put(SUBSCRIPTIONS + "/genres/jazz").then().statusCode(401);
        given().delete(SUBSCRIPTIONS + "/genres/jazz").then().statusCode(401);
        given().put(SUBSCRIPTIONS + "/artists/" + UUID.randomUUID()).then().statusCode(401);
        given().delete(SUBSCRIPTIONS + "/artists/" + UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2(tokens().expired()).get(SUBSCRIPTIONS).then().statusCode(401);
        // The notifications and the feed too, with no token, an expired one or one signed by another key.
        for (String token : new String[] {null, tokens().expired(), tokens().foreignKey()}) {
            java.util.function.Supplier<io.restassured.specification.RequestSpecification> as =
                    () -> token == null ? given() : given().auth().oauth2(token);
            as.get().get("/api/catalog/me/notifications").then().statusCode(401);
            as.get().contentType("application/json").body("{\"upTo\": \"" + UUID.randomUUID() + "\"}")
                    .post("/api/catalog/me/notifications/read").then().statusCode(401);
            as.get().get("/api/catalog/me/feed").then().statusCode(401);
            as.get().put(SUBSCRIPTIONS + "/genres/jazz").then().statusCode(401);
        }
    }
}
