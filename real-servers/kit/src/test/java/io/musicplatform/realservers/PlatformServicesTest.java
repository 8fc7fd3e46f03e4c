package io.musicplatform.realservers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform's services ({@link PlatformService#ALL}) in {@code bin/platform up}: chosen with the
 * servers, started once those are ready, listed by {@code status}, stopped by {@code down}; a service
 * that cannot start stops the platform with its log. A real packaged service is started by the
 * end-to-end module's PlatformCommandIT, which the reactor builds after the services.
 */
class PlatformServicesTest {

    private static final Path ROOT = Path.of("target", "platform-services").toAbsolutePath();

    private final PlatformCommands platforms = new PlatformCommands();

    @AfterEach
    void stopPlatforms() throws InterruptedException {
        platforms.close();
    }

    @Test
    void aServiceThatCannotStartIsNamedWithItsLogAndThePlatformStops() throws Exception {
        Path checkout = ROOT.resolve("checkout-" + UUID.randomUUID());
        standInJar(checkout.resolve("catalog-service").resolve(ServiceLaunch.PACKAGED_JAR), NoCatalogToday.class);
        Path directory = ROOT.resolve("failing-" + UUID.randomUUID());
        Path output = directory.resolve("platform.out");

        Process platform = platforms.start(directory, output, "up", "--only", "kafka,postgres,catalog-service", "--free-ports",
                "--root", checkout.toString());

        assertThat(platform.waitFor(180, TimeUnit.SECONDS)).as(() -> PlatformCommands.read(output)).isTrue();
        assertThat(platform.exitValue()).isEqualTo(1);
        assertThat(Files.readString(output))
                .contains("catalog-service did not start, so the platform stops")
                .contains("catalog-service exited with code 3 before it was ready")
                .contains("Last lines of " + directory.resolve("services").resolve("catalog-service.log"))
                .contains(NoCatalogToday.SAYS)
                .contains("platform: stopped");
        for (String pidFile : List.of("kafka/server.pid", "postgres/server.pid", "postgres/data/postmaster.pid")) {
            assertThat(StaleProcesses.recordedProcess(directory.resolve(pidFile))).as(pidFile).isEmpty();
        }
        assertThat(RealServers.owner(directory)).isEmpty();
    }

    @Test
    void downStopsAServiceThatOutlivedItsPlatform() throws Exception {
        Path directory = ROOT.resolve("leftover-" + UUID.randomUUID());
        Path services = Files.createDirectories(directory.resolve("services"));
        // As a service whose platform command and watchdog were both killed would leave it.
        Process leftover = new ProcessBuilder("sleep", "300").start();
        Files.writeString(services.resolve("catalog-service.pid"), StaleProcesses.describe(leftover.toHandle()));

        List<String> stopped = RealServers.down(directory);

        assertThat(stopped).singleElement().asString().startsWith(leftover.pid() + " ");
        assertThat(leftover.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void servicesAreChosenWithTheServers() {
        assertThat(LocalPlatform.Selection.of("", "").startable()).extracting(PlatformService::name)
                .contains("catalog-service", "playback-service", "stats-service", "search-service", "ingestion-service");
        assertThat(LocalPlatform.Selection.of("", "catalog-service").startable()).extracting(PlatformService::name)
                .doesNotContain("catalog-service").isNotEmpty();
        assertThat(LocalPlatform.Selection.of("kafka,postgres", "").startable()).as("--only names what runs").isEmpty();
        assertThat(LocalPlatform.Selection.of("kafka,postgres,catalog-service", "").startable()).extracting(PlatformService::name)
                .containsExactly("catalog-service");
        // Left without a server it needs, a service is not started; without one it only uses, it is.
        assertThat(LocalPlatform.Selection.of("", "postgres").startable()).extracting(PlatformService::name)
                .containsExactly("search-service", "web", "gateway");
        assertThat(LocalPlatform.Selection.of("", "opensearch").startable()).extracting(PlatformService::name)
                .contains("catalog-service").doesNotContain("search-service");
        assertThat(LocalPlatform.Selection.of("", "keycloak").startable()).hasSameSizeAs(PlatformService.ALL);
        assertThatThrownBy(() -> LocalPlatform.Selection.of("", "catalog"))
                .hasMessageContaining("Unknown server or service 'catalog'")
                .hasMessageContaining("keycloak, catalog-service");
    }

    @Test
    void servicesWithoutAJarOrWithAnOlderOneAreBuiltUnlessARebuildIsAsked() throws Exception {
        Path checkout = ROOT.resolve("build-" + UUID.randomUUID());
        LocalPlatform.Selection all = LocalPlatform.Selection.of("", "");
        LocalPlatform.Selection catalog = LocalPlatform.Selection.of("kafka,postgres,catalog-service", "");
        assertThat(PlatformCommand.modulesToBuild(checkout, all, false).split(","))
                .containsExactlyElementsOf(PlatformService.ALL.stream().map(PlatformService::name).toList());
        assertThat(PlatformCommand.modulesToBuild(checkout, catalog, false)).isEqualTo("catalog-service");

        Path jar = checkout.resolve("catalog-service").resolve(ServiceLaunch.PACKAGED_JAR);
        standInJar(jar, NoCatalogToday.class);

        assertThat(PlatformCommand.modulesToBuild(checkout, catalog, false)).isEmpty();
        assertThat(PlatformCommand.modulesToBuild(checkout, catalog, true)).isEqualTo("catalog-service");

        // A source changed since the jar was built (a pull, an edit): built again. A shared module counts too.
        Path source = Files.createDirectories(checkout.resolve("service-core/src/main/java")).resolve("Changed.java");
        Files.writeString(source, "class Changed {}");
        Files.setLastModifiedTime(source, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(10)));
        assertThat(PlatformCommand.modulesToBuild(checkout, catalog, false)).isEqualTo("catalog-service");
    }

    /** A jar that runs {@code main} of a class of these tests, as a packaged service's jar would run the service. */
    private static void standInJar(Path jar, Class<?> main) throws Exception {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        String entry = main.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            try (var in = main.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
    }

    /** A service that fails at once, saying why. */
    public static final class NoCatalogToday {
        static final String SAYS = "no catalog today: the stand-in fails on purpose";

        public static void main(String[] args) {
            System.out.println(SAYS);
            System.exit(3);
        }
    }
}
