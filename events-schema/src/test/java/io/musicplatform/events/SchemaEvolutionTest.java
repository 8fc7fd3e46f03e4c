package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gate on schema evolution: each schema may only change additively (see SchemaCompatibility)
 * relative to
 * <ul>
 * <li>its committed baseline copy in src/test/resources/schema-baseline/ (always), and</li>
 * <li>the version at git HEAD, when the build runs in a git checkout that has it (skipped otherwise).</li>
 * </ul>
 * After a deliberate additive change that passes, refresh the baseline by copying the new schema over
 * it, e.g. {@code cp src/main/resources/schemas/track-played.v1.json src/test/resources/schema-baseline/},
 * and commit both. A breaking change is not made to a v1 schema at all: it becomes a v2 event type on
 * a new topic (docs/events.md, "Evolution").
 */
class SchemaEvolutionTest {

    private static final Path BASELINE = Path.of(System.getProperty("events.schema.baseline",
            "src/test/resources/schema-baseline"));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaHasNoBreakingChangeAgainstTheCommittedBaseline(EventType type) {
        Path baseline = BASELINE.resolve(type.schemaFile());
        assertThat(baseline).as("baseline copy of %s; copy the schema there when adding an event type", type.schemaFile())
                .exists();

        assertThat(SchemaCompatibility.check(read(baseline), current(type)))
                .as("breaking changes of %s against %s", type.schemaResource(), baseline)
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaHasNoBreakingChangeAgainstGitHead(EventType type) {
        Optional<String> atHead = atGitHead(type);
        assumeTrue(atHead.isPresent(), "no git, or the schema is not committed at HEAD yet");

        assertThat(SchemaCompatibility.check(atHead.get(), current(type)))
                .as("breaking changes of %s against git HEAD", type.schemaResource())
                .isEmpty();
    }

    private static String current(EventType type) {
        return EventJson.schemaTree(type).toString();
    }

    /** The module directory: the baseline lives at src/test/resources/schema-baseline inside it. */
    private static Path moduleDirectory() {
        return BASELINE.toAbsolutePath().getParent().getParent().getParent().getParent();
    }

    private static Optional<String> atGitHead(EventType type) {
        try {
            Process git = new ProcessBuilder("git", "show", "HEAD:./src/main/resources/schemas/" + type.schemaFile())
                    .directory(moduleDirectory().toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] output = git.getInputStream().readAllBytes();
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
