package io.musicplatform.playback.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.playback.PlaybackApiTest;
import io.musicplatform.playback.PlaybackFixtures;
import io.musicplatform.playback.service.StreamUrls;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Offline licences with real tokens and the real S3 server: issued with a URL bound to the licence,
 * renewed, listed, revoked by the listener or by a takedown, capped per listener, and never a play.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,s3,keycloak"))
class DownloadResourceTest extends PlaybackApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    MeterRegistry registry;

    @Test
    void aLicenceGivesADownloadUrlBoundToItUntilItIsRevoked() throws Exception {
        byte[] audio = PlaybackFixtures.audio(8192);
        TrackIngested track = PlaybackFixtures.storedTrack("Hors ligne", audio, TrackStatus.AVAILABLE, List.of());
        published(track);
        String listener = tokens().listener();
        double playsBefore = registry.counter("music.plays.granted").count();

        var issued = download(listener, track.trackId()).statusCode(201)
                .header("Location", containsString("/api/playback/downloads/"))
                .body("trackId", is(track.trackId()))
                .body("state", is("ACTIVE"))
                .body("revokedBy", nullValue())
                .extract();
        String licence = issued.path("id");
        Instant expiresAt = Instant.parse(issued.path("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now().plus(Duration.ofDays(29))), "a licence lasts the configured 30 days");
        URI url = URI.create(issued.path("downloadUrl"));
        assertTrue(url.getQuery().contains(StreamUrls.LICENCE_PARAMETER + "=" + licence), url.toString());
        HttpResponse<byte[]> fetched = get(url);
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(audio, fetched.body());
        // The licence's id is part of what is signed: another id, or none, is refused by the storage.
        assertEquals(403, get(URI.create(url.toString().replace(licence, UUID.randomUUID().toString()))).statusCode());
        assertEquals(403, get(URI.create(url.toString().replaceAll("&?" + StreamUrls.LICENCE_PARAMETER + "=[^&]*", ""))).statusCode());
        assertEquals(playsBefore, registry.counter("music.plays.granted").count(), "a licence is not a play");

        String renewed = given().auth().oauth2(listener).post("/api/playback/downloads/" + licence + "/renew").then().statusCode(200)
                .body("id", is(licence)).body("downloadUrl", notNullValue()).extract().path("downloadUrl");
        assertEquals(200, get(URI.create(renewed)).statusCode());
        given().auth().oauth2(listener).queryParam("limit", 100).get("/api/playback/downloads").then().statusCode(200)
                .body("items.find { it.id == '" + licence + "' }.state", is("ACTIVE"))
                .body("items.find { it.id == '" + licence + "' }.downloadUrl", nullValue());

        // Someone else's licence does not exist for them.
        given().auth().oauth2(tokens().operator()).post("/api/playback/downloads/" + licence + "/renew").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(tokens().operator()).delete("/api/playback/downloads/" + licence).then().statusCode(404);

        given().auth().oauth2(listener).delete("/api/playback/downloads/" + licence).then().statusCode(204);
        given().auth().oauth2(listener).delete("/api/playback/downloads/" + licence).then().statusCode(204);
        given().auth().oauth2(listener).post("/api/playback/downloads/" + licence + "/renew").then().statusCode(410)
                .contentType("application/problem+json").body("detail", containsString("revoked"));
        given().auth().oauth2(listener).queryParam("limit", 100).get("/api/playback/downloads").then()
                .body("items.find { it.id == '" + licence + "' }.state", is("REVOKED"))
                .body("items.find { it.id == '" + licence + "' }.revokedBy", is("LISTENER"));
    }

    @Test
    void aTakedownRevokesEveryLicenceOfItsTrack() {
        TrackIngested track = PlaybackFixtures.storedTrack("Bientôt retirée", PlaybackFixtures.audio(512), TrackStatus.AVAILABLE, List.of());
        published(track);
        String listenersLicence = download(tokens().listener(), track.trackId()).statusCode(201).extract().path("id");
        String operatorsLicence = download(tokens().operator(), track.trackId()).statusCode(201).extract().path("id");

        published(PlaybackFixtures.revision(track.trackId(), 2, TrackStatus.TAKEN_DOWN, "Bientôt retirée", track.media().key(), List.of()));

        given().auth().oauth2(tokens().listener()).post("/api/playback/downloads/" + listenersLicence + "/renew").then().statusCode(410)
                .body("detail", containsString("taken down"));
        given().auth().oauth2(tokens().operator()).queryParam("limit", 100).get("/api/playback/downloads").then()
                .body("items.find { it.id == '" + operatorsLicence + "' }.revokedBy", is("TAKEN_DOWN"));
        download(tokens().listener(), track.trackId()).statusCode(410);
    }

    @Test
    void theRightsAndTheCapApply() {
        TrackIngested americanOnly = PlaybackFixtures.storedTrack("Ailleurs", PlaybackFixtures.audio(512), TrackStatus.AVAILABLE, List.of("US"));
        TrackIngested everywhere = PlaybackFixtures.storedTrack("Partout", PlaybackFixtures.audio(512), TrackStatus.AVAILABLE, List.of());
        published(americanOnly, everywhere);
        download(tokens().listener(), americanOnly.trackId()).statusCode(451);
        download(tokens().listener(), UUID.randomUUID().toString()).statusCode(404);
        given().auth().oauth2(tokens().listener()).post("/api/playback/tracks/not-a-uuid/download").then().statusCode(400);
        given().post("/api/playback/tracks/" + everywhere.trackId() + "/download").then().statusCode(401);

        // The cap is 5 in tests (music.playback.max-offline-licences).
        String nomad = tokens().listenerWithoutCountry();
        List<String> licences = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            licences.add(download(nomad, everywhere.trackId()).statusCode(201).extract().path("id"));
        }
        download(nomad, everywhere.trackId()).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("revoke one"));
        given().auth().oauth2(nomad).delete("/api/playback/downloads/" + licences.getFirst()).then().statusCode(204);
        download(nomad, everywhere.trackId()).statusCode(201);

        // Paged newest first, each licence once.
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(nomad).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/playback/downloads").then().statusCode(200).extract();
            seen.addAll(page.<List<String>>path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(6, seen.size());
        assertEquals(6, new HashSet<>(seen).size());
        assertEquals(licences.reversed().subList(0, 4), seen.subList(1, 5));
        given().auth().oauth2(nomad).queryParam("cursor", "%%%").get("/api/playback/downloads").then().statusCode(400);
        given().auth().oauth2(nomad).queryParam("limit", 101).get("/api/playback/downloads").then().statusCode(400);
    }

    private static ValidatableResponse download(String token, String trackId) {
        return given().auth().oauth2(token).post("/api/playback/tracks/" + trackId + "/download").then();
    }

    private static HttpResponse<byte[]> get(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
