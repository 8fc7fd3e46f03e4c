package io.musicplatform.ingestion.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.ingestion.IngestionApiTest;
import io.musicplatform.ingestion.IngestionFixtures;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Bulk import of a bucket prefix and replay, as jobs on the real servers: progress, failures with reasons, resumption. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,s3,keycloak"))
class JobsTest extends IngestionApiTest {

    private static final Logger LOG = Logger.getLogger(JobsTest.class);

    @Inject
    Jobs jobs;

    @Inject
    MeterRegistry registry;

    @Test
    void anImportTakesEveryFileUnderThePrefixOnceAndNamesTheOnesItRefused() {
        String prefix = "imports/" + UUID.randomUUID() + "/";
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = prefix + (i % 2 == 0 ? "disc1/" : "") + "Artiste " + i + " - Titre " + i + ".wav";
            IngestionFixtures.putObject(key, IngestionFixtures.uniqueWav());
            good.add(key);
        }
        IngestionFixtures.putObject(prefix + "notes.mp3", IngestionFixtures.audio("text.mp3"));
        IngestionFixtures.putObject(prefix + "cut.mp3", IngestionFixtures.audio("truncated.mp3"));
        long tracks = IngestionFixtures.count("select count(*) from track");

        String location = startImport(prefix).statusCode(202).body("kind", equalTo("IMPORT")).extract().header("Location");
        ValidatableResponse job = awaitJob(location);
        job.body("state", equalTo("SUCCEEDED")).body("total", equalTo(6)).body("done", equalTo(4)).body("failed", equalTo(2))
                .body("errors.item", equalTo(List.of(prefix + "cut.mp3", prefix + "notes.mp3")))
                .body("errors[1].reason", equalTo("the content is text, not audio of a supported format (MP3, FLAC, Ogg Vorbis, Opus, M4A/AAC or WAV)"));
        assertThat(IngestionFixtures.count("select count(*) from track")).isEqualTo(tracks + 4);
        assertThat(IngestionFixtures.count("select count(*) from track_revision where title = 'Titre 1' and artists = '{Artiste 1}'"))
                .as("the title and artist come from the object's name").isEqualTo(1);
        assertThat(IngestionFixtures.objects()).as("the imported objects are left where they were").containsKeys(good.toArray(String[]::new));
        assertThat(registry.get("music.job.progress").tag("kind", "import").tag("state", "done").gauge().value()).isEqualTo(4);

