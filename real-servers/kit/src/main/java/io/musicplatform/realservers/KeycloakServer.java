package io.musicplatform.realservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Keycloak with the music realm imported from {@code realm/music-realm.json}.
 *
 * <p>The distribution is unpacked and built once by the real-servers-keycloak module. Each instance
 * gets its own home, whose data folder (the file database, the realm to import) is its own and whose
 * other folders link to the shared distribution, so two instances never share state.
 *
 * <p>Stopped and started again, it keeps its file database under {@code home/data}: the realm
 * (imported only when missing), its users and its signing keys, so tokens issued before the stop
 * still verify after it.
 */
public final class KeycloakServer extends RealServer {

    public static final String REALM = "music";
    public static final String CLIENT_ID = "music-app";
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    static final String BUILT_MARKER = "lib/quarkus/music-platform.built";

    private final int port;
    private final int managementPort;

    KeycloakServer(Path directory, int port, int managementPort) {
        super(directory);
        this.port = port;
        this.managementPort = managementPort;
    }

    @Override
    public ServerKind kind() {
        return ServerKind.KEYCLOAK;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer and the base of every OIDC endpoint of the realm. */
    public String realmUrl() {
        return url() + "/realms/" + REALM;
    }

    @Override
    public Map<String, String> addresses() {
        return Map.of("realm", realmUrl(), "admin console", url() + "/admin (" + ADMIN_USER + " / " + ADMIN_PASSWORD + ")",
                "users", "listener / listener (user), operator / operator (user, admin)");
    }

    @Override
    void start() {
        Path distribution = ServerClasspath.path("keycloak.home");
        if (!Files.exists(distribution.resolve(BUILT_MARKER))) {
            throw new IllegalStateException("Keycloak in " + distribution + " has not been built for the kit: "
                    + "run mvn -DskipTests install -pl real-servers/keycloak");
        }
        Path home = directory.resolve("home");
        try {
            Files.createDirectories(home.resolve("bin"));
            Files.createDirectories(home.resolve("data/import"));
            for (String shared : List.of("lib", "conf", "providers", "themes")) {
                // Made anew at every start, so that they follow the distribution this build has.
                Path link = home.resolve(shared);
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, distribution.resolve(shared));
            }
            // kc.sh takes its home from its own real location, so it is copied rather than linked.
            Files.copy(distribution.resolve("bin/kc.sh"), home.resolve("bin/kc.sh"), StandardCopyOption.REPLACE_EXISTING);
            Files.write(home.resolve("data/import/music-realm.json"), ServerClasspath.bytes("realm/music-realm.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the Keycloak home in " + home, e);
        }
        String javaHome = System.getProperty("java.home");
        process = ServerProcess.start("keycloak", directory,
                List.of("sh", home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                        "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                        "--http-management-port=" + managementPort, "--hostname-strict=false", "--import-realm"),
                Map.of("JAVA_HOME", javaHome,
                        "PATH", javaHome + "/bin:" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                        "JAVA_OPTS_APPEND", "-javaagent:" + ServerClasspath.watchdogAgent(),
                        "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD));
        process.awaitReady(Duration.ofSeconds(180),
                () -> httpStatus(realmUrl() + "/.well-known/openid-configuration") == 200);
    }
}
