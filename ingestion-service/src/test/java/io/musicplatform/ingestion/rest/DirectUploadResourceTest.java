package io.musicplatform.ingestion.rest;

import io.musicplatform.ingestion.IngestionApiTest;
import io.musicplatform.ingestion.IngestionFixtures;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The direct multipart upload for small files: the same analysis and the same clean refusals, with a size limit. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,s3,keycloak"))
class DirectUploadResourceTest extends IngestionApiTest {

    private static final String PATH = "/api/ingestion/uploads/direct";

    @Test
    void aSmallFileBecomesATrackWithItsMetadataPart() {
        byte[] audio = IngestionFixtures.uniqueWav();
        String trackId = given().auth().oauth2(operator())
                .multiPart("file", "Direct - Envoi.wav", audio, "audio/wav")
                .multiPart("metadata", "{\"genre\": \"direct\", \"year\": 2024}", "application/json")
                .post(PATH).then().statusCode(201)
                .body("track.title", equalTo("Envoi")).body("track.artists", equalTo(List.of("Direct")))
                .body("track.genre", equalTo("direct")).body("track.year", equalTo(2024))
                .body("track.media.contentType", equalTo("audio/wav"))
                .extract().path("track.id");
        String key = given().auth().oauth2(operator()).get("/api/ingestion/tracks/" + trackId).then().statusCode(200)
                .extract().path("media.key");
        assertThat(IngestionFixtures.object(key)).isEqualTo(audio);
        assertThat(awaitPublished(trackId, 1)).hasSize(1);

        given().auth().oauth2(operator()).multiPart("file", "again.wav", audio, "audio/wav").post(PATH).then().statusCode(200)
                .body("duplicate", equalTo(true)).body("track.id", equalTo(trackId));
    }

    @Test
    void badFilesAndNamesAreRefusedAndNothingIsLeft() {
        State before = State.now();
        for (String fixture : List.of("empty.mp3", "random.mp3", "truncated.mp3", "text.mp3", "image.flac", "archive.m4a", "claims-more.wav")) {
            given().auth().oauth2(operator()).multiPart("file", fixture, IngestionFixtures.audio(fixture), "audio/mpeg")
                    .post(PATH).then().statusCode(422).contentType("application/problem+json");
        }
        given().auth().oauth2(operator()).multiPart("file", "../../../etc/passwd", IngestionFixtures.uniqueWav(), "audio/wav")
                .post(PATH).then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("fileName"));
        given().auth().oauth2(operator()).multiPart("metadata", "{}", "application/json")
                .post(PATH).then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("file"));
        // Over music.ingestion.max-direct-upload-bytes (256 KiB in tests), within the HTTP server's own limit.
        given().auth().oauth2(operator()).multiPart("file", "big.wav", new byte[300_000], "audio/wav")
                .post(PATH).then().statusCode(413).contentType("application/problem+json").body("detail", containsString("presigned"));
        before.assertUnchanged();
    }

    @Test
    void itNeedsAnAdminToken() {
        given().multiPart("file", "a.wav", IngestionFixtures.uniqueWav(), "audio/wav").post(PATH).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(tokens().listener()).multiPart("file", "a.wav", IngestionFixtures.uniqueWav(), "audio/wav")
                .post(PATH).then().statusCode(403).contentType("application/problem+json");
    }
}
