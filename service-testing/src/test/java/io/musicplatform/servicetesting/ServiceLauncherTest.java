package io.musicplatform.servicetesting;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the launcher says before it starts anything; launching for real is tested by each service's *IT. */
class ServiceLauncherTest {

    @Test
    void refusesAModuleThatWasNotPackaged() {
        Path module = Path.of("target", "no-such-service");
        assertThatThrownBy(() -> ServiceLauncher.of(module).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No packaged service at " + module.toAbsolutePath().resolve("target/quarkus-app/quarkus-run.jar"))
                .hasMessageContaining("mvn -B -pl no-such-service -am package");
    }

    @Test
    void keepsPasswordsAndSecretKeysOutOfTheLog() {
        String shown = LaunchedService.readable(List.of("java", "-Dquarkus.datasource.password=music",
                "-Dmusic.storage.secret-key=s3cr3t", "-Dquarkus.datasource.username=music", "-jar", "quarkus-run.jar"));
        assertThat(shown)
                .contains("-Dquarkus.datasource.password=****", "-Dmusic.storage.secret-key=****", "-Dquarkus.datasource.username=music")
                .doesNotContain("s3cr3t");
    }
}
