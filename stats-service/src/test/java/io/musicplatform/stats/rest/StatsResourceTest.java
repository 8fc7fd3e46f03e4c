package io.musicplatform.stats.rest;

import io.musicplatform.events.ArtistId;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.TestTokens;
import io.musicplatform.stats.StatsApiTest;
import io.musicplatform.stats.StatsEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.musicplatform.stats.service.StatsQueries;
import jakarta.inject.Inject;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * The statistics API with real tokens of the kit's Keycloak: what a listener sees of their own plays,
 * what only an admin sees, the platform's figures, paging, export and erasure, and every bad request
 * as problem+json naming its field.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class StatsResourceTest extends StatsApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void everyEndpointNeedsAValidToken() {
        for (String path : List.of("/api/stats/tracks/" + UUID.randomUUID(), "/api/stats/users/me", "/api/stats/users/me/history",
                "/api/stats/global/daily", "/api/stats/top/tracks", "/api/stats/breakdown?by=country", "/api/stats/users/me/export")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(tokens().expired()).get(path).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(tokens().foreignKey()).get(path).then().statusCode(401).contentType("application/problem+json");
        }
        given().delete("/api/stats/users/me/history").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aListenerSeesTheirOwnFiguresAndOnlyAnAdminSeesAnyonesElse() {
        String listener = TestTokens.subject(tokens().listener());
        String track = UUID.randomUUID().toString();
        TrackPlayed play = StatsEvents.play(track, listener, Instant.now(), "Françoise Hardy", "chanson", "FR");
        List<ConsumerRecord<String, byte[]>> written = StatsEvents.publish(play);
        await().atMost(PATIENCE).until(() -> written.stream().allMatch(StatsEvents::counted));

        long plays = given().auth().oauth2(tokens().listener()).get("/api/stats/users/me").then().statusCode(200)
                .body("userId", is(listener)).extract().jsonPath().getLong("plays");
        assertThat(plays).isPositive();
        given().auth().oauth2(tokens().listener()).get("/api/stats/users/" + listener).then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(tokens().operator()).get("/api/stats/users/" + listener).then()
                .statusCode(200).body("userId", is(listener));
        given().auth().oauth2(tokens().listener()).get("/api/stats/tracks/" + track).then().statusCode(200)
                .body("trackId", is(track)).body("plays", is(1)).body("artist", is("Françoise Hardy"));
        given().auth().oauth2(tokens().listener()).get("/api/stats/tracks/" + UUID.randomUUID()).then().statusCode(200)
                .body("plays", is(0)).body("lastPlayedAt", nullValue());
    }

    @Test
    void historyPagesWithoutRepeatsOrGapsAndExportsAsJsonLines() {
        // The operator's own history: erased first, so that other tests' plays do not interfere.
        String operator = TestTokens.subject(tokens().operator());
        given().auth().oauth2(tokens().operator()).delete("/api/stats/users/me/history").then().statusCode(200);
        List<TrackPlayed> plays = new ArrayList<>();
        Instant start = Instant.now().plusSeconds(3600);
        for (int i = 0; i < 7; i++) {
            plays.add(StatsEvents.play(UUID.randomUUID().toString(), operator, start.plusSeconds(i), "Zaz", "pop", "FR"));
        }
        List<ConsumerRecord<String, byte[]>> written = StatsEvents.publish(plays);
        await().atMost(PATIENCE).until(() -> written.stream().allMatch(StatsEvents::counted));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(tokens().operator()).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/stats/users/me/history").then().statusCode(200).extract().response();
            seen.addAll(page.jsonPath().getList("items.playId"));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(plays.reversed().stream().map(p -> p.eventId().toString()).toList());

        String export = given().auth().oauth2(tokens().operator()).get("/api/stats/users/me/export").then().statusCode(200)
                .contentType(containsString("application/x-ndjson")).extract().asString();
        List<String> lines = export.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.getFirst()).contains(plays.getLast().eventId().toString()).contains("\"platform\":\"web\"");
    }

    @Test
    void anErasureRemovesHistoryAndListenerFiguresButKeepsTrackAndGlobalCountsAndALateCopyDoesNotComeBack() {
        String listener = "user-" + UUID.randomUUID();
        String track = UUID.randomUUID().toString();
        Instant at = Instant.parse("2032-02-02T10:00:00Z");
        TrackPlayed first = StatsEvents.play(track, listener, at, "Zaz", "pop", "FR");
        TrackPlayed second = StatsEvents.play(track, listener, at.plusSeconds(60), "Zaz", "pop", "FR");
        List<ConsumerRecord<String, byte[]>> written = StatsEvents.publish(first, second);
        await().atMost(PATIENCE).until(() -> written.stream().allMatch(StatsEvents::counted));
        long dayBefore = StatsEvents.number("SELECT plays FROM stats.daily_plays WHERE day = '2032-02-02'");

        // This listener has no Keycloak account: the erasure the API runs for DELETE /users/me/history is called directly.
        erase(listener);

        assertThat(StatsEvents.number("SELECT count(*) FROM stats.listening_history WHERE user_id = ?", listener)).isZero();
        assertThat(StatsEvents.number("SELECT count(*) FROM stats.user_plays WHERE user_id = ?", listener)).isZero();
        assertThat(StatsEvents.number("SELECT plays FROM stats.track_plays WHERE track_id = ?", track)).isEqualTo(2);

        // A late play from before the erasure, and a copy of an erased one: neither comes back to the listener.
        TrackPlayed late = StatsEvents.play(track, listener, at.plusSeconds(30), "Zaz", "pop", "FR");
        List<ConsumerRecord<String, byte[]>> again = StatsEvents.publish(first, late);
        await().atMost(PATIENCE).until(() -> again.stream().allMatch(StatsEvents::counted));
        assertThat(StatsEvents.number("SELECT count(*) FROM stats.listening_history WHERE user_id = ?", listener)).isZero();
        assertThat(StatsEvents.number("SELECT count(*) FROM stats.user_plays WHERE user_id = ?", listener)).isZero();
        assertThat(StatsEvents.number("SELECT plays FROM stats.track_plays WHERE track_id = ?", track)).as("the late play counts for the track")
                .isEqualTo(3);
        assertThat(StatsEvents.number("SELECT plays FROM stats.daily_plays WHERE day = '2032-02-02'")).isEqualTo(dayBefore + 1);
    }

    @Test
    void aListenerErasesTheirOwnHistoryThroughTheApi() {
        String listener = TestTokens.subject(tokens().listener());
        List<ConsumerRecord<String, byte[]>> written = StatsEvents.publish(
                StatsEvents.play(UUID.randomUUID().toString(), listener, Instant.now(), "Zaz", "pop", "FR"));
        await().atMost(PATIENCE).until(() -> written.stream().allMatch(StatsEvents::counted));
        assertThat(given().auth().oauth2(tokens().listener()).get("/api/stats/users/me/history").then().statusCode(200)
                .extract().jsonPath().getList("items")).isNotEmpty();

        given().auth().oauth2(tokens().listener()).delete("/api/stats/users/me/history").then().statusCode(200);

        given().auth().oauth2(tokens().listener()).get("/api/stats/users/me/history").then().statusCode(200)
                .body("items.size()", is(0)).body("nextCursor", nullValue());
        given().auth().oauth2(tokens().listener()).get("/api/stats/users/me").then().statusCode(200).body("plays", is(0));
    }

    @Test
    void platformFiguresTopListsGenresAndBreakdowns() {
        String artist = "Artiste " + UUID.randomUUID();
        String genre = "genre-" + UUID.randomUUID();
        String hot = UUID.randomUUID().toString();
        String cold = UUID.randomUUID().toString();
        Instant at = Instant.parse("2033-07-14T21:30:00Z");
        List<TrackPlayed> plays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            plays.add(StatsEvents.play(hot, "user-" + i, at.plusSeconds(i), artist, genre, "FR"));
        }
        plays.add(StatsEvents.play(cold, "user-x", at, artist, genre, null));
        List<ConsumerRecord<String, byte[]>> written = StatsEvents.publish(plays);
        await().atMost(PATIENCE).until(() -> written.stream().allMatch(StatsEvents::counted));

        given().auth().oauth2(tokens().listener()).queryParam("from", "2033-07-13").queryParam("to", "2033-07-15")
                .get("/api/stats/global/daily").then().statusCode(200)
                .body("items.day", contains("2033-07-13", "2033-07-14", "2033-07-15"))
                .body("items.plays", contains(0, 6, 0));
        given().auth().oauth2(tokens().listener()).queryParam("period", "week").queryParam("date", "2033-07-14").queryParam("limit", 2)
                .get("/api/stats/top/tracks").then().statusCode(200)
                .body("items.trackId", contains(hot, cold)).body("items.plays", contains(5, 1));
        given().auth().oauth2(tokens().listener()).queryParam("period", "month").queryParam("date", "2033-07-01")
                .get("/api/stats/top/artists").then().statusCode(200)
                .body("items[0].artistId", is(ArtistId.of(artist))).body("items[0].plays", is(6));
        given().auth().oauth2(tokens().listener()).queryParam("from", "2033-07-14").queryParam("to", "2033-07-14")
                .get("/api/stats/genres/by-hour").then().statusCode(200)
                .body("items.find { it.genre == '" + genre + "' }.hour", is(21))
                .body("items.find { it.genre == '" + genre + "' }.plays", is(6));
        given().auth().oauth2(tokens().listener()).queryParam("by", "country").queryParam("from", "2033-07-14").queryParam("to", "2033-07-14")
                .get("/api/stats/breakdown").then().statusCode(200)
                .body("items.value", contains("FR", null)).body("items.plays", contains(5, 1));
    }

    @Test
    void badParametersAreClearProblemsNamingTheField() {
        expectInvalid("/api/stats/global/daily?from=2026-02-10&to=2026-02-01", "from");
        expectInvalid("/api/stats/global/daily?from=2026-13-01", "from");
        expectInvalid("/api/stats/global/daily?from=2020-01-01&to=2026-01-01", "to");
        expectInvalid("/api/stats/top/tracks?limit=1001", "limit");
        expectInvalid("/api/stats/top/tracks?limit=0", "limit");
        expectInvalid("/api/stats/top/artists?period=year", "period");
        expectInvalid("/api/stats/top/tracks?date=yesterday", "date");
        expectInvalid("/api/stats/breakdown?by=mood", "by");
        expectInvalid("/api/stats/breakdown", "by");
        expectInvalid("/api/stats/users/me/history?cursor=not-ours", "cursor");
        expectInvalid("/api/stats/users/me/history?limit=101", "limit");
        given().auth().oauth2(tokens().listener()).get("/api/stats/tracks/not-a-uuid").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(tokens().listener()).queryParam("limit", 1000).get("/api/stats/top/tracks").then().statusCode(200);
    }

    private void expectInvalid(String path, String field) {
        given().auth().oauth2(tokens().listener()).get(path).then()
                .statusCode(400).contentType("application/problem+json")
                .body("title", is("Invalid request"))
                .body("errors[0].field", is(field));
    }

    @Inject
    StatsQueries queries;

    private void erase(String userId) {
        queries.erase(userId).await().atMost(PATIENCE);
    }
}
