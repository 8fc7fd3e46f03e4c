package io.musicplatform.ingestion;

import io.musicplatform.events.TrackIngested;
import io.musicplatform.servicetesting.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What ingestion's API tests share: real tokens, the presigned upload as a client does it, and the clean-state check. */
public abstract class IngestionApiTest {

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    protected final TestTokens tokens() {
        return TestTokens.forRealm(realm);
    }

    protected final String operator() {
        return tokens().operator();
    }

    /** Announces an upload; answers the ticket's JSON. */
    protected final ValidatableResponse announce(String fileName, String contentType, long size) {
        return given().auth().oauth2(operator()).contentType(ContentType.JSON)
                .body(Map.of("fileName", fileName, "contentType", contentType, "sizeBytes", size))
                .post("/api/ingestion/uploads").then();
    }

    /** Announce, PUT to the presigned URL, complete: the answer of complete. */
    protected final ValidatableResponse upload(String fileName, byte[] audio, Object overrides) {
        ValidatableResponse ticket = announce(fileName, "audio/mpeg", audio.length).statusCode(201);
        String uploadId = ticket.extract().path("uploadId");
        assertThat(IngestionFixtures.put(ticket.extract().path("uploadUrl"), audio, "audio/mpeg")).as("PUT to storage").isEqualTo(200);
        return complete(uploadId, overrides);
    }

    protected final ValidatableResponse complete(String uploadId, Object overrides) {
        var request = given().auth().oauth2(operator()).contentType(ContentType.JSON);
        if (overrides != null) {
            request.body(overrides);
        }
        return request.post("/api/ingestion/uploads/" + uploadId + "/complete").then();
    }

    /** Waits until track-ingested holds {@code revisions} revisions of the track, and answers them. */
    protected static List<TrackIngested> awaitPublished(String trackId, int revisions) {
        await().atMost(Duration.ofSeconds(60)).until(() -> IngestionFixtures.published(trackId).size() >= revisions);
        return IngestionFixtures.published(trackId);
    }

    /** What a refused request must leave as it was: the bucket's objects, the schema's rows, the topic's records. */
    protected record State(Map<String, Long> objects, Map<String, Long> rows, int records) {
        public static State now() {
            // Whatever earlier requests committed is published first, so that it is not taken for a leftover.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> IngestionFixtures.count("select count(*) from outbox where published_at is null") == 0);
            return new State(IngestionFixtures.objects(), IngestionFixtures.rows(), IngestionFixtures.published().size());
        }

        /** Checks nothing was left behind, waiting a little for a relay that would publish something. */
        public void assertUnchanged() {
            State after = now();
            assertThat(after.objects()).as("objects in the bucket").isEqualTo(objects);
            assertThat(after.rows()).as("rows in the ingestion schema").isEqualTo(rows);
            try {
                Thread.sleep(1_500); // past one outbox poll: an event that had been appended would be out by now
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(IngestionFixtures.published()).as("records on track-ingested").hasSize(records);
        }
    }
}
