package io.musicplatform.realservers;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a child process's log says of the command that started it. */
class ChildProcessesTest {

    @Test
    void keepsPasswordsAndSecretKeysOutOfTheLog() {
        String shown = ChildProcesses.readable(List.of("java", "-Dquarkus.datasource.password=music",
                "-Dmusic.storage.secret-key=s3cr3t", "-Dquarkus.datasource.username=music", "-jar", "quarkus-run.jar"));
        assertThat(shown)
                .contains("-Dquarkus.datasource.password=****", "-Dmusic.storage.secret-key=****", "-Dquarkus.datasource.username=music")
                .doesNotContain("s3cr3t");
    }

    @Test
    void shortensAClasspathToItsSize() {
        assertThat(ChildProcesses.readable(List.of("java", "-cp", "a.jar:b.jar:c.jar", "kafka.Kafka")))
                .isEqualTo("java -cp (3 jars) kafka.Kafka");
    }
}
