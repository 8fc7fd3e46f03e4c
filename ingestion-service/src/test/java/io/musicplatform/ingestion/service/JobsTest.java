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
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
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
        sql("insert into job (id, kind, state, source, source_kind, total, done, failed, created_by, created_at, started_at) values ('"
                + jobId + "', 'IMPORT', 'RUNNING', '" + prefix + "', 'BUCKET', 3, 1, 0, 'test', now(), now())",
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

    @Test
    void anOperatorImportsAFolderOfTheServersDiskWithinTheAllowedOnes() throws Exception {
        Path root = Path.of(ConfigProvider.getConfig().getValue("music.ingestion.import-folders", String.class)).toAbsolutePath();
        Path folder = Files.createDirectories(root.resolve("label-" + UUID.randomUUID()));
        Files.write(Files.createDirectories(folder.resolve("disc 1")).resolve("Dossier - Un.wav"), IngestionFixtures.uniqueWav());
        Files.write(folder.resolve("Dossier - Deux.wav"), IngestionFixtures.uniqueWav());
        Files.write(folder.resolve("notes.mp3"), IngestionFixtures.audio("text.mp3"));
        Files.write(folder.resolve(".DS_Store"), new byte[] {0, 1, 2});
        long tracks = IngestionFixtures.count("select count(*) from track");

        String location = startFolderImport(folder.toString()).statusCode(202).body("sourceKind", equalTo("FOLDER"))
                .body("source", equalTo(folder.toRealPath().toString())).extract().header("Location");
        awaitJob(location).body("state", equalTo("SUCCEEDED")).body("total", equalTo(3)).body("done", equalTo(2)).body("failed", equalTo(1))
                .body("errors.item", equalTo(List.of("notes.mp3")));
        assertThat(IngestionFixtures.count("select count(*) from track")).isEqualTo(tracks + 2);
        assertThat(IngestionFixtures.count("select count(*) from track_revision where title = 'Un' and artists = '{Dossier}'"))
                .as("a file of a subfolder, titled from its name").isEqualTo(1);
        assertThat(Files.exists(folder.resolve("Dossier - Deux.wav"))).as("the files are left where they were").isTrue();
    }

    @Test
    void aFolderOutsideTheAllowedOnesIsRefusedWithoutSayingWhatIsThere() throws Exception {
        Path root = Path.of(ConfigProvider.getConfig().getValue("music.ingestion.import-folders", String.class)).toAbsolutePath();
        Files.createDirectories(root);
        for (String folder : List.of("relative/folder", "/etc", root + "/../..", root + "/no-such-folder", "/no/such/folder")) {
            startFolderImport(folder).statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("folder"));
        }
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("prefix", "imports/x/", "folder", root.toString()))
                .post("/api/ingestion/imports").then().statusCode(400).body("errors.field", hasItem("prefix"));
    }

    private ValidatableResponse startFolderImport(String folder) {
        return given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("folder", folder))
                .post("/api/ingestion/imports").then();
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
