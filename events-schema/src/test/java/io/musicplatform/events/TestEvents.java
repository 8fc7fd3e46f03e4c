package io.musicplatform.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Example files, valid sample events and JSON helpers shared by the tests. */
final class TestEvents {

    /** A plain mapper, independent of the one under test, for reading and editing JSON trees. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    private TestEvents() {
    }

    static Path examplesDirectory() {
        try {
            return Path.of(TestEvents.class.getClassLoader().getResource("examples").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file under src/test/resources/examples, named {@code <topic>.<variant>.json}. */
    static Stream<Path> examples() {
        try (Stream<Path> files = Files.list(examplesDirectory())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EventType typeOf(Path example) {
        String name = example.getFileName().toString();
        return Stream.of(EventType.values())
                .filter(type -> name.startsWith(type.topic() + "."))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " does not start with a topic name"));
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] example(String fileName) {
        return bytes(examplesDirectory().resolve(fileName));
    }

    static ObjectNode tree(byte[] json) {
        return (ObjectNode) JSON.readTree(json);
    }

    static byte[] bytes(JsonNode tree) {
        return JSON.writeValueAsBytes(tree);
    }

    static TrackIngested trackIngested() {
        return new TrackIngested(
                UUID.fromString("11111111-2222-4333-8444-555555555555"),
                Instant.parse("2026-04-01T10:00:00.5Z"),
                "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
                2,
                TrackStatus.AVAILABLE,
                "Sample",
                List.of("Artist One", "Artist Two"),
                "Album",
                "Various Artists",
                "Pop",
                2025,
                7,
                1,
                180_000,
                new Media("media", "tracks/sample.mp3", "audio/mpeg", "mp3", 320, 48_000, 7_200_000,
                        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
                List.of("SE", "NO"));
    }

    static TrackPlayed trackPlayed() {
        return new TrackPlayed(
                UUID.fromString("99999999-8888-4777-8666-555555555555"),
                Instant.parse("2026-04-01T10:05:00Z"),
                "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
                "user-1",
                new PlayContext("android", "phone", "SE"),
                new TrackFacts("Artist One", "Pop", 180_000));
    }
}
