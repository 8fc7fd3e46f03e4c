package io.musicplatform.ingestion.rest;

import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.ingestion.IngestionApiTest;
import io.musicplatform.ingestion.IngestionFixtures;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.realservers.S3Server;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * The presigned upload on the real S3, PostgreSQL, Kafka and Keycloak: a client announces, PUTs to
 * storage and completes; what is accepted becomes a track and one TrackIngested, what is refused
 * leaves no object, no row and no event.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,s3,keycloak"))
class UploadResourceTest extends IngestionApiTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "tagged.mp3,  audio/mpeg, mp3",
            "tagged.flac, audio/flac, flac",
            "tagged.ogg,  audio/ogg,  vorbis",
            "tagged.opus, audio/opus, opus",
            "tagged.m4a,  audio/mp4,  aac",
            "tagged.wav,  audio/wav,  pcm"})
    void aTaggedFileOfEveryFormatBecomesATrackPublishedOnce(String fixture, String contentType, String codec) {
        byte[] audio = IngestionFixtures.audio(fixture);
        // The name lies about the format; the content decides.
        ValidatableResponse answer = upload("whatever.mp3", audio, null).statusCode(201)
                .body("duplicate", equalTo(false))
                .body("track.revision", equalTo(1))
                .body("track.status", equalTo("AVAILABLE"))
                .body("track.title", equalTo("Tout le bonheur du monde"))
                .body("track.artists", equalTo(List.of("Sinsemilia")))
                .body("track.album", equalTo("Debout les yeux ouverts"))
                .body("track.genre", equalTo("Reggae"))
                .body("track.year", equalTo(2004))
                .body("track.media.contentType", equalTo(contentType))
                .body("track.media.codec", equalTo(codec))
                .body("track.media.sizeBytes", equalTo(audio.length))
                .body("track.media.key", startsWith("audio/"));
        String trackId = answer.extract().path("track.id");
        String key = answer.extract().path("track.media.key");
        String uploadId = answer.extract().path("uploadId");

        assertThat(IngestionFixtures.object(key)).as("the stored audio").isEqualTo(audio);
        assertThat(IngestionFixtures.objectContentType(key)).isEqualTo(contentType);
        assertThat(IngestionFixtures.objects()).as("the staging object is gone").doesNotContainKey("uploads/" + uploadId);

        List<TrackIngested> events = awaitPublished(trackId, 1);
        assertThat(events).hasSize(1);
        TrackIngested event = events.getFirst();
        assertThat(event.revision()).isEqualTo(1);
        assertThat(event.status()).isEqualTo(TrackStatus.AVAILABLE);
        assertThat(event.title()).isEqualTo("Tout le bonheur du monde");
        assertThat(event.durationMs()).isBetween(1_900L, 2_100L);
        assertThat(event.media().key()).isEqualTo(key);
        assertThat(event.media().sha256()).isEqualTo(key.substring("audio/".length(), key.lastIndexOf('.')));
        assertThat(event.media().contentType()).isEqualTo(contentType);

        given().auth().oauth2(operator()).get(answer.extract().header("Location")).then().statusCode(200)
                .body("id", equalTo(trackId)).body("revision", equalTo(1)).body("media.codec", equalTo(codec));
    }

    @Test
    void overridesWinOverTagsAndTheSameContentTwiceIsTheSameTrack() {
        byte[] audio = IngestionFixtures.uniqueWav();
        String trackId = upload("Inconnu - Bruit.wav", audio, Map.of("title", "Le bruit", "artists", List.of("Zaz", "Pomme"),
                "genre", "chanson", "year", 2021, "territories", List.of("FR", "BE")))
                .statusCode(201)
                .body("track.title", equalTo("Le bruit"))
                .body("track.artists", equalTo(List.of("Zaz", "Pomme")))
                .body("track.territories", equalTo(List.of("FR", "BE")))
                .body("warnings", equalTo(List.of()))
                .extract().path("track.id");
        long tracks = IngestionFixtures.count("select count(*) from track");

        String copy = upload("copy.wav", audio, Map.of("title", "Another title")).statusCode(200)
                .body("duplicate", equalTo(true))
                .body("track.id", equalTo(trackId))
                .body("track.title", equalTo("Le bruit"))
                .extract().path("uploadId");

        assertThat(IngestionFixtures.count("select count(*) from track")).isEqualTo(tracks);
        assertThat(IngestionFixtures.objects()).as("the copy's staging object is gone").doesNotContainKey("uploads/" + copy);
        assertThat(awaitPublished(trackId, 1)).as("nothing published for the copy").hasSize(1);
    }

    @Test
    void aUnicodeFileNameIsAcceptedAndKeptAsTheTitleFallback() {
        upload("宇多田ヒカル - 花束を君に ☕.mp3", IngestionFixtures.audio("untagged.mp3"), null).statusCode(201)
                .body("track.title", equalTo("花束を君に ☕"))
                .body("track.artists", equalTo(List.of("宇多田ヒカル")))
                .body("warnings", hasItem(containsString("file name")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "random.mp3      | unrecognised binary data",
            "truncated.mp3   | cut short",
            "text.mp3        | the content is text",
            "image.flac      | a PNG image",
            "archive.m4a     | a ZIP archive",
            "claims-more.wav | announces 10.0 s of audio but the file holds only about 1.0 s"})
    void aFileThatIsNotWholeAudioIsRefusedAndNothingIsLeft(String fixture, String why) {
        State before = State.now();
        byte[] bytes = IngestionFixtures.audio(fixture);
        ValidatableResponse ticket = announce(fixture, "audio/mpeg", bytes.length).statusCode(201);
        String uploadId = ticket.extract().path("uploadId");
        assertThat(IngestionFixtures.put(ticket.extract().path("uploadUrl"), bytes, "audio/mpeg")).isEqualTo(200);

        complete(uploadId, null).statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("Not an acceptable audio file"))
                .body("detail", containsString(why));

        before.assertUnchanged();
        complete(uploadId, null).statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../../etc/passwd.mp3", "folder/song.mp3", "C:\\music\\song.mp3", "bell\u0007.mp3", "line\nbreak.mp3",
            "\u202Egnp.mp3", ".hidden.mp3", "", " "})
    void anUnsafeFileNameIsRefusedBeforeAnythingIsKept(String fileName) {
        State before = State.now();
        announce(fileName, "audio/mpeg", 1000).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("fileName"));
        before.assertUnchanged();
    }

    @Test
    void anEmptyFileOrOneOverTheLimitIsRefusedWhenAnnounced() {
        State before = State.now();
        announce("empty.mp3", "audio/mpeg", 0).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("sizeBytes"));
        announce("huge.mp3", "audio/mpeg", 1_048_577).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("sizeBytes")).body("detail", containsString("1048576"));
        announce("notes.txt", "text/plain", 100).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("contentType"));
        before.assertUnchanged();
    }

    @Test
    void theStorageRefusesAPutOfAnotherSizeOrTypeThanAnnouncedOrATamperedUrl() {
        byte[] audio = IngestionFixtures.uniqueWav();
        ValidatableResponse ticket = announce("a.wav", "audio/wav", audio.length).statusCode(201);
        String url = ticket.extract().path("uploadUrl");
        String uploadId = ticket.extract().path("uploadId");
        State before = State.now();

        byte[] bigger = java.util.Arrays.copyOf(audio, audio.length + 1000);
        assertThat(IngestionFixtures.put(url, bigger, "audio/wav")).as("more bytes than announced").isEqualTo(403);
        assertThat(IngestionFixtures.put(url, audio, "text/plain")).as("another type").isEqualTo(403);
        assertThat(IngestionFixtures.put(url.replace("uploads%2F", "uploads%2Fx").replace("uploads/", "uploads/x"), audio, "audio/wav"))
                .as("another key").isEqualTo(403);
        before.assertUnchanged();

        complete(uploadId, null).statusCode(409).contentType("application/problem+json").body("title", equalTo("Nothing uploaded yet"));
        before.assertUnchanged();
    }

    @Test
    void aPageOfTheWebAppMayUploadFromTheBrowserAndAnotherSiteMayNot() throws Exception {
        byte[] audio = IngestionFixtures.uniqueWav();
        String url = announce("browser.wav", "audio/wav", audio.length).statusCode(201).extract().path("uploadUrl");
        String webApp = S3Server.DEFAULT_CORS_ORIGINS.getFirst();
        try (HttpClient browser = HttpClient.newHttpClient()) {
            // The browser's preflight before a cross-origin PUT with a Content-Type.
            HttpResponse<Void> allowed = browser.send(preflight(url, webApp), HttpResponse.BodyHandlers.discarding());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(webApp);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PUT");

            HttpResponse<Void> foreign = browser.send(preflight(url, "https://elsewhere.example"), HttpResponse.BodyHandlers.discarding());
            assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).as("another site's page").isEmpty();

            HttpResponse<Void> put = browser.send(HttpRequest.newBuilder(URI.create(url)).header("Origin", webApp)
                    .header("Content-Type", "audio/wav").PUT(HttpRequest.BodyPublishers.ofByteArray(audio)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(put.headers().firstValue("Access-Control-Allow-Origin")).hasValue(webApp);
        }
    }

    private static HttpRequest preflight(String url, String origin) {
        return HttpRequest.newBuilder(URI.create(url)).header("Origin", origin).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();
    }

    @Test
    void completingTwiceIsAConflictNamingTheTrack() {
        byte[] audio = IngestionFixtures.uniqueWav();
        ValidatableResponse ticket = announce("twice.wav", "audio/wav", audio.length).statusCode(201);
        String uploadId = ticket.extract().path("uploadId");
        assertThat(IngestionFixtures.put(ticket.extract().path("uploadUrl"), audio, "audio/wav")).isEqualTo(200);
        String trackId = complete(uploadId, null).statusCode(201).extract().path("track.id");
        awaitPublished(trackId, 1);
        State before = State.now();

        complete(uploadId, null).statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Upload already completed")).body("detail", containsString(trackId));
        before.assertUnchanged();
    }

    @Test
    void anExpiredUploadUrlIsRefusedByTheStorage() throws InterruptedException {
        byte[] audio = IngestionFixtures.uniqueWav();
        ValidatableResponse ticket = given().auth().oauth2(operator()).contentType(ContentType.JSON)
                .body(Map.of("fileName", "late.wav", "contentType", "audio/wav", "sizeBytes", audio.length, "validForSeconds", 1))
                .post("/api/ingestion/uploads").then().statusCode(201);
        State before = State.now();
        Thread.sleep(2_100);

        assertThat(IngestionFixtures.put(ticket.extract().path("uploadUrl"), audio, "audio/wav")).isEqualTo(403);
        complete(ticket.extract().path("uploadId"), null).statusCode(409).contentType("application/problem+json");
        before.assertUnchanged();
    }

    @Test
    void invalidOverridesAreNamed() {
        byte[] audio = IngestionFixtures.uniqueWav();
        ValidatableResponse ticket = announce("o.wav", "audio/wav", audio.length).statusCode(201);
        String uploadId = ticket.extract().path("uploadId");
        assertThat(IngestionFixtures.put(ticket.extract().path("uploadUrl"), audio, "audio/wav")).isEqualTo(200);
        State before = State.now();

        complete(uploadId, Map.of("year", 99, "territories", List.of("france"), "artists", List.of()))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("artists", "territories[0]", "year")));
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body("{\"title\": ")
                .post("/api/ingestion/uploads/" + uploadId + "/complete").then().statusCode(400).contentType("application/problem+json");
        before.assertUnchanged();
    }

    @Test
    void everyEndpointNeedsAnAdminToken() {
        String listener = tokens().listener();
        String path = "/api/ingestion/uploads";
        String body = "{\"fileName\":\"a.mp3\",\"contentType\":\"audio/mpeg\",\"sizeBytes\":10}";
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(listener).contentType(ContentType.JSON).body(body).post(path).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(tokens().expired()).contentType(ContentType.JSON).body(body).post(path).then().statusCode(401);
        given().auth().oauth2(tokens().foreignKey()).contentType(ContentType.JSON).body(body).post(path).then().statusCode(401);
        String complete = "/api/ingestion/uploads/" + java.util.UUID.randomUUID() + "/complete";
        given().contentType(ContentType.JSON).post(complete).then().statusCode(401);
        given().auth().oauth2(listener).contentType(ContentType.JSON).post(complete).then().statusCode(403);
        given().auth().oauth2(operator()).contentType(ContentType.JSON).post(complete).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