        // The same prefix again: nothing new, every file a duplicate of its track.
        awaitJob(startImport(prefix).statusCode(202).extract().header("Location")).body("state", equalTo("SUCCEEDED"))
                .body("done", equalTo(4)).body("failed", equalTo(2));
        assertThat(IngestionFixtures.count("select count(*) from track")).isEqualTo(tracks + 4);
    }

    @Test
    void anImportResumedAfterAStopSkipsTheFilesItHadFinished() throws Exception {
        String prefix = "imports/" + UUID.randomUUID() + "/";
        for (int i = 0; i < 3; i++) {
            IngestionFixtures.putObject(prefix + "R - " + i + ".wav", IngestionFixtures.uniqueWav());
        }
        // A job as a stopped instance leaves it: RUNNING, with one file recorded as finished.
        UUID jobId = UUID.randomUUID();
        sql("insert into job (id, kind, state, source, total, done, failed, created_by, created_at, started_at) values ('" + jobId
                + "', 'IMPORT', 'RUNNING', '" + prefix + "', 3, 1, 0, 'test', now(), now())",
                "insert into job_item (job_id, item_key, outcome) values ('" + jobId + "', '" + prefix + "R - 0.wav', 'IMPORTED')");

        jobs.resumeUnfinished();

        awaitJob("/api/ingestion/imports/" + jobId).body("state", equalTo("SUCCEEDED")).body("total", equalTo(3)).body("done", equalTo(3));
        assertThat(IngestionFixtures.count("select count(*) from track_revision where title = '0' and artists = '{R}'"))
                .as("the finished file was not taken again").isZero();
        assertThat(IngestionFixtures.count("select count(*) from track_revision where artists = '{R}'")).isEqualTo(2);
    }

    @Test
    void aReplayPublishesTheCurrentRevisionOfEveryTrackAgain() {
        String trackId = upload("Rejoué - Une fois.wav", IngestionFixtures.uniqueWav(), null).statusCode(201).extract().path("track.id");
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("genre", "replay"))
                .patch("/api/ingestion/tracks/" + trackId).then().statusCode(200);
        awaitPublished(trackId, 2);
        long tracks = IngestionFixtures.count("select count(*) from track");

        String location = given().auth().oauth2(operator()).post("/api/ingestion/replays").then().statusCode(202)
                .body("kind", equalTo("REPLAY")).extract().header("Location");
        awaitJob(location).body("state", equalTo("SUCCEEDED")).body("total", equalTo((int) tracks)).body("done", equalTo((int) tracks));

        List<TrackIngested> events = awaitPublished(trackId, 3);
        assertThat(events).extracting(TrackIngested::revision).containsExactly(1L, 2L, 2L);
        assertThat(events.get(2).genre()).isEqualTo("replay");
        assertThat(events.stream().map(TrackIngested::eventId).collect(Collectors.toSet())).hasSize(3);
    }

    @Test
    void badJobRequestsAreNamed() {
        startImport("uploads/").statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("prefix"));
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body("{}").post("/api/ingestion/imports").then().statusCode(400)
                .body("errors.field", hasItem("prefix"));
        given().auth().oauth2(operator()).get("/api/ingestion/imports/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(tokens().listener()).post("/api/ingestion/replays").then().statusCode(403);
        given().post("/api/ingestion/replays").then().statusCode(401);
    }

    /** The import rate on this machine: small tagged-less files already in the bucket, object to committed revision. */
    @Test
    void importRate() {
        String prefix = "imports/" + UUID.randomUUID() + "/";
        int files = 200;
        for (int i = 0; i < files; i++) {
            IngestionFixtures.putObject(prefix + "Rate - " + i + ".wav", IngestionFixtures.uniqueWav());
        }
        long started = System.nanoTime();
        String location = startImport(prefix).statusCode(202).extract().header("Location");
        awaitJob(location).body("state", equalTo("SUCCEEDED")).body("done", equalTo(files));
        double seconds = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofSeconds(60)).until(() -> IngestionFixtures.count("select count(*) from outbox where published_at is null") == 0);
        double published = (System.nanoTime() - started) / 1e9;
        // The raw rate in the same run: reading and hashing the same objects, one at a time.
        long raw = System.nanoTime();
        List<String> keys = java.util.stream.IntStream.range(0, files).mapToObj(i -> prefix + "Rate - " + i + ".wav").toList();
        IngestionFixtures.readEach(keys, bytes -> {
            try {
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        double rawSeconds = (System.nanoTime() - raw) / 1e9;
        LOG.infof("Imported %d files in %.1f s: %.1f tracks/s committed, %.1f tracks/s published; raw read+hash %.1f objects/s (%.0f%%)",
                files, seconds, files / seconds, files / published, files / rawSeconds, 100 * (files / published) / (files / rawSeconds));
    }

    private ValidatableResponse startImport(String prefix) {
        return given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("prefix", prefix))
                .post("/api/ingestion/imports").then();
    }

    private ValidatableResponse awaitJob(String location) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String state = given().auth().oauth2(operator()).get(location).then().statusCode(200).extract().path("state");
            return state.equals("SUCCEEDED") || state.equals("FAILED");
        });
        return given().auth().oauth2(operator()).get(location).then().statusCode(200);
    }

    private static void sql(String... statements) throws Exception {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
             Statement statement = connection.createStatement()) {
            statement.execute("set search_path to ingestion");
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
