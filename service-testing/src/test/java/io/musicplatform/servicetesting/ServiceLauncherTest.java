package io.musicplatform.servicetesting;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the launcher says before it starts anything; launching for real is tested by each service's *IT,
 * the process handling itself by the kit's tests (ServiceProcess).
 */
class ServiceLauncherTest {

    @Test
    void refusesAModuleThatWasNotPackaged() {
        Path module = Path.of("target", "no-such-service");
        assertThatThrownBy(() -> ServiceLauncher.of(module).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No packaged service at " + module.toAbsolutePath().resolve("target/quarkus-app/quarkus-run.jar"))
                .hasMessageContaining("mvn -B -pl no-such-service -am package");
    }
}
